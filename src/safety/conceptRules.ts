/**
 * The concept net of the red-flag screen (knowledge/safety/red-flag-concepts.yaml): its schema and its
 * compiled form. A flag is found when every concept of one of its combinations is reported in the same
 * sentence, whatever the word order and whatever words stand between.
 */
import { z } from 'zod';
import { KnowledgeFileError, readYamlFile } from '../knowledge/loadKnowledge';

const termSchema = z.string().min(1);
const comboSchema = z.array(z.string().min(1)).min(1);

export const conceptsFileSchema = z.object({
  resolved: z.array(z.string().min(1)).min(1),
  stillNow: z.array(z.string().min(1)).default([]),
  pastCounts: z.array(z.string()).default([]),
  lasting: z.array(z.string()).default([]),
  implied: z.record(z.string(), z.array(z.string().min(1))).default({}),
  concepts: z.record(z.string().regex(/^[a-z][a-z0-9-]*$/, 'concept names are lower-case-with-dashes'), z.array(termSchema).min(1)),
  flags: z.record(z.string(), z.object({ hit: z.array(comboSchema).default([]), ask: z.array(comboSchema).default([]) })),
  unless: z.record(z.string(), z.array(termSchema)).default({}),
  doubtIf: z.record(z.string(), z.array(termSchema)).default({}),
  askDespite: z.record(z.string(), z.array(z.string().min(1))).default({}),
  someoneElse: z
    .object({
      person: z.array(termSchema).min(1),
      animal: z.array(termSchema).default([]),
      care: z.array(termSchema).min(1),
      body: z.array(z.string().min(1)).min(1),
    })
    .optional(),
});
export type ConceptsFile = z.infer<typeof conceptsFileSchema>;

export interface ConceptFlag {
  id: string;
  hit: string[][];
  ask: string[][];
  /** A sentence that also says one of these is not this flag (a water bottle's bladder). */
  unless: RegExp | null;
  /** A sentence that also says one of these ("lol") only raises the flag's question. */
  doubtIf: RegExp | null;
  /** Concepts that, reported in the sentence, turn an `unless` word into a doubt (the question) instead of a no. */
  askDespite: string[];
  /** Its history is the point (cancer years ago): a sentence about the past still reports it. */
  pastCounts: boolean;
  /** Suicide or self-harm: any mention at least gets the question, never silence. */
  crisis: boolean;
}

export interface ConceptRules {
  /** Each concept as one regular expression over a normalised clause. */
  concepts: Map<string, RegExp>;
  flags: ConceptFlag[];
  /** A sentence that says the problem is over ("long gone", "in 2019") reports nothing. */
  resolved: RegExp;
  /** A sentence that says the problem is still there ("ages ago but it's still there") is not the past. */
  stillNow: RegExp;
  /** Concepts that stay true however long ago they began (a transplant): never read as the past. */
  lasting: Set<string>;
  /** Question id -> concepts its answer implies ("where is the pain?" -> pain). */
  implied: Record<string, string[]>;
  /** Concepts for the other-language check (not a flag). */
  foreignHealth: RegExp | null;
  /** When a red flag reported of someone else counts (a parent about their child), or null: never. */
  someoneElse: SomeoneElseRules | null;
}

export interface SomeoneElseRules {
  /** A particular person the writer is with or cares for ("my son", "he"), not people in general. */
  person: RegExp;
  /** A pet or horse ("my dog", "the vet"): a sentence about one names no person, whatever its pronouns. */
  animal: RegExp | null;
  /** The writer asks what to do or is worried: enough for an emergency flag. */
  care: RegExp;
  /** Concepts that, said of that person, show it is their current trouble ("his back"): needed below emergency. */
  body: string[];
}

const escape = (word: string): string => word.replace(/[.+?^${}()|[\]\\]/g, '\\$&');

/**
 * "cant .. feel" -> a regex source; "numb*" -> numb\w*; "\d+" is kept as written. A term's last word
 * also matches with an "s" after it: plurals and, since apostrophes are dropped, possessives and
 * contractions ("taint's gone numb" -> "taints").
 */
export function termToRegexSource(term: string, plurals = true): string {
  const words = term.trim().split(/\s+/);
  return words
    .map((word, i) => {
      if (word === '..') return '(?: [\\w/]+){0,2}';
      if (word.includes('\\d')) return word;
      const last = plurals && i === words.length - 1 && /[a-z]$/.test(word);
      return escape(word.replace(/\*$/, '')) + (word.endsWith('*') ? '\\w*' : last ? 's?' : '');
    })
    .join(' ')
    .replace(/ \(\?: \[\\w\/\]\+\)\{0,2\} /g, '(?: [\\w/]+){0,2} ');
}

/** `plurals`: false for `unless` lists, which must not widen ("my leg" is not "between my legs"). */
const compileTerms = (terms: string[], plurals = true): RegExp =>
  new RegExp(
    `(?<![\\w])(?:${[...terms]
      .sort((a, b) => b.length - a.length)
      .map((term) => termToRegexSource(term, plurals))
      .join('|')})(?![\\w])`,
    'gu',
  );

/** Compiles the file; every concept and flag name is checked against what exists. */
export function compileConcepts(file: ConceptsFile, crisisOf: ReadonlyMap<string, boolean>, fileName: string): ConceptRules {
  const flagIds = new Set(crisisOf.keys());
  const problems: string[] = [];
  const concepts = new Map<string, RegExp>();
  for (const [name, terms] of Object.entries(file.concepts)) {
    try {
      concepts.set(name, compileTerms(terms));
    } catch (error) {
      problems.push(`concepts.${name}: a term is not valid (${(error as Error).message})`);
    }
  }
  const known = (name: string, where: string) => {
    if (!concepts.has(name)) problems.push(`${where}: unknown concept "${name}"`);
  };
  const flags: ConceptFlag[] = Object.entries(file.flags).map(([id, flag]) => {
    if (!flagIds.has(id)) problems.push(`flags.${id}: no red flag with this id in red-flags.yaml`);
    for (const combo of [...flag.hit, ...flag.ask]) for (const name of combo) known(name, `flags.${id}`);
    // An `unless` entry may name a concept: all its terms count.
    const unlessTerms = (file.unless[id] ?? []).flatMap((term) => file.concepts[term] ?? [term]);
    return {
      id,
      hit: flag.hit,
      ask: flag.ask,
      unless: unlessTerms.length > 0 ? compileTerms(unlessTerms, false) : null,
      doubtIf: file.doubtIf[id] ? compileTerms(file.doubtIf[id], false) : null,
      askDespite: file.askDespite[id] ?? [],
      pastCounts: file.pastCounts.includes(id),
      crisis: crisisOf.get(id) ?? false,
    };
  });
  for (const id of Object.keys(file.unless)) if (!(id in file.flags)) problems.push(`unless.${id}: no flag of that name in this file`);
  for (const [id, names] of Object.entries(file.askDespite)) {
    if (!(id in file.flags)) problems.push(`askDespite.${id}: no flag of that name in this file`);
    for (const name of names) known(name, `askDespite.${id}`);
  }
  for (const id of Object.keys(file.doubtIf)) if (!(id in file.flags)) problems.push(`doubtIf.${id}: no flag of that name in this file`);
  for (const id of file.pastCounts) if (!(id in file.flags)) problems.push(`pastCounts: no flag "${id}" in this file`);
  for (const [question, names] of Object.entries(file.implied)) for (const name of names) known(name, `implied.${question}`);
  const alternation = (key: 'resolved' | 'stillNow'): RegExp => {
    if (file[key].length === 0) return /(?!)/;
    try {
      return new RegExp(`(?<![\\w])(?:${file[key].join('|')})(?![\\w])`);
    } catch (error) {
      problems.push(`${key}: not a valid pattern (${(error as Error).message})`);
      return /(?!)/;
    }
  };
  const resolved = alternation('resolved');
  const stillNow = alternation('stillNow');
  for (const name of file.someoneElse?.body ?? []) known(name, 'someoneElse.body');
  for (const name of file.lasting) known(name, 'lasting');
  if (problems.length > 0) throw new KnowledgeFileError(fileName, problems);
  const someoneElse = file.someoneElse
    ? {
        person: compileTerms(file.someoneElse.person),
        animal: file.someoneElse.animal.length > 0 ? compileTerms(file.someoneElse.animal) : null,
        care: compileTerms(file.someoneElse.care),
        body: file.someoneElse.body,
      }
    : null;
  return {
    concepts,
    flags,
    resolved,
    stillNow,
    lasting: new Set(file.lasting),
    implied: file.implied,
    foreignHealth: concepts.get('foreign-health') ?? null,
    someoneElse,
  };
}

/** `crisisOf`: every red flag id of red-flags.yaml -> whether it is a crisis flag. */
export function loadConceptRules(file: string, crisisOf: ReadonlyMap<string, boolean>): ConceptRules {
  return compileConcepts(readYamlFile(file, conceptsFileSchema), crisisOf, file);
}
