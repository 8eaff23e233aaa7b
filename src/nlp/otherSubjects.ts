/**
 * Subjects the bot does not cover even when a message borrows its words: "my dog's back legs are stiff"
 * (an animal's body), "pulled my hamstring sprinting" (another injury), "how much ibuprofen a day" (a
 * dose), "best yoga mat brand" (shopping). The classifier would find the nearest topic for them; these
 * rules, data in the lexicon's `otherSubjects` section, say they are about something else. A message that
 * names the runner's back stays on topic, except for rules marked `evenWithBack` (a pet's back is still a
 * pet). Plain functions over the words the classifier reads (lexicon applied, typos corrected).
 */
import { stem } from './textNormalizer';

export interface OtherSubjectRule {
  id: string;
  /** Words or phrases that name the other subject. */
  terms: string[];
  /** When given, a term counts only when one of these is in the message too ("hamstring" with "pulled"). */
  with?: string[];
  /** Phrases that hold a term yet name a topic ("bird dog", "knee to chest"). */
  unless?: string[];
  /** Words that make it a topic's question after all ("since i sprained my ankle": an old injury). */
  notWith?: string[];
  /** The rule holds even when the message names the back. */
  evenWithBack?: boolean;
}

export interface OtherSubjectsLexicon {
  /** Words that name the runner's back: with one of them a message is on the bot's subject. */
  back: string[];
  /** Phrases where those words do not mean the back ("get back to running"). */
  notTheBack?: string[];
  rules: OtherSubjectRule[];
}

type Phrase = string[];

/** The rules as stem sequences, worked out once when the classifier is trained. */
export interface CompiledOtherSubjects {
  back: Phrase[];
  notTheBack: Phrase[];
  rules: Array<{ id: string; terms: Phrase[]; with: Phrase[]; unless: Phrase[]; notWith: Phrase[]; evenWithBack: boolean }>;
}

const phrase = (text: string): Phrase =>
  text
    .toLowerCase()
    .split(/[\s'-]+/)
    .filter(Boolean)
    .map(stem);

export function compileOtherSubjects(lexicon: OtherSubjectsLexicon): CompiledOtherSubjects {
  return {
    back: lexicon.back.map(phrase),
    notTheBack: (lexicon.notTheBack ?? []).map(phrase),
    rules: lexicon.rules.map((rule) => ({
      id: rule.id,
      terms: rule.terms.map(phrase),
      with: (rule.with ?? []).map(phrase),
      unless: (rule.unless ?? []).map(phrase),
      notWith: (rule.notWith ?? []).map(phrase),
      evenWithBack: rule.evenWithBack ?? false,
    })),
  };
}

/** Start positions where `p` occurs in `stems`. */
function occurrences(stems: string[], p: Phrase): number[] {
  const found: number[] = [];
  for (let i = 0; i + p.length <= stems.length; i++) if (p.every((s, j) => stems[i + j] === s)) found.push(i);
  return found;
}

/** Does some phrase occur at a position no `excluded` phrase covers? */
function occursOutside(stems: string[], phrases: Phrase[], excluded: Phrase[]): boolean {
  const covered = new Set<number>();
  for (const p of excluded) for (const at of occurrences(stems, p)) for (let j = 0; j < p.length; j++) covered.add(at + j);
  return phrases.some((p) => occurrences(stems, p).some((at) => p.every((_, j) => !covered.has(at + j))));
}

/** The id of the first rule saying `words` are about another subject, or undefined when none does. */
export function otherSubjectOf(compiled: CompiledOtherSubjects, words: string[]): string | undefined {
  const stems = words.map((w) => stem(w.toLowerCase()));
  const namesTheBack = occursOutside(stems, compiled.back, compiled.notTheBack);
  for (const rule of compiled.rules) {
    if (namesTheBack && !rule.evenWithBack) continue;
    if (!occursOutside(stems, rule.terms, rule.unless)) continue;
    if (rule.with.length > 0 && !occursOutside(stems, rule.with, [])) continue;
    if (occursOutside(stems, rule.notWith, [])) continue;
    return rule.id;
  }
  return undefined;
}
