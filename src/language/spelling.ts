/**
 * The one spelling corrector for answers: a word a letter or two off one word of what a reader looks
 * for becomes that word ("sned" -> "send", "ahed" -> "ahead", "tingleing" -> "tingling"). It never turns a
 * real word into another: the caller says which words to keep (a real English word, a number word), and a
 * word two vocabulary words are equally close to is left as typed. Typos rarely change the first letter
 * or the length by more than one, so only those candidates are compared. Plain functions, remembered.
 */

export interface SpellingOptions {
  /** Words shorter than this are left alone: one slip in a short word is more often another word. */
  minLength: number;
  /** Words that are themselves (real words, number words): never corrected. */
  keep: (word: string) => boolean;
}

/** Optimal string alignment distance (Damerau-Levenshtein with adjacent transpositions). */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

const MAX_REMEMBERED = 5000;
const remembered = new WeakMap<ReadonlySet<string>, Map<string, string>>();

/** The one vocabulary word `word` is a slip away from (two slips from 9 letters), or `word` itself. */
export function correctTowards(word: string, vocabulary: ReadonlySet<string>, options: SpellingOptions): string {
  if (word.length < options.minLength || !/^[a-z]+$/.test(word) || vocabulary.has(word) || options.keep(word)) return word;
  let cache = remembered.get(vocabulary);
  if (!cache) remembered.set(vocabulary, (cache = new Map()));
  const known = cache.get(word);
  if (known !== undefined) return known;
  const maxEdits = word.length >= 9 ? 2 : 1;
  let best = word;
  let bestDistance = maxEdits + 1;
  let tie = false;
  for (const candidate of vocabulary) {
    if (candidate[0] !== word[0] || Math.abs(candidate.length - word.length) > 1) continue;
    const distance = editDistance(word, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
      tie = false;
    } else if (distance === bestDistance) {
      tie = true;
    }
  }
  const result = bestDistance <= maxEdits && !tie ? best : word;
  if (cache.size < MAX_REMEMBERED) cache.set(word, result);
  return result;
}

/**
 * A last letter typed twice ("bothh", "sidee", "legg"): the word without it, when that is a real word and
 * the typed one is not: short words, which the corrector leaves alone ("both", "side", "leg").
 */
export function withoutDoubledEnding(word: string, isWord: (w: string) => boolean): string {
  if (word.length < 3 || word[word.length - 1] !== word[word.length - 2] || !/^[a-z]+$/.test(word) || isWord(word)) return word;
  const single = word.slice(0, -1);
  // Longer words are the corrector's: a rare real word ("enroll", "divorcee") may not be in the dictionary.
  return single.length <= 4 && isWord(single) ? single : word;
}
