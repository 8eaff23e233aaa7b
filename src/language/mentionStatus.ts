/**
 * Is the user reporting this mention? Reads the words around one match in its clause: a negation before
 * it ("no", "never", "don't") or a denial after it ("... are normal", "numbness? no"), someone else's
 * symptom ("my mum had cancer"), a question or doubt ("what if I can't pee?", "not sure if"). A
 * negation that is part of the mention itself ("can't pee", "no feeling down there") is not a denial.
 * Shared by the exact phrases and the concept net of the red-flag screen.
 */
import type { Clause, Span } from './clauses';

/** 'third-person': reported of someone else, not denied ("my son can't pee"). */
export type MentionStatus = 'affirmed' | 'negated' | 'far-negation' | 'hypothetical' | 'third-person';

/** The word lists that decide a mention's status (compiled from red-flags.yaml, detector section). */
export interface MentionLexicon {
  negation: RegExp;
  notNegation: RegExp;
  postNegation: RegExp;
  uncertainty: RegExp;
  hypothetical: RegExp;
  thirdPerson: RegExp;
  firstPerson: RegExp;
  negationWindow: number;
  closeNegation: number;
}

/** Words after a comma, before a mention, that make them a new statement rather than a list's next item. */
const NEW_STATEMENT_WORDS = 3;

/** Blanks the given spans (keeps positions). */
function blank(text: string, spans: Span[]): string {
  let out = text;
  for (const s of spans) {
    const start = Math.max(0, s.start);
    const end = Math.min(out.length, s.end);
    if (end > start) out = out.slice(0, start) + ' '.repeat(end - start) + out.slice(end);
  }
  return out;
}

/** How many words stand between two positions of a text (a negation's reach is counted in words). */
export function wordsBetween(text: string, from: number, to: number): number {
  const between = text.slice(from, to).trim();
  return between.length === 0 ? 0 : between.split(/\s+/).filter((w) => /\w/.test(w)).length;
}

/** Reads the words around one mention and decides whether the user is reporting it. */
export function statusOf(clause: Clause, span: Span, lex: MentionLexicon): MentionStatus {
  // Other mentions' own words ("no feeling down there", "can't pee") are not denials of this one.
  // Only mentions that end before this one starts: overlapping ones are about the same words.
  const others = clause.mentions.filter((m) => m.end <= span.start);
  let pre = blank(clause.text.slice(0, span.start), others);
  const own = clause.text.slice(span.start, span.end);

  // Someone else's symptom: a third person named before it, and no "I/me/my" since (nor in the mention).
  // Read on for a denial: "he has no numbness" is denied, not reported of him.
  let someoneElse = false;
  for (const cue of pre.matchAll(lex.thirdPerson)) {
    const after = pre.slice(cue.index + cue[0].length) + ' ' + own;
    lex.firstPerson.lastIndex = 0;
    if (!lex.firstPerson.test(after)) {
      someoneElse = true;
      break;
    }
  }

  // Doubt or a question about the symptom: read on the clause as written (cues may span other mentions,
  // as in "can sciatica cause numbness in both legs").
  let questioning = false;
  let supposing = false;
  const cueSpans: Span[] = [];
  for (const cue of clause.text.slice(0, span.start).matchAll(lex.uncertainty)) {
    questioning = true;
    cueSpans.push({ start: cue.index, end: cue.index + cue[0].length });
  }
  for (const cue of clause.text.matchAll(lex.hypothetical)) {
    if (cue.index >= span.start) continue;
    questioning = true;
    supposing = true;
    cueSpans.push({ start: cue.index, end: Math.min(span.start, cue.index + cue[0].length) });
  }
  for (const cue of pre.matchAll(lex.notNegation)) cueSpans.push({ start: cue.index, end: cue.index + cue[0].length });
  pre = blank(pre, cueSpans);

  let negation: MentionStatus | null = null;
  // A mention that carries its own negation ("lying down doesn't help", "no feeling down there") is not
  // denied again by an earlier one: double negatives are rare, and the earlier "no" is about something else.
  lex.negation.lastIndex = 0;
  const ownNegation = lex.negation.test(own);
  lex.negation.lastIndex = 0;
  // Only the nearest negation before the mention can reach it: later cues are always closer.
  let nearest: RegExpExecArray | undefined;
  for (const cue of ownNegation ? [] : pre.matchAll(lex.negation)) nearest = cue;
  if (nearest) {
    const from = nearest.index + nearest[0].length;
    const distance = wordsBetween(pre, from, pre.length);
    // A negation's list runs on over commas ("no fever, chills or sweats"), but a new statement after a
    // comma is out of its reach: "no comfy position, back pain is the same day and night".
    const lastComma = pre.lastIndexOf(',');
    const newStatement = lastComma >= from && wordsBetween(pre, lastComma + 1, pre.length) >= NEW_STATEMENT_WORDS;
    if (distance <= lex.negationWindow && !newStatement) negation = distance <= lex.closeNegation ? 'negated' : 'far-negation';
  }
  if (negation === null) {
    // What follows the mention, up to the next comma: "bladder and bowels are normal", "fever: no".
    const rest = (
      clause.text
        .slice(span.end)
        .replace(/^[\s:;,-]+/, '')
        .split(',')[0] ?? ''
    ).trim();
    if (rest.length > 0 && lex.postNegation.test(rest)) negation = 'negated';
  }
  if (negation === 'negated') return negation;
  // "if someone couldn't pee, what should they do?": a supposed case, not someone the writer is with.
  if (someoneElse && supposing) return 'hypothetical';
  if (someoneElse) return 'third-person';
  if (negation) return negation;
  return questioning ? 'hypothetical' : 'affirmed';
}
