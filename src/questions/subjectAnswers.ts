/**
 * A yes/no question answered by its subject instead of a yes: "sprained my ankle badly last year" to
 * "have you had an injury before?", "had a temperature and feel rubbish" to the serious-signs screen.
 * The question's `yesWhen` (knowledge/symptom-check.yaml) says what counts: a red flag the red-flag
 * screen finds in the answer, read in the light of the question, or one of its words said as the
 * user's own on the one language layer (not denied, not someone else's, not asked about). Plain functions.
 */
import { splitIntoClauses } from '../language/clauses';
import { statusOf } from '../language/mentionStatus';
import { normalisedWords, normaliseText } from '../language/normalise';
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

const AMOUNTS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  ten: 10,
  fifteen: 15,
  twenty: 20,
  thirty: 30,
  forty: 40,
  sixty: 60,
};
const LENGTH_OF_TIME =
  /\b(\d+(?:\.\d+)?|a few|few|a couple of|couple of|a couple|half an|half a|an|a|one|two|three|four|five|ten|fifteen|twenty|thirty|forty|sixty) (?:more )?(mins?|minutes?|hours?|hrs?|hr)\b/g;

/** The longest length of time the answer says, in minutes ("for like 5 min", "a few mins", "half an hour"). */
function minutesSaid(text: string, context: ReadContext): number | undefined {
  let longest: number | undefined;
  for (const m of normalisedWords(text, context.language).matchAll(LENGTH_OF_TIME)) {
    const amount = /few/.test(m[1]) ? 3 : /couple/.test(m[1]) ? 2 : /half/.test(m[1]) ? 0.5 : (AMOUNTS[m[1]] ?? Number(m[1]));
    const minutes = amount * (m[2].startsWith('h') ? 60 : 1);
    if (longest === undefined || minutes > longest) longest = minutes;
  }
  return longest;
}

/** Yes or no from a length of time said, against the question's `lastsMinutes`; undefined when none is said. */
export function lengthAnswer(question: Question, text: string, context: ReadContext): 'yes' | 'no' | undefined {
  const limit = question.yesWhen?.lastsMinutes;
  const minutes = limit === undefined ? undefined : minutesSaid(text, context);
  if (limit === undefined || minutes === undefined) return undefined;
  return minutes >= limit ? 'yes' : 'no';
}
