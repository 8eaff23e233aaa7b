/**
 * The screen's combined pre-filter, worked out once per rule set. Every red-flag and concept regex is
 * compiled as `(?<![\w])(?:a|b|...)(?![\w])`, so a match begins where a word begins, with the letters its
 * alternative starts with. A regex none of whose alternatives' first letters begin any word of a message
 * cannot match it, and is not run: most of the ~300 match nowhere in a given message, and one walk of a
 * letter trie per word replaces trying each of them over the whole text.
 *
 * Conservative by construction: a regex of any other shape, or with an alternative that does not start
 * with plain lower-case letters or digits ("(?:cant|couldnt) ...", "\d am", another script), is a
 * candidate for every message. So the regexes run are always a superset of those that match.
 */

export interface WordStartFilter {
  /** The regexes that may match somewhere in `text`, in the order they were given. */
  candidates(text: string): Set<RegExp>;
}

const PREFIX = '(?<![\\w])(?:';
const SUFFIX = ')(?![\\w])';

export function wordStartFilter(regexes: Iterable<RegExp>): WordStartFilter {
  const all = [...regexes];
  const always: number[] = [];
  const trie = new StartTrie();
  all.forEach((regex, index) => {
    const starts = regex.flags.includes('i') ? null : alternativeStarts(regex.source);
    if (!starts) always.push(index);
    else for (const start of starts) trie.add(start, index);
  });
  // One buffer for the marks, reused: a screen runs synchronously, so no two calls overlap.
  const marked = new Uint8Array(all.length);
  return {
    candidates(text: string): Set<RegExp> {
      marked.fill(0);
      for (const index of always) marked[index] = 1;
      trie.markWordStarts(text, marked);
      const found = new Set<RegExp>();
      for (let index = 0; index < all.length; index += 1) if (marked[index]) found.add(all[index]);
      return found;
    },
  };
}

/** A word character as `\w` reads it (ASCII letters, digits, underscore). */
function isWordChar(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95;
}

/** The slot of a character a start can hold (a-z, then 0-9), or -1: starts are plain lower-case letters and digits. */
function slotOf(code: number): number {
  if (code >= 97 && code <= 122) return code - 97;
  if (code >= 48 && code <= 57) return code - 48 + 26;
  return -1;
}

const SLOTS = 36;

/**
 * The starts as a letter trie, so each word of a message is walked once, letter by letter, instead of
 * cutting every prefix of it as a string and looking each up (which was most of the filter's cost).
 * A walk stops at the first letter no start continues with; a start never holds an upper-case letter
 * or an underscore, so stopping there finds exactly the starts that are prefixes of the word.
 */
class StartTrie {
  /** Node n's child for slot s is children[n * SLOTS + s] (0: none; node 0 is the root). */
  private children = new Int32Array(SLOTS * 64);
  private nodes = 1;
  /** The regexes (indexes) whose start ends at each node. */
  private readonly lists: Array<number[] | undefined> = [];

  add(start: string, index: number): void {
    let node = 0;
    for (let i = 0; i < start.length; i += 1) {
      const at = node * SLOTS + slotOf(start.charCodeAt(i));
      if (this.children[at] === 0) {
        if ((this.nodes + 1) * SLOTS > this.children.length) {
          const grown = new Int32Array(this.children.length * 2);
          grown.set(this.children);
          this.children = grown;
        }
        this.children[at] = this.nodes++;
      }
      node = this.children[at];
    }
    const list = this.lists[node];
    if (!list) this.lists[node] = [index];
    else if (list[list.length - 1] !== index) list.push(index);
  }

  /** Marks every regex one of whose starts begins a word of `text`. */
  markWordStarts(text: string, marked: Uint8Array): void {
    let previousIsWord = false;
    for (let i = 0; i < text.length; i += 1) {
      const isWord = isWordChar(text.charCodeAt(i));
      if (isWord && !previousIsWord) {
        let node = 0;
        for (let j = i; j < text.length; j += 1) {
          const slot = slotOf(text.charCodeAt(j));
          if (slot < 0) break;
          node = this.children[node * SLOTS + slot];
          if (node === 0) break;
          const list = this.lists[node];
          if (list) for (const index of list) marked[index] = 1;
        }
      }
      previousIsWord = isWord;
    }
  }
}

/** The letters each alternative must start with; null when some alternative's start is not plain letters. */
function alternativeStarts(source: string): string[] | null {
  if (!source.startsWith(PREFIX) || !source.endsWith(SUFFIX)) return null;
  const body = source.slice(PREFIX.length, source.length - SUFFIX.length);
  // The outer group must close at the very end: "(?:a)b(?:c)" is not the one shape this reads.
  return groupEnd(`(?:${body})`, 0) === body.length + 3 ? startsOf(body) : null;
}

/** Where the group opening at `open` closes (the index of its ")"), or -1. */
function groupEnd(pattern: string, open: number): number {
  let depth = 0;
  let inClass = false;
  for (let i = open; i < pattern.length; i += 1) {
    const ch = pattern[i];
    if (ch === '\\') i += 1;
    else if (inClass) inClass = ch !== ']';
    else if (ch === '[') inClass = true;
    else if (ch === '(') depth += 1;
    else if (ch === ')' && --depth === 0) return i;
  }
  return -1;
}

/** The top-level alternatives of a pattern (its "|" outside groups and classes). */
function alternativesOf(pattern: string): string[] {
  const alternatives: string[] = [];
  let depth = 0;
  let inClass = false;
  let from = 0;
  for (let i = 0; i < pattern.length; i += 1) {
    const ch = pattern[i];
    if (ch === '\\') i += 1;
    else if (inClass) inClass = ch !== ']';
    else if (ch === '[') inClass = true;
    else if (ch === '(') depth += 1;
    else if (ch === ')') depth -= 1;
    else if (ch === '|' && depth === 0) {
      alternatives.push(pattern.slice(from, i));
      from = i + 1;
    }
  }
  alternatives.push(pattern.slice(from));
  return alternatives;
}

/**
 * The letters every match of `pattern` may start with: an alternative's leading letters, or, when it
 * starts with a group that must be there ("(?:cant|unable to) pee"), the starts of that group's alternatives.
 */
function startsOf(pattern: string): string[] | null {
  const starts: string[] = [];
  for (const alternative of alternativesOf(pattern)) {
    if (alternative.startsWith('(?:')) {
      const end = groupEnd(alternative, 0);
      // An optional group ("(?:my )?back") may be missing, so what follows it could start the match.
      if (end < 0 || '?*{'.includes(alternative[end + 1] ?? '|')) return null;
      const inner = startsOf(alternative.slice(3, end));
      if (!inner) return null;
      starts.push(...inner);
      continue;
    }
    const letters = leadingLetters(alternative);
    if (!letters) return null;
    starts.push(letters);
  }
  return starts;
}

/** The plain letters and digits an alternative begins with, up to the first one that is optional or special. */
function leadingLetters(alternative: string): string {
  let letters = '';
  for (let i = 0; i < alternative.length; i += 1) {
    const ch = alternative[i];
    if (!/[a-z0-9]/.test(ch)) break;
    const next = alternative[i + 1];
    // "pains?", "ache\w*", "x{0,2}": the letter may be missing, so the word need not have it.
    if (next === '?' || next === '*' || next === '{') break;
    letters += ch;
    // "a+" may repeat: the letters after it in the pattern may sit further along the word.
    if (next === '+') break;
  }
  return letters;
}
