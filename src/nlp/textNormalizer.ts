/**
 * Turns what a runner typed on a phone into the tokens the classifier understands: markup stripped,
 * contractions expanded (so "don't" keeps its "not"), text-speak replaced, typos corrected against the
 * training vocabulary, then stemmed. Plain functions, no I/O.
 */
import type * as Natural from 'natural';
import { isEnglishWord } from '../language/dictionary';

// natural's leaf modules, not its index: the index loads every feature of the package (and database
// clients), ~110 MB of memory and ~0.3 s of start-up for three functions (issue #6 benchmark).
const { DamerauLevenshteinDistance } = require('natural/lib/natural/distance/levenshtein_distance') as Pick<
  typeof Natural,
  'DamerauLevenshteinDistance'
>;
const PorterStemmer = require('natural/lib/natural/stemmers/porter_stemmer') as typeof Natural.PorterStemmer;
const stopwords = (require('natural/lib/natural/util/stopwords') as { words: string[] }).words;

/** Words too common to tell intents apart. Question words and negations are kept: they carry meaning. */
const KEPT_STOPWORDS = new Set([
  'how',
  'what',
  'when',
  'why',
  'which',
  'who',
  'not',
  'no',
  'long',
  'more',
  'before',
  'after',
  'during',
  'should',
  'can',
  'off',
  'down',
  'up',
  'over',
  'again',
  'back',
  'much',
  'side',
  'one',
]);
const STOPWORDS = new Set(
  stopwords
    .filter((word) => !KEPT_STOPWORDS.has(word))
    .concat(['im', 'ive', 'pls', 'please', 'ok', 'okay', 'really', 'just', 'like', 'get', 'got']),
);

const CONTRACTIONS: Array<[RegExp, string]> = [
  [/\bcan'?t\b/g, 'can not'],
  [/\bwon'?t\b/g, 'will not'],
  [/\b(\w+)n't\b/g, '$1 not'],
  [/\b(\w+)'re\b/g, '$1 are'],
  [/\b(\w+)'ve\b/g, '$1 have'],
  [/\b(\w+)'ll\b/g, '$1 will'],
  [/\b(\w+)'d\b/g, '$1 would'],
  [/\b(\w+)'m\b/g, '$1 am'],
  [/\b(\w+)'s\b/g, '$1'],
];

export interface SanitizedText {
  text: string;
  /** True when the message contained HTML or script tags (removed, never echoed back). */
  hadMarkup: boolean;
}

/** Removes markup, control characters and runs of whitespace. The result is safe to quote back. */
export function sanitizeUserText(raw: string): SanitizedText {
  const withoutScripts = raw.replace(/<(script|style)[\s\S]*?(<\/\1\s*>|$)/gi, ' ');
  const withoutTags = withoutScripts.replace(/<\/?[a-z!][^>]*>/gi, ' ');
  const text = withoutTags
    .replace(/&(nbsp|amp|lt|gt|quot|#39);/g, ' ')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return { text, hadMarkup: withoutTags !== raw };
}

/** Lower-case words and numbers, contractions expanded, curly quotes straightened. */
export function wordsOf(text: string): string[] {
  let lowered = text.toLowerCase().replace(/[\u2018\u2019\u02bc`]/g, "'");
  for (const [pattern, replacement] of CONTRACTIONS) lowered = lowered.replace(pattern, replacement);
  return lowered.match(/[a-z0-9]+(?:'[a-z]+)?/g) ?? [];
}

export interface Lexicon {
  replacements: Record<string, string>;
  /** Words and phrases that say nothing about what is asked ("apparently", "just in case"): dropped, so they never dilute a question. */
  fillers?: readonly string[];
}

/** A lexicon's fillers as word sequences, longest first, worked out once per lexicon. */
const fillerPhrases = new WeakMap<Lexicon, string[][]>();

export function applyLexicon(words: string[], lexicon: Lexicon): string[] {
  // Own keys only: a plain object also answers "constructor" or "toString" with its prototype's function.
  const replaced = words.flatMap((word) => (Object.hasOwn(lexicon.replacements, word) ? lexicon.replacements[word]! : word).split(' '));
  if (!lexicon.fillers?.length) return replaced;
  let phrases = fillerPhrases.get(lexicon);
  if (!phrases) fillerPhrases.set(lexicon, (phrases = lexicon.fillers.map((f) => f.split(' ')).sort((a, b) => b.length - a.length)));
  const kept: string[] = [];
  for (let i = 0; i < replaced.length;) {
    const filler = phrases.find((p) => p.every((w, j) => replaced[i + j] === w));
    if (filler) i += filler.length;
    else kept.push(replaced[i++]);
  }
  return kept;
}

/**
 * Corrects a word to the closest word the classifier has seen. Short words need an exact match:
 * one edit turns "leg" into "lag" or "log", which is worse than not knowing the word. A real English
 * word is never changed: "cook" is not a typo of "cool", nor "said" of "sand"; the classifier reads it
 * as a word it was not taught (see src/language/dictionary.ts).
 */
export class SpellingCorrector {
  private readonly byFirstLetter = new Map<string, string[]>();
  private readonly cache = new Map<string, string>();

  constructor(private readonly vocabulary: ReadonlySet<string>) {
    for (const word of vocabulary) {
      const bucket = this.byFirstLetter.get(word[0]) ?? [];
      bucket.push(word);
      this.byFirstLetter.set(word[0], bucket);
    }
  }

  correct(word: string): string {
    if (this.vocabulary.has(word) || word.length < 4 || /\d/.test(word) || isEnglishWord(word)) return word;
    const cached = this.cache.get(word);
    if (cached !== undefined) return cached;
    const maxEdits = word.length >= 7 ? 2 : 1;
    let best = word;
    let bestDistance = maxEdits + 1;
    // Typos rarely change the first letter; checking only that bucket keeps correction cheap.
    for (const candidate of this.byFirstLetter.get(word[0]) ?? []) {
      if (Math.abs(candidate.length - word.length) > maxEdits) continue;
      const distance = DamerauLevenshteinDistance(word, candidate, { transposition_cost: 1 } as never);
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    if (this.cache.size < 10_000) this.cache.set(word, best);
    return best;
  }
}

export const isStopword = (word: string): boolean => STOPWORDS.has(word);
/**
 * Porter stems, remembered: a turn stems the same few words in the classifier's exact-match key, its
 * features and the second opinion's, and the stemmer's regexes cost more than a lookup. Bounded, since
 * users type words without end; past the bound a word is stemmed afresh, with the same result.
 */
const stems = new Map<string, string>();
const MAX_REMEMBERED_STEMS = 50_000;
export const stem = (word: string): string => {
  let stemmed = stems.get(word);
  if (stemmed === undefined) {
    stemmed = PorterStemmer.stem(word);
    if (stems.size < MAX_REMEMBERED_STEMS) stems.set(word, stemmed);
  }
  return stemmed;
};
