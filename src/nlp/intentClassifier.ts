/**
 * Intent classification over the knowledge base's examples: natural's naive Bayes on corrected, stemmed
 * words and word pairs. The score is built to mean something: it is high only when the top intent clearly
 * beats the runner-up AND most of the message is made of words the bot was trained on, so an off-topic
 * or garbled message gets a low score (and a clarifying reply) instead of a confident wrong answer.
 * Plain functions, no I/O: training data comes in as arguments.
 */
import { BayesClassifier } from 'natural';
import { applyLexicon, isStopword, SpellingCorrector, stem, wordsOf, type Lexicon } from './textNormalizer';

export interface TrainingIntent {
  id: string;
  examples: readonly string[];
}

export interface RankedIntent {
  intent: string;
  score: number;
}

export interface IntentPrediction {
  /** The best intent, or null when the message has no word the classifier knows. */
  intent: string | null;
  /** 0..1; compare with the model's threshold before answering with confidence. */
  score: number;
  /** All intents, best first, each with its share of the posterior. */
  ranked: RankedIntent[];
  /** Share of the message's content words that the classifier has seen in training (0..1). */
  knownWordShare: number;
}

export interface IntentModel {
  classifier: BayesClassifier;
  corrector: SpellingCorrector;
  lexicon: Lexicon;
  knownStems: ReadonlySet<string>;
  threshold: number;
}

/** Below this score the bot asks which topic the user meant. Tuned on the held-out set by `npm run eval`. */
export const DEFAULT_THRESHOLD = 0.45;
/** Messages are truncated to this many content words: past it, more text adds noise, not signal. */
const MAX_FEATURE_WORDS = 40;

/** Content words of a message, after lexicon replacement and (when a corrector is given) spelling correction. */
function contentWords(text: string, lexicon: Lexicon, corrector?: SpellingCorrector): string[] {
  const words = applyLexicon(wordsOf(text), lexicon);
  const corrected = corrector ? words.map((word) => corrector.correct(word)) : words;
  return applyLexicon(corrected, lexicon).filter((word) => !isStopword(word)).slice(0, MAX_FEATURE_WORDS);
}

/** Stems plus adjacent stem pairs: "hip flexor" means more than "hip" and "flexor" apart. */
export function featuresOf(stems: string[]): string[] {
  const pairs = stems.slice(1).map((next, i) => `${stems[i]}_${next}`);
  return [...new Set([...stems, ...pairs])];
}

export function trainIntentModel(
  intents: readonly TrainingIntent[],
  lexicon: Lexicon,
  threshold: number = DEFAULT_THRESHOLD,
): IntentModel {
  const vocabulary = new Set<string>();
  for (const intent of intents) {
    for (const example of intent.examples) applyLexicon(wordsOf(example), lexicon).forEach((w) => vocabulary.add(w));
  }
  const classifier = new BayesClassifier();
  const knownStems = new Set<string>();
  for (const intent of intents) {
    for (const example of intent.examples) {
      const stems = contentWords(example, lexicon).map(stem);
      stems.forEach((s) => knownStems.add(s));
      if (stems.length > 0) classifier.addDocument(featuresOf(stems), intent.id);
    }
  }
  classifier.train();
  return { classifier, corrector: new SpellingCorrector(vocabulary), lexicon, knownStems, threshold };
}

export function classifyIntent(model: IntentModel, text: string): IntentPrediction {
  const stems = contentWords(text, model.lexicon, model.corrector).map(stem);
  const known = stems.filter((s) => model.knownStems.has(s));
  const knownWordShare = stems.length === 0 ? 0 : known.length / stems.length;
  if (known.length === 0) return { intent: null, score: 0, ranked: [], knownWordShare };

  const features = featuresOf(known);
  const raw = model.classifier.getClassifications(features);
  // Naive Bayes multiplies one probability per word, so its posteriors are near 0 or 1 for any
  // message of a few words. Taking the per-feature geometric mean tempers that into a usable score.
  const maxLog = Math.max(...raw.map((c) => Math.log(c.value || Number.MIN_VALUE)));
  const tempered = raw.map((c) => ({
    intent: c.label,
    weight: Math.exp((Math.log(c.value || Number.MIN_VALUE) - maxLog) / Math.sqrt(features.length)),
  }));
  const total = tempered.reduce((sum, c) => sum + c.weight, 0);
  const ranked = tempered.map((c) => ({ intent: c.intent, score: c.weight / total })).sort((a, b) => b.score - a.score);
  // Unknown words dilute confidence: "my knee hurts when running" knows "hurt" and "run", not "knee".
  const score = ranked[0].score * Math.sqrt(knownWordShare);
  return { intent: ranked[0].intent, score, ranked, knownWordShare };
}

/** The 2 or 3 most likely intents, for a clarifying question. */
export function likelyIntents(prediction: IntentPrediction, count = 3): string[] {
  return prediction.ranked.slice(0, count).map((r) => r.intent);
}
