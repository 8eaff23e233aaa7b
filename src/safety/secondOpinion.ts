/**
 * The red-flag screen's second opinion: a small naive Bayes classifier (natural) trained on labelled
 * red-flag phrasings (each labelled with its flag) and on ordinary runner questions (labelled "none").
 * It never escalates by itself: when neither the phrases nor the concepts found anything and it leans
 * clearly towards an emergency or urgent flag, the screen asks that flag's one yes/no question, so what
 * the rules do not cover leads to a direct question rather than a guess or silence.
 */
import type * as Natural from 'natural';
import { normaliseText, type NormaliserLexicon } from '../language/normalise';

const BayesClassifier = require('natural/lib/natural/classifiers/bayes_classifier') as typeof Natural.BayesClassifier;
const PorterStemmer = require('natural/lib/natural/stemmers/porter_stemmer') as typeof Natural.PorterStemmer;

const NONE = 'none';

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

export interface SecondOpinion {
  classifier: Natural.BayesClassifier;
  /** natural's trained model as lookup tables (see compileScorer): the same figures, without a pass over the whole vocabulary. */
  scorer: BayesScorer;
  lexicon: NormaliserLexicon;
  /** Share of the probability a flag needs before its question is asked. */
  threshold: number;
}

export interface LabelledText {
  text: string;
  /** A red-flag id, or null for an ordinary message. */
  flag: string | null;
}

/** The normalised, stemmed words of a text, as the classifier sees them. */
export function featuresOf(text: string, lexicon: NormaliserLexicon): string[] {
  const words = normaliseText(text, lexicon).match(/[a-z0-9]+/g) ?? [];
  return words.filter((w) => !FILLER.has(w)).map((w) => PorterStemmer.stem(w));
}

/**
 * natural's BayesClassifier scores a message by building a 0/1 vector over its whole vocabulary
 * (thousands of words) and summing, for every word present, log(count / class total) from the highest
 * feature index down. The same sums from tables: each word's feature index, and per class the log term
 * of every index, precomputed. Adding the same terms in the same order gives bit-identical values.
 */
export interface BayesScorer {
  /** Feature index of each word, in natural's order (the for-in order of its features object). */
  featureIds: Map<string, number>;
  /** Class labels in natural's order (the for-in order of its classFeatures). */
  labels: string[];
  /** Per class: classTotal / totalExamples. */
  priors: Float64Array;
  /** Per class, per feature index: log((count or smoothing) / classTotal). */
  logTerms: Float64Array[];
}

interface ApparatusBayes {
  classFeatures: Record<string, Record<number, number>>;
  classTotals: Record<string, number>;
  totalExamples: number;
  smoothing: number;
}

function compileScorer(classifier: Natural.BayesClassifier): BayesScorer {
  const trained = (classifier as unknown as { classifier: ApparatusBayes }).classifier;
  const featureIds = new Map<string, number>();
  for (const feature in (classifier as unknown as { features: Record<string, number> }).features) featureIds.set(feature, featureIds.size);
  const labels: string[] = [];
  for (const label in trained.classFeatures) labels.push(label);
  const priors = Float64Array.from(labels, (label) => trained.classTotals[label] / trained.totalExamples);
  const logTerms = labels.map((label) =>
    Float64Array.from({ length: featureIds.size }, (_, i) =>
      Math.log((trained.classFeatures[label][i] || trained.smoothing) / trained.classTotals[label]),
    ),
  );
  return { featureIds, labels, priors, logTerms };
}

/** What natural's getClassifications returns for these words, best first. */
export function classificationsOf(features: string[], scorer: BayesScorer): Array<{ label: string; value: number }> {
  const present = [...new Set(features.map((f) => scorer.featureIds.get(f)).filter((id): id is number => id !== undefined))].sort(
    (a, b) => b - a,
  );
  return scorer.labels
    .map((label, c) => {
      const terms = scorer.logTerms[c];
      let sum = 0;
      for (const id of present) sum += terms[id];
      return { label, value: scorer.priors[c] * Math.exp(sum) };
    })
    .sort((x, y) => y.value - x.value);
}

export function trainSecondOpinion(examples: LabelledText[], lexicon: NormaliserLexicon, threshold = 0.7): SecondOpinion {
  const classifier = new BayesClassifier();
  for (const { text, flag } of examples) {
    const features = featuresOf(text, lexicon);
    if (features.length > 0) classifier.addDocument(features, flag ?? NONE);
  }
  classifier.train();
  return { classifier, scorer: compileScorer(classifier), lexicon, threshold };
}

/** The flag the classifier leans to, when it clearly does; null otherwise. Reads at most 600 characters. */
export function secondOpinionOn(text: string, opinion: SecondOpinion): string | null {
  const features = featuresOf(text.slice(0, 600), opinion.lexicon);
  if (features.length === 0) return null;
  const ranked = classificationsOf(features, opinion.scorer);
  const total = ranked.reduce((sum, c) => sum + c.value, 0);
  const top = ranked[0];
  if (!top || top.label === NONE || total <= 0) return null;
  return top.value / total >= opinion.threshold ? top.label : null;
}
