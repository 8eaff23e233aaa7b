/**
 * Two questions in one message ("ice or heat and how long till i can run again", "should i do squats
 * and deadlifts"): the message is split at "and", "or", "plus", "also", question marks and semicolons,
 * each part is classified on its own, and every distinct topic a part asks about confidently is kept,
 * in the order asked. One topic found (or none) means the message is answered as a whole, as before.
 * Plain functions, no I/O.
 */
import { classifyIntent, type IntentModel, type IntentPrediction } from './intentClassifier';
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
  const topics: string[] = [];
  const scores: number[] = [];
  for (const part of parts) {
    const prediction: IntentPrediction = classifyIntent(model, part);
    if (!prediction.intent || !isTopic(prediction.intent) || prediction.score < model.threshold) continue;
    if (topics.includes(prediction.intent)) continue;
    topics.push(prediction.intent);
    scores.push(prediction.score);
  }
  return topics.length >= 2 ? { topics, scores } : undefined;
}
