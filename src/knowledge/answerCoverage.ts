/**
 * A kb:check-style warning for editors: a training example asks about words that its topic's first
 * answer does not contain but its "tell me more" does ("how do i check my pelvis", with the pelvis check
 * only in the detail). The point the question asks for must be in the first answer; "tell me more" adds
 * detail. `npm run kb:coverage` prints the warnings; a test keeps the knowledge base free of them.
 *
 * "The words it asks about" are the example's subject words that belong to its topic: words (stems) the
 * topic's examples use at least twice and that are not question or filler words. Plain function.
 */
import type { KnowledgeBase } from './loadKnowledge';
import { isStopword, stem, wordsOf } from '../nlp/textNormalizer';

export interface CoverageWarning {
  topic: string;
  example: string;
  /** The subject words the example asks about, none of which the answer mentions. */
  missing: string[];
}

const FRAME_WORDS = new Set(
  ['how', 'what', 'when', 'why', 'which', 'who', 'should', 'can', 'do', 'does', 'need', 'best', 'good', 'bad', 'help', 'back', 'lower', 'pain',
    'hurt', 'run', 'runner', 'running', 'sore', 'ache', 'much', 'long', 'more', 'one', 'get', 'make', 'thing', 'way', 'ok', 'worth', 'really',
    'go', 'again', 'anyone', 'work', 'after', 'exercise', 'training', 'will', 'feel', 'better', 'worse', 'leg', 'not', 'no', 'just', 'only'].map(stem),
);

const stemsOf = (text: string): string[] => wordsOf(text).filter((w) => !isStopword(w) && !/\d/.test(w)).map(stem);

export function answerCoverageWarnings(kb: KnowledgeBase): CoverageWarning[] {
  const warnings: CoverageWarning[] = [];
  for (const topic of kb.topics) {
    const counts = new Map<string, number>();
    for (const example of topic.examples) for (const s of new Set(stemsOf(example))) counts.set(s, (counts.get(s) ?? 0) + 1);
    const answered = new Set(stemsOf(`${topic.title} ${topic.answer}`));
    const detail = new Set(stemsOf(topic.more ?? ''));
    for (const example of topic.examples) {
      const asked = [...new Set(stemsOf(example))].filter((s) => !FRAME_WORDS.has(s) && (counts.get(s) ?? 0) >= 2);
      const onlyInDetail = asked.filter((s) => detail.has(s));
      if (onlyInDetail.length > 0 && !asked.some((s) => answered.has(s))) warnings.push({ topic: topic.id, example, missing: onlyInDetail });
    }
  }
  return warnings;
}
