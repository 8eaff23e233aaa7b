/**
 * The one normaliser: every reader of what a runner typed (the red-flag screen, its concept net, the
 * classifier's safety words, answer readers) sees the same text. Lower case, straight quotes,
 * apostrophes dropped ("can't" -> "cant"), numbers split from units, emoji and markup gone, letters
 * repeated for emphasis shortened, then the lexicon's spelling fixes (knowledge/nlp/lexicon.yaml
 * `phrases`) and the removal of harmless idioms ("hit the wall"). Linear in the length of the text.
 */

/** The parts of the lexicon the normaliser applies. */
export interface NormaliserLexicon {
  /** Whole-word spelling fixes applied after lower-casing ("cnt" -> "cant"). */
  spelling: Array<{ from: RegExp; to: string }>;
  /** Idioms removed before reading ("hit the wall", "fell asleep"). */
  benign: RegExp[];
}

/**
 * Results for the texts read lately, per lexicon: in one turn the red-flag screen, its concept net and
 * second opinion, the classifier and the answer readers all read the same message, and the readers
 * compare it with the same button labels every turn, so each text is normalised once. Bounded (the
 * oldest entry goes first) and in memory only, like the turn itself.
 */
const RECENT_TEXTS = 256;
/** Longer texts are rare (the bot asks to shorten them) and not kept. */
const LONGEST_KEPT = 4000;
const recentTexts = new WeakMap<NormaliserLexicon, Map<string, string>>();
const recentWords = new WeakMap<NormaliserLexicon, Map<string, string>>();

function remembered(
  memory: WeakMap<NormaliserLexicon, Map<string, string>>,
  text: string,
  lexicon: NormaliserLexicon,
  compute: () => string,
): string {
  if (text.length > LONGEST_KEPT) return compute();
  let recent = memory.get(lexicon);
  if (!recent) memory.set(lexicon, (recent = new Map()));
  const known = recent.get(text);
  if (known !== undefined) return known;
  const result = compute();
  if (recent.size >= RECENT_TEXTS) recent.delete(recent.keys().next().value as string);
  recent.set(text, result);
  return result;
}

/** The words of the normalised text, punctuation gone: what a short answer's patterns match against. */
export function normalisedWords(text: string, lexicon: NormaliserLexicon): string {
  return remembered(recentWords, text, lexicon, () => (normaliseText(text, lexicon).match(/[a-z0-9]+/g) ?? []).join(' '));
}

/** Lower-cases and tidies a message the way the patterns expect it. */
export function normaliseText(text: string, lexicon: NormaliserLexicon): string {
  return remembered(recentTexts, text, lexicon, () => normaliseAfresh(text, lexicon));
}

/** Curly and look-alike quotes as straight ones: every reader's first step, so "can\u2019t" is "can't". */
export function straightQuotes(text: string): string {
  return text.replace(/[\u2018\u2019\u201b\u02bc\u2032`\u00b4]/g, "'").replace(/[\u201c\u201d\u201e\u2033]/g, '"');
}

function normaliseAfresh(text: string, lexicon: NormaliserLexicon): string {
  let t = text.normalize('NFKC').toLowerCase();
  t = straightQuotes(t);
  t = t.replace(/[\u2013\u2014\u2212]/g, ' - ').replace(/\u2026/g, '. ');
  t = t.replace(/'ll\b/g, ' will').replace(/'/g, '');
  t = t.replace(/&/g, ' and ').replace(/\+/g, ' plus ');
  // "10k", "5kg", "38c": the number and the unit become separate words.
  t = t.replace(/(\d)([a-z])/g, '$1 $2');
  // Hyphens inside words ("self-harm", "light-headed") become spaces; a dash between words ends a clause.
  t = t.replace(/([a-z])-(?=[a-z])/g, '$1 ').replace(/\s-+\s/g, '; ');
  // Anything that is not a letter, digit or clause punctuation goes (emoji, markup, brackets).
  t = t.replace(/[^a-z0-9.,;:!?/\n ]+/g, ' ');
  // "soooo", "peeeee": three or more of a letter become two.
  t = t.replace(/([a-z])\1{2,}/g, '$1$1');
  t = t.replace(/[ \t]+/g, ' ');
  for (const { from, to } of lexicon.spelling) t = t.replace(from, to);
  for (const idiom of lexicon.benign) t = t.replace(idiom, ' ');
  return t.replace(/[ \t]+/g, ' ').trim();
}
