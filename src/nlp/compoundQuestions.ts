/**
 * Two questions in one message ("ice or heat and how long till i can run again", "should i do squats
 * and deadlifts"): the message is split at "and", "or", "plus", "also", question marks and semicolons,
 * each part is classified on its own, and every distinct topic a part asks about confidently is kept,
 * in the order asked. One topic found (or none) means the message is answered as a whole, as before.
 * Plain functions, no I/O.
 */
import { aboutOtherSubject, classifyIntent, subjectWordsFor, type IntentModel, type IntentPrediction } from './intentClassifier';
import { isStopword, wordsOf } from './textNormalizer';

const SPLIT_AT = /\s*(?:\?+|;|\.\s|,?\s+(?:and also|and then|and|or|plus|also)\s+)\s*/i;

/** "which is better", "which one should i do": the comparison itself, which no part can answer alone. */
const COMPARISON =
  /\b(?:which|what)(?:'s|\s+is|\s+one)?(?:\s+(?:is|would be|should i (?:do|pick|choose)))?\s+(?:better|best)\b|\bwhich one\b/gi;

/** The parts of a message worth classifying alone: each must keep at least one content word. */
export function questionParts(text: string): string[] {
  return text
    .replace(COMPARISON, ' ')
    .split(SPLIT_AT)
    .map((part) => part.trim())
    .filter((part) => wordsOf(part).some((word) => !isStopword(word)));
}

/** A part this confident is a question of its own whatever its words. */
const STRONG_PART = 0.4;
/** Words that point back to what the message already named: "do squats help or do they hurt it more". */
const REFERS_BACK = new Set(['it', 'its', 'they', 'them', 'theyre', 'that', 'thats', 'this', 'those', 'these']);
/** How a question of its own opens: "how long till i can run again", "what surface should i run on". */
const OPENS_AS_QUESTION =
  /^(?:how|what|whats|wats|why|when|where|which|who|should|shud|can|could|cud|do|does|did|is|are|will|would|wud|am|r|any|have|has)\b/;

/**
 * A part asks a question of its own when it opens as a question ("and how long till i can run again")
 * or names a subject that belongs to its topic ("deadlifts", "heat", "bridges"), without pointing back
 * to what the message already named ("is it any good", "or do they hurt it more"). Anything else only
 * continues the first question ("does the pain come from my back or from other muscles"), and the whole
 * message is what is asked. A part that alone matches a topic strongly counts whatever its words.
 */
function asksOnItsOwn(model: IntentModel, part: string, prediction: IntentPrediction): boolean {
  if (prediction.score >= STRONG_PART) return true;
  const words = wordsOf(part);
  if (words.some((word) => REFERS_BACK.has(word))) return false;
  if (words.length > 1 && OPENS_AS_QUESTION.test(words.join(' '))) return true;
  return subjectWordsFor(model, part, prediction.intent!).some((word) => model.subjectOwners.get(word) === prediction.intent);
}

export interface CompoundPlan {
  /** Distinct knowledge topics asked about, in the order asked; two or more. */
  topics: string[];
  /** The score of each topic's part, for the turn summary. */
  scores: number[];
}

/**
 * The topics of a compound question, or undefined when the message asks about at most one topic.
 * `isTopic` tells knowledge topics from conversation intents ("thanks and bye" is not two questions).
 */
export function compoundPlan(model: IntentModel, text: string, isTopic: (intent: string) => boolean): CompoundPlan | undefined {
  const parts = questionParts(text);
  if (parts.length < 2) return undefined;
  // "my dog has a sore back leg and won't jump": each part borrows a topic word, the whole is another subject.
  if (aboutOtherSubject(model, text)) return undefined;
  const topics: string[] = [];
  const scores: number[] = [];
  for (const part of parts) {
    const prediction: IntentPrediction = classifyIntent(model, part);
    if (!prediction.intent || !isTopic(prediction.intent) || prediction.score < model.threshold) continue;
    if (!asksOnItsOwn(model, part, prediction)) continue;
    if (topics.includes(prediction.intent)) continue;
    topics.push(prediction.intent);
    scores.push(prediction.score);
  }
  return topics.length >= 2 ? { topics, scores } : undefined;
}
