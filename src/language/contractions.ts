/**
 * Contractions, one table for every reader (knowledge/nlp/lexicon.yaml `contractions`). The answer
 * readers expand them before reading ("can't lift" -> "can not lift", "I've" -> "i have"), so a pattern
 * is written once, in full. The yes/no reader, which reads the normaliser's words (apostrophes dropped),
 * knows each full phrase also as typed short ("do not" is also "dont").
 */

/** The compiled table. */
export interface ContractionsLexicon {
  contractions?: Contractions;
}

export interface Contractions {
  /** Whole words, apostrophe optional ("can't", "cant"), each with its full form. */
  words: ReadonlyArray<{ from: RegExp; to: string }>;
  /** Endings that need the apostrophe ("they're", "mum's"): "'re" -> " are". */
  endings: ReadonlyArray<{ from: RegExp; to: string }>;
  /** Full forms as the normaliser leaves them typed short ("do not" -> "dont"), in the table's order. */
  shortForms: ReadonlyArray<{ from: RegExp; to: string }>;
}

/** The lexicon file's section: words and endings as typed -> in full. */
export interface ContractionsFile {
  words: Record<string, string>;
  /** Words the yes/no reader does not know typed short. */
  notShortened: string[];
  endings: Record<string, string>;
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Compiles the lexicon's section. Words are listed before the ones their full form contains ("haven't" before "i've"). */
export function compileContractions(file: ContractionsFile): Contractions {
  const words = Object.entries(file.words).map(([typed, full]) => ({
    from: new RegExp(`\\b${typed.split("'").map(escape).join("'?")}\\b`, 'g'),
    to: full,
  }));
  const endings = Object.entries(file.endings).map(([ending, full]) => ({
    from: new RegExp(`\\b(\\w+)${escape(ending)}\\b`, 'g'),
    to: full === '' ? '$1' : `$1 ${full}`,
  }));
  const seen = new Set<string>();
  const shortForms = Object.entries(file.words)
    .filter(([typed, full]) => !file.notShortened.includes(typed) && !seen.has(full) && seen.add(full))
    .filter(([typed, full]) => typed.replace(/'/g, '') !== full.replace(/ /g, ''))
    .map(([typed, full]) => ({ from: new RegExp(`\\b${escape(full)}\\b`, 'g'), to: typed.replace(/'/g, '') }));
  return { words, endings, shortForms };
}

/** Lower-case text with straight apostrophes, its contractions written in full. */
export function expandContractions(text: string, lexicon: ContractionsLexicon): string {
  const table = lexicon.contractions;
  if (!table) return text;
  let s = text;
  for (const { from, to } of table.words) s = s.replace(from, to);
  for (const { from, to } of table.endings) s = s.replace(from, to);
  return s;
}

/** A full phrase as the normaliser leaves it typed short ("i do not" -> "i dont", "can not" -> "cant"). */
export function shortForm(phrase: string, lexicon: ContractionsLexicon): string {
  let s = phrase;
  for (const { from, to } of lexicon.contractions?.shortForms ?? []) s = s.replace(from, to);
  return s;
}
