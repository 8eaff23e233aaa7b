/**
 * Short answers' own shorthand ("lft", "wks", "nite", "yday"), fixed word by word from the lexicon's
 * `answerWords` (knowledge/nlp/lexicon.yaml). Only the symptom-check readers apply them: a single
 * letter or text-speak means one thing as the answer to "which side?" or "how long?" and may mean
 * another in a story the red-flag screen reads ("prob" is "probably" here, "problem" there).
 */

/** The part of the lexicon that fixes answer words. */
export interface AnswerWordsLexicon {
  answerWords?: ReadonlyMap<string, string>;
}

/** Each word replaced by the lexicon's fix for it, if it has one. */
export function fixAnswerWords(words: string[], lexicon: AnswerWordsLexicon): string[] {
  const fixes = lexicon.answerWords;
  if (!fixes || fixes.size === 0) return words;
  return words.flatMap((word) => (fixes.get(word) ?? word).split(' '));
}
