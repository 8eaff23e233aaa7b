/**
 * What the second opinion learns from (knowledge/safety/second-opinion.yaml): the labelled phrasings,
 * the blind batches the file lists (each phrasing's author-written sign tells its flag), and ordinary
 * messages. Every example is read by the screen's own reading (readForSecondOpinion), so the classifier
 * learns from exactly the features it later sees. Runs once at start-up (or at build, in the cache).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import { loadBlindPhrases, type BlindPhrase } from '../evaluation/blindPhrases';
import { KnowledgeFileError, readYamlFile } from '../knowledge/loadKnowledge';
import { loadRedFlagPhrases } from './loadSafetyRules';
import { readForSecondOpinion } from './redFlagDetector';
import {
  featuresOf,
  kindOfFlag,
  trainSecondOpinion,
  type LabelledText,
  type SecondOpinion,
  type SecondOpinionThresholds,
  type SuspicionKind,
} from './secondOpinion';
import type { RedFlagRules } from './types';

const share = z.number().gt(0).max(1);
const secondOpinionFileSchema = z.object({
  trainingBatches: z.array(z.string().regex(/^red-flags-[a-z0-9-]+$/)).default([]),
  thresholds: z.object({ crisis: share, emergency: share, urgent: share, overRules: share, temperature: z.number().min(1).max(1000) }),
  signs: z
    .array(
      z.object({
        level: z.enum(['emergency', 'urgent', 'routine']),
        crisis: z.boolean().optional(),
        match: z.string().min(1),
        flag: z.string().min(1),
      }),
    )
    .min(1),
});
type SecondOpinionFile = z.infer<typeof secondOpinionFileSchema>;

export interface SecondOpinionTraining {
  /** A blind batch left out (leave-one-batch-out evaluation): its name, e.g. "red-flags-c". */
  leaveOut?: string;
  /** Thresholds other than the file's (tuning). */
  thresholds?: Partial<SecondOpinionThresholds>;
}

type CompiledSign = SecondOpinionFile['signs'][number] & { regex: RegExp };
const compiledSigns = (settings: SecondOpinionFile): CompiledSign[] =>
  settings.signs.map((s) => ({ ...s, regex: new RegExp(s.match, 'i') }));

/** The flag a blind phrasing is an example of, from its level and sign; null for a near-miss. */
function flagOfBlindPhrase(phrase: BlindPhrase, signs: CompiledSign[]): string | null {
  if (phrase.level === 'none') return null;
  const entry = signs.find(
    (s) => s.level === phrase.level && (s.crisis === undefined || s.crisis === phrase.crisis) && s.regex.test(phrase.sign),
  );
  return entry?.flag ?? null;
}

/**
 * Reads a blind phrasing's flag from its author's sign, as training does (second-opinion.yaml `signs`):
 * the evaluation uses it to know which yes/no question the runner would truthfully answer "yes" to.
 */
export function blindPhraseFlags(knowledgeDir: string): (phrase: BlindPhrase) => string | null {
  const signs = compiledSigns(readYamlFile(path.join(knowledgeDir, 'safety', 'second-opinion.yaml'), secondOpinionFileSchema));
  return (phrase) => flagOfBlindPhrase(phrase, signs);
}

/** Every labelled text the second opinion learns from, before reading. `ordinary`: the intents' examples. */
export function secondOpinionExamples(knowledgeDir: string, rules: RedFlagRules, ordinary: string[], options: SecondOpinionTraining = {}) {
  const file = path.join(knowledgeDir, 'safety', 'second-opinion.yaml');
  const settings = readYamlFile(file, secondOpinionFileSchema);
  const flagIds = new Set(rules.flags.map((f) => f.id));
  const problems = settings.signs.filter((s) => !flagIds.has(s.flag)).map((s) => `signs: no red flag "${s.flag}" in red-flags.yaml`);
  const blindDir = path.join(knowledgeDir, 'evaluation', 'blind');
  for (const name of settings.trainingBatches) {
    if (!fs.existsSync(path.join(blindDir, `${name}.yaml`))) problems.push(`trainingBatches: no batch ${name}.yaml in ${blindDir}`);
  }
  if (problems.length > 0) throw new KnowledgeFileError(file, problems);
  const signs = compiledSigns(settings);

  const labelled: LabelledText[] = loadRedFlagPhrases(path.join(knowledgeDir, 'evaluation', 'red-flag-phrases.yaml'))
    .filter((p) => p.expect.length > 0 || !p.unclear)
    .map((p) => ({ text: p.text, flag: p.expect[0] ?? null }));
  for (const name of settings.trainingBatches.filter((n) => n !== options.leaveOut)) {
    for (const phrase of loadBlindPhrases(path.join(blindDir, `${name}.yaml`))) {
      // A sign no entry names (or a deliberately vague one) teaches nothing rather than a wrong flag.
      const flag = flagOfBlindPhrase(phrase, signs);
      if (phrase.level === 'none' || flag !== null) labelled.push({ text: phrase.text, flag });
    }
  }
  for (const text of ordinary) labelled.push({ text, flag: null });
  return { labelled, thresholds: { ...settings.thresholds, ...options.thresholds } };
}

/** Trains the second opinion for these rules (which must not carry one yet). */
export function trainRedFlagSecondOpinion(
  knowledgeDir: string,
  rules: RedFlagRules,
  ordinary: string[],
  options: SecondOpinionTraining = {},
): SecondOpinion {
  const { labelled, thresholds } = secondOpinionExamples(knowledgeDir, rules, ordinary, options);
  const plain: RedFlagRules = { ...rules, secondOpinion: undefined };
  const examples = labelled.map(({ text, flag }) => ({ features: featuresOf(readForSecondOpinion(text, plain)), flag }));
  const kindOf = new Map<string, SuspicionKind>();
  for (const flag of rules.flags) {
    const kind = kindOfFlag(flag);
    if (kind) kindOf.set(flag.id, kind);
  }
  return trainSecondOpinion(examples, kindOf, thresholds);
}

/** The blind batches the second opinion learns from, as second-opinion.yaml lists them. */
export function trainingBatchNames(knowledgeDir: string): string[] {
  return readYamlFile(path.join(knowledgeDir, 'safety', 'second-opinion.yaml'), secondOpinionFileSchema).trainingBatches;
}
