/**
 * The end of a symptom check, as channel-neutral replies: the triage and next step, a summary of what
 * the user said, and the knowledge-base advice that fits their answers. Also the answers that are red
 * flags in themselves and must end the check at once. Plain functions.
 */
import type { BotReply, ReplyChoice, TriageCard } from '../conversation/botReply';
import type { KnowledgeBase } from '../knowledge/loadKnowledge';
import { topicAnswer } from '../conversation/topicReplies';
import type { Say } from '../conversation/wording';
import type { RedFlagHit, TriageLevel } from '../safety/types';
import type { SymptomCheckContent } from './symptomCheckContent';
import type { SymptomAnswers, SymptomAssessment } from './types';

/** Answers that are red flags by themselves, with the ids used in TurnSummary and the red-flag data. */
export function urgentAnswerFlags(answers: SymptomAnswers): RedFlagHit[] {
  const hits: RedFlagHit[] = [];
  if (answers.caudaEquinaScreen === true) {
    hits.push({ id: 'cauda-equina-screen', level: 'emergency', suggests: 'pressure on the nerves at the base of the spine (cauda equina)' });
  }
  if (answers.legSymptoms && answers.legSymptoms.legs === 'both') {
    hits.push({ id: 'bilateral-leg-symptoms', level: 'emergency', suggests: 'pressure on the nerves to both legs' });
  }
  if (answers.seriousSignsScreen === true) {
    hits.push({ id: 'serious-signs-screen', level: 'urgent', suggests: 'a cause other than strain, such as infection, that needs a doctor soon' });
  }
  if (answers.timing?.some((t) => t === 'at_night' || t === 'all_the_time')) {
    hits.push({ id: 'non-mechanical-pain', level: 'urgent', suggests: 'pain that does not behave like a strain and needs a doctor to look at it' });
  }
  return hits;
}

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
  const choices = assessment.triage === 'routine' && parts.bookingChoice ? [parts.bookingChoice] : [];
  replies.push({ text: parts.triageText(assessment.triage), choices, ...(parts.triageCard ? { card: parts.triageCard(assessment.triage) } : {}) });
  if (!keptAnswers) replies.push({ text: content.result.declinedConsent });
  return replies;
}
