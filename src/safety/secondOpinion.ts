/**
 * The red-flag screen's second opinion: a naive Bayes classifier over what the screen already
 * read in a message, trained on labelled red-flag text (each example labelled with its flag) and on
 * ordinary runner messages (labelled "none"). It reads more than surface words, so it carries over to
 * words it never saw: the lexicon-normalised, stemmed words and word pairs of each clause; the concept
 * groups the concept net found, each with how it was said (denied, asked about, someone else's, past);
 * and which concepts meet in one sentence.
 *
 * It never escalates by itself and never silences a rule's hit. When it strongly suspects a level that
 * the rules did not reach (rules: routine or nothing, model: emergency), the screen asks that level's
 * most likely flag's one yes/no question. Plain functions, no I/O, linear in the length of the text.
 */
import type { Clause } from '../language/clauses';
import { stem } from '../nlp/textNormalizer';
import type { ConceptMention } from './conceptScreen';
import type { TriageLevel } from './types';

export const NONE = 'none';

/** What a suspicion would be asked as: a crisis, or the level of an emergency or urgent flag. */
export type SuspicionKind = 'crisis' | 'emergency' | 'urgent';
export const SUSPICION_KINDS: readonly SuspicionKind[] = ['crisis', 'emergency', 'urgent'];

/** Words that carry no sign either way ("the", "a"). Negations and pronouns are kept: they matter here. */
const FILLER = new Set([
  'the',
  'a',
  'an',
  'and',
  'of',
  'to',
  'is',
  'it',
  'its',
  'in',
  'on',
  'at',
  'for',
  'this',
  'that',
  'was',
  'be',
  'so',
  'just',
  'really',
  'like',
  'bit',
]);

/** What the screen read in a message: its clauses (normalised text) and the concept net's mentions. */
export interface MessageReading {
  clauses: Clause[];
  mentions: ConceptMention[];
}

export interface SecondOpinion {
  scorer: BayesScorer;
  /** What each label would be asked as; labels absent here (routine flags, none) are never asked. */
  kindOf: Map<string, SuspicionKind>;
  thresholds: SecondOpinionThresholds;
}

/**
 * The share of the probability a kind needs before its question is asked: per kind when the rules found
 * nothing, and at least `overRules` when they found something lower (a routine hit, an urgent question).
 */
export type SecondOpinionThresholds = Record<SuspicionKind, number> & {
  overRules: number;
  /**
   * Naive Bayes counts every correlated feature (a word, its pair, its concept) as fresh evidence, so its
   * raw shares sit near 0 or 1; the log scores are divided by this before they are shared out, so the
   * thresholds mean something.
   */
  temperature: number;
};

export interface LabelledText {
  text: string;
  /** A red-flag id, or null for an ordinary message. */
  flag: string | null;
}

/** A suspicion: the kind, its most likely flag and the kind's share of the probability. */
export interface Suspicion {
  kind: SuspicionKind;
  flag: string;
  share: number;
}

/** Status words of a concept mention, as features: "bladder-thing" said of someone else -> "c:bladder-thing:third-person". */
function mentionFeature(m: ConceptMention): string {
  if (m.past) return `c:${m.concept}:past`;
  return m.status === 'affirmed' ? `c:${m.concept}` : `c:${m.concept}:${m.status}`;
}

/** Most concepts a sentence contributes pairs for: keeps the pairs bounded however long the sentence. */
const MAX_PAIRED_CONCEPTS = 12;

/** The features of one message, as the classifier sees them. Linear in the length of the text. */
export function featuresOf(reading: MessageReading): string[] {
  const features: string[] = [];
  for (const clause of reading.clauses) {
    const stems = (clause.text.match(/[a-z0-9]+/g) ?? []).filter((w) => !FILLER.has(w)).map(stem);
    features.push(...stems);
    for (let i = 1; i < stems.length; i += 1) features.push(`${stems[i - 1]}_${stems[i]}`);
  }
  const bySentence = new Map<number, Set<string>>();
  for (const m of reading.mentions) {
    features.push(mentionFeature(m));
    if (m.status !== 'affirmed' || m.past) continue;
    const here = bySentence.get(m.sentence) ?? new Set<string>();
    here.add(m.concept);
    bySentence.set(m.sentence, here);
  }
  // Concepts reported together in one sentence: the combinations flags are made of, learnt rather than listed.
  for (const here of bySentence.values()) {
    const names = [...here].sort().slice(0, MAX_PAIRED_CONCEPTS);
    for (let i = 0; i < names.length; i += 1) for (let j = i + 1; j < names.length; j += 1) features.push(`cc:${names[i]}+${names[j]}`);
  }
  return features;
}

/**
 * A Bernoulli naive Bayes model: per class, the log-probability of each feature being present and the
 * sum over all features of being absent, so a message costs one pass over its own features. (natural's
 * BayesClassifier trains by building a vector over the whole vocabulary for every example, which with
 * word pairs and concept features takes a minute; and it leaves out the absent features' terms, which
 * favours small classes on any word they lack.)
 */
export interface BayesScorer {
  featureIds: Map<string, number>;
  labels: string[];
  /** Per class: log prior + the sum over every feature of log P(absent | class). */
  base: Float64Array;
  /** Per class, per feature: log P(present | class) - log P(absent | class). */
  presentTerms: Float64Array[];
}

/** Laplace smoothing of the per-class feature counts. */
const SMOOTHING = 0.5;

function trainScorer(examples: Array<{ features: string[]; label: string }>): BayesScorer {
  const featureIds = new Map<string, number>();
  const labels: string[] = [];
  const labelIds = new Map<string, number>();
  const counts: Array<Map<number, number>> = [];
  const docs: number[] = [];
  for (const { features, label } of examples) {
    let c = labelIds.get(label);
    if (c === undefined) {
      c = labels.length;
      labelIds.set(label, c);
      labels.push(label);
      counts.push(new Map());
      docs.push(0);
    }
    docs[c] += 1;
    for (const f of new Set(features)) {
      let id = featureIds.get(f);
      if (id === undefined) featureIds.set(f, (id = featureIds.size));
      counts[c].set(id, (counts[c].get(id) ?? 0) + 1);
    }
  }
  const total = docs.reduce((a, b) => a + b, 0);
  const base = new Float64Array(labels.length);
  const presentTerms = labels.map((_, c) => {
    const n = docs[c];
    const unseen = SMOOTHING / (n + 2 * SMOOTHING);
    const terms = new Float64Array(featureIds.size).fill(Math.log(unseen) - Math.log(1 - unseen));
    let absent = Math.log(1 - unseen) * (featureIds.size - counts[c].size);
    for (const [id, k] of counts[c]) {
      const p = (k + SMOOTHING) / (n + 2 * SMOOTHING);
      terms[id] = Math.log(p) - Math.log(1 - p);
      absent += Math.log(1 - p);
    }
    base[c] = Math.log(n / total) + absent;
    return terms;
  });
  return { featureIds, labels, base, presentTerms };
}

/** Each label's share of the probability for these features, best first. */
export function classificationsOf(features: string[], scorer: BayesScorer, temperature = 1): Array<{ label: string; share: number }> {
  const present = new Set<number>();
  for (const f of features) {
    const id = scorer.featureIds.get(f);
    if (id !== undefined) present.add(id);
  }
  const logs = scorer.labels.map((_, c) => {
    const terms = scorer.presentTerms[c];
    let sum = scorer.base[c];
    for (const id of present) sum += terms[id];
    return sum;
  });
  const top = Math.max(...logs);
  const weights = logs.map((l) => Math.exp((l - top) / temperature));
  const total = weights.reduce((a, b) => a + b, 0);
  return scorer.labels.map((label, c) => ({ label, share: weights[c] / total })).sort((x, y) => y.share - x.share);
}

export function trainSecondOpinion(
  examples: Array<{ features: string[]; flag: string | null }>,
  kindOf: Map<string, SuspicionKind>,
  thresholds: SecondOpinionThresholds,
): SecondOpinion {
  const scorer = trainScorer(examples.filter((e) => e.features.length > 0).map((e) => ({ features: e.features, label: e.flag ?? NONE })));
  return { scorer, kindOf, thresholds };
}

/** Each kind's share of the probability, with its most likely flag; most serious first. */
export function suspicionsOf(reading: MessageReading, opinion: SecondOpinion): Suspicion[] {
  const features = featuresOf(reading);
  if (features.length === 0) return [];
  const shares = new Map<SuspicionKind, number>();
  const best = new Map<SuspicionKind, string>();
  for (const { label, share } of classificationsOf(features, opinion.scorer, opinion.thresholds.temperature)) {
    const kind = opinion.kindOf.get(label);
    if (!kind) continue;
    shares.set(kind, (shares.get(kind) ?? 0) + share);
    if (!best.has(kind)) best.set(kind, label);
  }
  return SUSPICION_KINDS.filter((kind) => best.has(kind)).map((kind) => ({ kind, flag: best.get(kind)!, share: shares.get(kind)! }));
}

/** Is this suspicion strong enough to ask about? `rulesFound`: the rules found something (lower). */
export function strongEnough(suspicion: Suspicion, opinion: SecondOpinion, rulesFound: boolean): boolean {
  const needed = opinion.thresholds[suspicion.kind];
  return suspicion.share >= (rulesFound ? Math.max(needed, opinion.thresholds.overRules) : needed);
}

/** What a flag would be asked as, from its level and whether it is a crisis flag. */
export function kindOfFlag(flag: { level: TriageLevel; crisis: boolean }): SuspicionKind | null {
  if (flag.crisis) return 'crisis';
  return flag.level === 'emergency' || flag.level === 'urgent' ? flag.level : null;
}
