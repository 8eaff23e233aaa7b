/**
 * The end of a symptom check, as channel-neutral replies: the triage and next step, a summary of what
 * the user said, and the knowledge-base advice that fits their answers. Plain functions. (The answers
 * that are red flags in themselves, and end the check at once, are redFlagsInAnswers in assessSymptoms.ts.)
 */
import type { BotReply, ReplyChoice, TriageCard } from '../conversation/botReply';
import type { KnowledgeBase } from '../knowledge/loadKnowledge';
import { topicAnswer } from '../conversation/topicReplies';
import type { Say } from '../conversation/wording';
import type { TriageLevel } from '../safety/types';
import type { SymptomCheckContent } from './symptomCheckContent';
import type { SymptomAssessment } from './types';

export interface ResultParts {
  kb: KnowledgeBase;
  say: Say;
  content: SymptomCheckContent;
  /** The level's next-step text (with its not-a-diagnosis line), from the safety wording. */
  triageText: (level: TriageLevel) => string;
  /** The card rich channels show with the triage text (its level and, for emergencies, the call). */
  triageCard?: (level: TriageLevel) => TriageCard;
  bookingChoice?: ReplyChoice;
}

/** The knowledge topics for the assessment's advice keys: the first existing topic of each key, no repeats. */
export function adviceTopicIds(assessment: SymptomAssessment, content: SymptomCheckContent, kb: KnowledgeBase, limit = 2): string[] {
  const ids: string[] = [];
  for (const key of assessment.adviceKeys) {
    const id = (content.advice[key] ?? []).find((candidate) => kb.topicsById.has(candidate) && !ids.includes(candidate));
    if (id) ids.push(id);
    if (ids.length === limit) break;
  }
  return ids;
}

/**
 * In the order a physio would close: what you told me, what fits it from our guides, then the
 * triage and next step last, so the action is what stays on screen.
 */
export function composeSymptomCheckResult(parts: ResultParts, assessment: SymptomAssessment, keptAnswers: boolean): BotReply[] {
  const { kb, say, content } = parts;
  const summary = content.result.summary.replace('{reasons}', assessment.reasons.join(', ') || content.result.noDetail);
  const replies: BotReply[] = [{ text: summary }];
  adviceTopicIds(assessment, content, kb).forEach((id, i) => {
    const answer = topicAnswer(kb, say, kb.topicsById.get(id)!);
    replies.push({ text: i === 0 ? `${content.result.adviceIntro}\n\n${answer.text}` : answer.text, sources: answer.sources });
  });
  // Said before the triage, so the result and its buttons are the last message (a chat shows a
  // message's suggested buttons only while it is the latest).
  if (!keptAnswers) replies.push({ text: content.result.declinedConsent });
  const choices = assessment.triage === 'routine' && parts.bookingChoice ? [parts.bookingChoice] : [];
  replies.push({
    text: parts.triageText(assessment.triage),
    choices,
    ...(parts.triageCard ? { card: parts.triageCard(assessment.triage) } : {}),
  });
  return replies;
}
