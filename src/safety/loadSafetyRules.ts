/**
 * Reads knowledge/safety/ (red flags, regions, escalation wording), checks it, and compiles every
 * pattern once. The detector itself does no I/O. A file that breaks a rule stops the bot at start-up.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadConceptRules } from './conceptRules';
import { lexiconFileSchema, type LexiconFile } from '../nlp/lexiconSchema';
import { compileContractions } from '../language/contractions';
import { KnowledgeFileError, readYamlFile } from '../knowledge/loadKnowledge';
import { projectRoot } from '../projectRoot';
import {
  PLACEHOLDERS,
  escalationMessagesFileSchema,
  redFlagPhrasesFileSchema,
  redFlagsFileSchema,
  regionsFileSchema,
  type RedFlagPhrase,
  type RedFlagsFile,
} from './schema';
import type { CompiledPattern, DetectorLexicon, EscalationMessages, RedFlagRule, RedFlagRules, RegionsConfig, SafetyRules } from './types';

export const DEFAULT_SAFETY_DIR = path.join(projectRoot(), 'knowledge', 'safety');
export const DEFAULT_PHRASES_FILE = path.join(projectRoot(), 'knowledge', 'evaluation', 'red-flag-phrases.yaml');

/** Words an emergency or crisis message must never contain: nothing that suggests waiting, exercise or booking. */
export const FORBIDDEN_IN_EMERGENCY =
  /\b(book|booking|appointment|exercises?|stretch(es|ing)?|wait|waiting|later|tomorrow|questions?|rest|self-care)\b/i;

export function loadSafetyRules(dir: string = DEFAULT_SAFETY_DIR): SafetyRules {
  const redFlags = loadRedFlagRules(path.join(dir, 'red-flags.yaml'));
  const conceptsFile = path.join(dir, 'red-flag-concepts.yaml');
  if (fs.existsSync(conceptsFile)) redFlags.concepts = loadConceptRules(conceptsFile, new Map(redFlags.flags.map((f) => [f.id, f.crisis])));
  const regions = loadRegions(path.join(dir, 'regions.yaml'));
  const messages = loadEscalationMessages(path.join(dir, 'escalation-messages.yaml'));
  return { dir, ...redFlags, regions, messages };
}

/** The one lexicon, beside the safety folder: knowledge/nlp/lexicon.yaml. */
export function lexiconBeside(safetyFile: string): LexiconFile | undefined {
  const file = path.join(path.dirname(safetyFile), '..', 'nlp', 'lexicon.yaml');
  return fs.existsSync(file) ? readYamlFile(file, lexiconFileSchema) : undefined;
}

export function loadRedFlagRules(file: string): RedFlagRules {
  return compileRedFlags(readYamlFile(file, redFlagsFileSchema), file, lexiconBeside(file));
}

export function loadRegions(file: string): RegionsConfig {
  const parsed = readYamlFile(file, regionsFileSchema);
  const regions: RegionsConfig['regions'] = {};
  for (const [code, region] of Object.entries(parsed.regions)) {
    regions[code] = { code, ...region, aliases: region.aliases.map((alias) => alias.toLowerCase()) };
  }
  return { defaultRegion: parsed.defaultRegion, regions };
}

export function loadEscalationMessages(file: string): EscalationMessages {
  const messages = readYamlFile(file, escalationMessagesFileSchema);
  const problems = checkEscalationMessages(messages);
  if (problems.length > 0) throw new KnowledgeFileError(file, problems);
  return messages;
}

export function loadRedFlagPhrases(file: string = DEFAULT_PHRASES_FILE): RedFlagPhrase[] {
  return readYamlFile(file, redFlagPhrasesFileSchema).phrases;
}

/** The clinical wording rules, as sentences an editor can act on; empty when the wording is fit to ship. */
export function checkEscalationMessages(messages: EscalationMessages): string[] {
  const problems: string[] = [];
  const templates: Array<[string, string]> = [
    ...Object.entries(messages.levels).map(([level, text]): [string, string] => [`levels.${level}`, text]),
    ['crisis', messages.crisis],
    ['crisisAlsoPhysical', messages.crisisAlsoPhysical],
    ['forSomeoneElse', messages.forSomeoneElse],
    ...Object.entries(messages.reminders).map(([key, text]): [string, string] => [`reminders.${key}`, text]),
  ];
  for (const [where, text] of templates) {
    for (const [, name] of text.matchAll(/\{([^}]*)\}/g)) {
      if (!(PLACEHOLDERS as readonly string[]).includes(name)) problems.push(`${where}: unknown placeholder {${name}}`);
    }
  }
  for (const [where, text] of [...Object.entries(messages.levels).map(([l, t]) => [`levels.${l}`, t]), ['crisis', messages.crisis]]) {
    if (!text.includes('{notDiagnosis}')) problems.push(`${where}: every triage message must include {notDiagnosis}`);
  }
  for (const [where, text] of [
    ['levels.emergency', messages.levels.emergency],
    ['crisis', messages.crisis],
    ['reminders.emergency', messages.reminders.emergency],
    ['reminders.crisis', messages.reminders.crisis],
  ]) {
    if (!text.includes('{emergencyNumber}')) problems.push(`${where}: must give {emergencyNumber}`);
    if (!/\bnow\b/i.test(text)) problems.push(`${where}: must say "now"`);
    const forbidden = text.match(FORBIDDEN_IN_EMERGENCY);
    if (forbidden) problems.push(`${where}: must not suggest waiting, exercise or booking ("${forbidden[0]}")`);
  }
  if (!messages.crisis.includes('{crisisLine}')) problems.push('crisis: must give {crisisLine}');
  if (!messages.reminders.crisis.includes('{crisisLine}')) problems.push('reminders.crisis: must give {crisisLine}');
  if (!messages.levels.urgent.includes('{urgentRoute}')) problems.push('levels.urgent: must give {urgentRoute}');
  if (!messages.reminders.urgent.includes('{urgentRoute}')) problems.push('reminders.urgent: must give {urgentRoute}');
  const emergencyFirstSentence = messages.levels.emergency.split(/[.!]/)[0] ?? '';
  if (!emergencyFirstSentence.includes('{emergencyNumber}')) {
    problems.push('levels.emergency: the first sentence must be the action, with {emergencyNumber}');
  }
  return problems;
}

/** Replaces {NAME} with the macro's text, recursively; unknown names are reported. */
export function expandMacros(source: string, macros: Record<string, string>, problems: string[], where: string): string {
  let text = source;
  for (let depth = 0; depth < 8; depth++) {
    let changed = false;
    text = text.replace(/\{([A-Z][A-Z0-9_]*)\}/g, (whole, name: string) => {
      const value = macros[name];
      if (value === undefined) {
        problems.push(`${where}: unknown macro {${name}}`);
        return '';
      }
      changed = true;
      return `(?:${value})`;
    });
    if (!changed) return text;
  }
  problems.push(`${where}: macros nest too deeply (a macro that uses itself?)`);
  return text;
}

/** Compiles the parsed file. Exported so tests can compile a small inline rule set. */
export function compileRedFlags(file: RedFlagsFile, fileName = 'red-flags.yaml', shared?: LexiconFile): RedFlagRules {
  const problems: string[] = [];
  const macros = file.macros;
  // "m": ^ and $ mean the start and end of a clause, also when clauses are joined by newlines for a quick pre-check.
  const compile = (source: string, where: string, flags = 'gm'): RegExp => {
    const expanded = expandMacros(source, macros, problems, where);
    try {
      return new RegExp(`(?<![\\w])(?:${expanded})(?![\\w])`, flags);
    } catch (error) {
      problems.push(`${where}: not a valid pattern (${(error as Error).message})`);
      return /(?!)/g;
    }
  };
  const compileList = (sources: string[], where: string): RegExp[] => sources.map((s, i) => compile(s, `${where}.${i}`));
  const alternation = (sources: string[], where: string): RegExp => compile(sources.map((s) => `(?:${s})`).join('|'), where);

  const d = file.detector;
  const lexicon: DetectorLexicon = {
    // The lexicon's whole-text fixes, then this file's own extras. (Its single-word replacements are
    // the classifier's synonyms, "lumbar" -> "lower back": the screen needs the words as typed.)
    spelling: Object.entries({ ...shared?.phrases, ...d.spelling }).map(([from, to]) => ({
      from: new RegExp(`(?<![\\w])${from.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w])`, 'g'),
      to,
    })),
    benign: compileList(d.benign, 'detector.benign'),
    answerWords: new Map(Object.entries(shared?.answerWords ?? {})),
    contractions: compileContractions(shared?.contractions ?? { words: {}, notShortened: [], endings: {} }),
    severity: Object.entries(shared?.severity ?? {}).map(([words, band]) => ({
      words,
      band: band.split('-').map(Number) as [number, number],
    })),
    clauseBreaks: (() => {
      const expanded = d.clauseBreaks.map((s, i) => expandMacros(s, macros, problems, `detector.clauseBreaks.${i}`));
      try {
        return new RegExp(expanded.map((s) => `(?:${s})`).join('|'), 'g');
      } catch (error) {
        problems.push(`detector.clauseBreaks: not a valid pattern (${(error as Error).message})`);
        return /(?!)/g;
      }
    })(),
    negation: alternation(d.negation, 'detector.negation'),
    notNegation: alternation(d.notNegation.length > 0 ? d.notNegation : ['(?!)'], 'detector.notNegation'),
    postNegation: (() => {
      const expanded = d.postNegation.map((s, i) => expandMacros(s, macros, problems, `detector.postNegation.${i}`));
      try {
        // Anchored at the start of the text that follows a mention.
        return new RegExp(`^(?:${expanded.map((s) => `(?:${s})`).join('|')})(?![\\w])`);
      } catch (error) {
        problems.push(`detector.postNegation: not a valid pattern (${(error as Error).message})`);
        return /(?!)/;
      }
    })(),
    uncertainty: alternation(d.uncertainty, 'detector.uncertainty'),
    hypothetical: alternation(d.hypothetical, 'detector.hypothetical'),
    thirdPerson: alternation(d.thirdPerson, 'detector.thirdPerson'),
    firstPerson: alternation(d.firstPerson, 'detector.firstPerson'),
    negationWindow: d.negationWindow,
    closeNegation: d.closeNegation,
  };

  const ids = new Set<string>();
  const flags: RedFlagRule[] = file.flags.map((flag, index) => {
    const where = `flags.${index} (${flag.id})`;
    if (ids.has(flag.id)) problems.push(`${where}: id "${flag.id}" is used more than once`);
    ids.add(flag.id);
    if ((flag.level === 'emergency' || flag.crisis) && FORBIDDEN_IN_EMERGENCY.test(flag.reason)) {
      problems.push(`${where}: the reason of an emergency flag must not suggest waiting, exercise or booking`);
    }
    if (flag.crisis && flag.level !== 'emergency') problems.push(`${where}: crisis flags are emergencies`);
    const patterns: CompiledPattern[] = flag.patterns.map((pattern, p) => {
      const at = `${where}.patterns.${p}`;
      if (typeof pattern === 'string') {
        return { source: expandMacros(pattern, macros, [], at), regex: compile(pattern, at), also: [], askIf: [], unless: [] };
      }
      return {
        source: expandMacros(pattern.match, macros, [], at),
        regex: compile(pattern.match, at),
        also: compileList(pattern.also, `${at}.also`),
        askIf: compileList(pattern.askIf, `${at}.askIf`),
        unless: compileList(pattern.unless, `${at}.unless`),
      };
    });
    return {
      id: flag.id,
      level: flag.level,
      suggests: flag.suggests,
      reason: flag.reason,
      question: flag.question,
      crisis: flag.crisis,
      patterns,
      unclear: compileList(flag.unclear, `${where}.unclear`),
      unclearUnless: compileList(flag.unclearUnless, `${where}.unclearUnless`),
      overriddenBy: flag.overriddenBy,
    };
  });
  for (const flag of flags) {
    for (const other of flag.overriddenBy) {
      if (!ids.has(other)) problems.push(`flag "${flag.id}" is overridden by unknown flag "${other}"`);
    }
  }
  if (problems.length > 0) throw new KnowledgeFileError(fileName, problems);
  return {
    flags,
    lexicon,
    levelOf: new Map(flags.map((f) => [f.id, f.level])),
    crisisIds: new Set(flags.filter((f) => f.crisis).map((f) => f.id)),
  };
}
