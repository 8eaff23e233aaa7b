/**
 * A yes/no question answered by its subject instead of a yes: "sprained my ankle badly last year" to
 * "have you had an injury before?", "had a temperature and feel rubbish" to the serious-signs screen.
 * The question's `yesWhen` (knowledge/symptom-check.yaml) says what counts: a red flag the red-flag
 * screen finds in the answer, read in the light of the question, or one of its words said as the
 * user's own on the one language layer (not denied, not someone else's, not asked about). Plain functions.
 */
import { splitIntoClauses } from '../language/clauses';
import { statusOf } from '../language/mentionStatus';
import { normaliseText } from '../language/normalise';
import { termToRegexSource } from '../safety/conceptRules';
import type { ReadContext } from './answerTypes';
import type { Question } from './questionCatalogue';

const compiled = new WeakMap<readonly string[], RegExp>();

function wordsOf(terms: readonly string[]): RegExp {
  let regex = compiled.get(terms);
  if (!regex) {
    const sources = [...terms].sort((a, b) => b.length - a.length).map((term) => termToRegexSource(term));
    regex = new RegExp(`(?<![\\w])(?:${sources.join('|')})(?![\\w])`, 'g');
    compiled.set(terms, regex);
  }
  return regex;
}

/** True when the answer says, as the user's own, one of the words the question asks about. */
export function saysSubject(question: Question, text: string, context: ReadContext): boolean {
  const said = question.yesWhen?.said;
  if (!said?.length) return false;
  const regex = wordsOf(said);
  for (const clause of splitIntoClauses(normaliseText(text, context.language), context.language.clauseBreaks)) {
    for (const m of clause.text.matchAll(regex)) {
      const span = { start: m.index, end: m.index + m[0].length };
      if (statusOf({ ...clause, mentions: [span] }, span, context.language) === 'affirmed') return true;
    }
  }
  return false;
}

/**
 * True when the red-flag screen finds, in the answer, a sign the question screens for. It wins over
 * the yes/no words: "it never lets up, even in bed" is a yes to "is the pain constant?", not a "never".
 */
export function flagsSubject(question: Question, text: string, context: ReadContext): boolean {
  const flags = question.yesWhen?.flags;
  if (!flags?.length || !context.redFlagsIn) return false;
  const found = context.redFlagsIn(text, question.id);
  return flags.some((flag) => found.has(flag));
}
