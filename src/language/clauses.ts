/**
 * Sentences and clauses: a negation reaches only its own clause ("no numbness but my bladder is weird"),
 * and a red flag's parts must meet in one sentence. The clause breaks are the lexicon's
 * (knowledge/safety/red-flags.yaml, detector.clauseBreaks).
 */

export interface Span {
  start: number;
  end: number;
}

export interface Clause {
  text: string;
  /**
   * The clause with its neighbours in the same sentence, for context conditions (askIf/unless):
   * "can't lift my leg | because it hurts".
   */
  context: string;
  /** Which sentence of the message the clause belongs to (0, 1, ...). */
  sentence: number;
  /** Spans of every pattern match in the clause, used to tell a symptom's own "no"/"can't" from a denial. */
  mentions: Span[];
}

/** A sentence that opens so carries on the one before it. */
const CONTINUES = /^\s*(?:and|plus|with|or)\b/;

/** How many neighbouring clauses on each side count as a mention's context. */
const CONTEXT_CLAUSES = 2;

/** Sentences, then clauses inside each sentence. */
export function splitClauses(normalised: string, clauseBreaks: RegExp): string[] {
  return splitIntoClauses(normalised, clauseBreaks).map((c) => c.text);
}

/**
 * No clause is longer than this: a run-on list ("no fever, no fever, ...") is cut at commas, or at
 * spaces, into clauses of at most this many characters. Reading a clause looks back over its words for
 * each mention, so a bound on its length keeps the whole screen linear in the length of the text.
 */
export const MAX_CLAUSE_CHARS = 200;

function chunked(part: string): string[] {
  if (part.length <= MAX_CLAUSE_CHARS) return [part];
  const chunks: string[] = [];
  let rest = part;
  while (rest.length > MAX_CLAUSE_CHARS) {
    const window = rest.slice(0, MAX_CLAUSE_CHARS);
    const cut = Math.max(window.lastIndexOf(','), window.lastIndexOf(' '));
    const at = cut > MAX_CLAUSE_CHARS / 2 ? cut : MAX_CLAUSE_CHARS;
    chunks.push(rest.slice(0, at).replace(/[\s,]+$/, ''));
    rest = rest.slice(at).replace(/^[\s,]+/, '');
  }
  if (rest) chunks.push(rest);
  return chunks.filter((c) => c.length > 0);
}

export function splitIntoClauses(normalised: string, clauseBreaks: RegExp): Clause[] {
  const tidy = (part: string): string => part.replace(/^[\s,.:]+|[\s,.:]+$/g, '').replace(/\s+/g, ' ');
  // "numbness? no" is one answer: keep a question mark followed by a bare denial in the same clause.
  const text = normalised.replace(/\?\s*(?=(?:no|none|nope|nah|never|not really)\b)/g, ' ');
  const clauses: Clause[] = [];
  let sentenceIndex = -1;
  for (const sentence of text.split(/[!?;\n]+|\.(?!\d)|:(?=\s*$)/)) {
    // "...both of them. and getting weaker", "im done. with everything": a sentence that opens with
    // "and" or "with" goes on with the last one.
    if (!(sentenceIndex >= 0 && CONTINUES.test(sentence))) sentenceIndex += 1;
    const parts = tidy(sentence)
      .split(clauseBreaks)
      .map((part) => tidy(part ?? ''))
      .filter((part) => part.length > 0)
      .flatMap(chunked);
    parts.forEach((part, i) => {
      const context = parts.slice(Math.max(0, i - CONTEXT_CLAUSES), i + CONTEXT_CLAUSES + 1).join(' ');
      clauses.push({ text: part, context, sentence: sentenceIndex, mentions: [] });
    });
  }
  return clauses;
}
