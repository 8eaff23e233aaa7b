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

export function trainSecondOpinion(examples: LabelledText[], lexicon: NormaliserLexicon, threshold = 0.7): SecondOpinion {
  const classifier = new BayesClassifier();
  for (const { text, flag } of examples) {
    const features = featuresOf(text, lexicon);
    if (features.length > 0) classifier.addDocument(features, flag ?? NONE);
  }
  classifier.train();
  return { classifier, lexicon, threshold };
}

/** The flag the classifier leans to, when it clearly does; null otherwise. Reads at most 600 characters. */
export function secondOpinionOn(text: string, opinion: SecondOpinion): string | null {
  const features = featuresOf(text.slice(0, 600), opinion.lexicon);
  if (features.length === 0) return null;
  const ranked = opinion.classifier.getClassifications(features);
  const total = ranked.reduce((sum, c) => sum + c.value, 0);
  const top = ranked[0];
  if (!top || top.label === NONE || total <= 0) return null;
  return top.value / total >= opinion.threshold ? top.label : null;
}
