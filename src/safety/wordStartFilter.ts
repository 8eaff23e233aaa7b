/**
 * The screen's combined pre-filter, worked out once per rule set. Every red-flag and concept regex is
 * compiled as `(?<![\w])(?:a|b|...)(?![\w])`, so a match begins where a word begins, with the letters its
 * alternative starts with. A regex none of whose alternatives' first letters begin any word of a message
 * cannot match it, and is not run: most of the ~300 match nowhere in a given message, and one look-up per
 * word prefix replaces trying each of them over the whole text.
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
  const byStart = new Map<string, number[]>();
  all.forEach((regex, index) => {
    const starts = regex.flags.includes('i') ? null : alternativeStarts(regex.source);
    if (!starts) {
      always.push(index);
      return;
    }
    for (const start of starts) {
      const list = byStart.get(start);
      if (!list) byStart.set(start, [index]);
      else if (list[list.length - 1] !== index) list.push(index);
    }
  });
  return {
    candidates(text: string): Set<RegExp> {
      const marked = new Uint8Array(all.length);
      for (const index of always) marked[index] = 1;
      for (const word of new Set(text.match(/\w+/g))) {
        for (let end = 1; end <= word.length; end += 1) {
          const list = byStart.get(word.slice(0, end));
          if (list) for (const index of list) marked[index] = 1;
        }
      }
      const found = new Set<RegExp>();
      for (let index = 0; index < all.length; index += 1) if (marked[index]) found.add(all[index]);
      return found;
    },
  };
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
