/**
 * Intent classification over the knowledge base's examples. natural does the language work (word
 * stemming, edit distances for typos, its stop-word list); the model is two simple views of the same
 * features, averaged:
 *   - multinomial naive Bayes with equal priors (which intent's vocabulary explains these words best);
 *   - TF-IDF cosine similarity to each intent's centroid (how close is this to what we were taught).
 * natural's own BayesClassifier counts only the words present and smooths by class size, so a word
 * never seen in a small topic outscores the same word seen once in a big one; `npm run eval` shows
 * the difference on the held-out set.
 *
 * The score is built to mean something: high only when the top intent clearly wins AND most of the
 * message is made of words the bot was trained on, so an off-topic or garbled message gets a low score
 * (and a clarifying reply) instead of a confident wrong answer. Plain functions, no I/O.
 */
import { isEnglishWord } from '../language/dictionary';
import { compileOtherSubjects, otherSubjectOf, type CompiledOtherSubjects, type OtherSubjectsLexicon } from './otherSubjects';
import { applyLexicon, isStopword, SpellingCorrector, stem, wordsOf, type Lexicon } from './textNormalizer';

export interface TrainingIntent {
  id: string;
  examples: readonly string[];
  /** Knowledge topics carry an answer; their words are what the bot is about (see `onTopicStems`). */
  answer?: string;
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
  /** All intents, best first, with their combined scores. */
  ranked: RankedIntent[];
  /** Share of the message's content words that the classifier has seen in training (0..1). */
  knownWordShare: number;
  /** True when the message has a word of the bot's subject (a knowledge topic's word, typed or corrected with support). */
  onTopic: boolean;
}

type SparseVector = Map<string, number>;

export interface IntentModel {
  intents: string[];
  corrector: SpellingCorrector;
  lexicon: Lexicon;
  /** Per intent: feature counts and their total, for naive Bayes. */
  featureCounts: Map<string, { counts: Map<string, number>; total: number }>;
  vocabularySize: number;
  inverseDocumentFrequency: Map<string, number>;
  centroids: Map<string, SparseVector>;
  /** Every training example's TF-IDF vector, for the nearest-example view. */
  exampleVectors: Array<{ intent: string; vector: SparseVector }>;
  /**
   * The same vectors indexed by feature (feature -> [example index, weight]): a message shares words with
   * a few dozen of the thousands of examples, so its similarities are summed over those only.
   */
  examplesByFeature: Map<string, Array<[number, number]>>;
  knownStems: ReadonlySet<string>;
  threshold: number;
  settings: ClassifierSettings;
  /** The intent for messages made mostly of unknown words (e.g. "out_of_scope"), if any. */
  unknownIntent?: string;
  /** Training examples word for word: a message typed exactly as taught ("help", "cancel") needs no guessing. */
  exactExamples: Map<string, string>;
  /** Stems of the knowledge topics' examples, minus question and filler words: evidence a message is on topic. */
  onTopicStems: ReadonlySet<string>;
  /** Stems taught only as examples of the unknown intent ("garmin", "pasta"): evidence of another subject. */
  offTopicStems: ReadonlySet<string>;
  /**
   * Words that belong to one intent ("heavy" -> body weight, "mirror" -> running form): a stem taught
   * three times or more, at least three-quarters of them in one intent's examples.
   */
  subjectOwners: ReadonlyMap<string, string>;
  /** The words of nearly every topic (back, pain, run, sore...): a question about the bot's subject uses one. */
  coreStems: ReadonlySet<string>;
  /** Words that show a message is about the bot's subject: the core words and each topic's own (see `namesTheSubject`). */
  subjectStems: ReadonlySet<string>;
  /** Topic words of four letters, for three-letter typos ("bak") the corrector leaves alone. */
  shortTopicWords: readonly string[];
  /** Subjects the bot does not cover though a message borrows its words (the lexicon's `otherSubjects`). */
  otherSubjects?: CompiledOtherSubjects;
  /** Intents whose answer is cheap to give even on thin evidence (small talk): never forced out of scope. */
  smallTalkIntents: ReadonlySet<string>;
  /** The knowledge topics (intents with an answer); the others act on the conversation (show my data, start over...). */
  topicIntents: ReadonlySet<string>;
}

/** Below this score the bot asks which topic the user meant. Tuned on the held-out set with `npm run eval`. */
export const DEFAULT_THRESHOLD = 0.15;
/** Messages are truncated to this many content words: past it, more text adds noise, not signal. */
const MAX_FEATURE_WORDS = 40;
/** Below this share of known words, a message goes to the model's unknownIntent (when it has one). */
const MIN_KNOWN_SHARE = 0.5;
/** The summed IDF of a message's words at which its evidence counts about two-thirds. */
const EVIDENCE_SCALE = 3;
/**
 * Model settings, chosen by 5-fold cross-validation on the training examples (never on the held-out
 * set): `npm run eval -- --tune` prints the grid.
 */
export interface ClassifierSettings {
  /** Naive Bayes additive smoothing: small, because examples are short. */
  smoothing: number;
  /** Word pairs count less than single words in TF-IDF: they are rarer and noisier. */
  pairWeight: number;
  /** Share of the combined score from naive Bayes. */
  bayesWeight: number;
  /** Share from the closest single training example (the rest is similarity to the intent's centroid). */
  nearestWeight: number;
}

export const DEFAULT_SETTINGS: ClassifierSettings = { smoothing: 0.1, pairWeight: 0.7, bayesWeight: 0.3, nearestWeight: 0.3 };

/** Content words of a message, after lexicon replacement and (when a model is given) spelling correction. */
function contentWords(text: string, lexicon: Lexicon, model?: IntentModel): string[] {
  return contentWordsOf(readWords(text, lexicon, model));
}

/** A message's words after lexicon replacement and (when a model is given) spelling correction. */
function readWords(text: string, lexicon: Lexicon, model?: IntentModel): string[] {
  const words = applyLexicon(wordsOf(text), lexicon);
  return model ? correctInContext(model, words) : words;
}

function contentWordsOf(corrected: string[]): string[] {
  return withQuestionFrame(corrected)
    .filter((word) => !isStopword(word))
    .slice(0, MAX_FEATURE_WORDS);
}

/**
 * "what do i do", "what should i do", "what can i do": made of stop words, so invisible to the model,
 * yet it is what separates "my back hurts after long runs, what do i do" (self-care) from "why" (causes).
 * It becomes one feature word, learnt from the examples like any other.
 */
const WHAT_TO_DO = /\b(?:what|wat) (?:do|should|can|could|would) (?:i|we|you) (?:do|try)\b/;
const WHAT_TO_DO_WORD = 'whattodo';

function withQuestionFrame(words: string[]): string[] {
  return WHAT_TO_DO.test(words.join(' ')) ? [...words, WHAT_TO_DO_WORD] : words;
}

/**
 * Spelling correction that the message's context must support. A correction INTO a topic word is kept
 * only when the message names the subject as typed, when two or more corrections agree on it ("lowr
 * bak pian"), or when nothing else in the message is unknown: "cook pasta carbonara" must stay unknown,
 * not become "cool" (down), and "glue" beside "sneaker" is not "glute". Other corrections ("thnaks") stay.
 */
function correctInContext(model: IntentModel, words: string[]): string[] {
  const isTopicWord = (word: string) => !isStopword(word) && model.onTopicStems.has(stem(word));
  // "suit" -> "sit": a four-letter word cut to a three-letter one is a different word, not a typo.
  const fix = (word: string) => {
    const fixed = model.corrector.correct(word);
    return fixed.length < 4 && fixed !== word && isTopicWord(fixed) ? word : fixed;
  };
  const typedCoreWords = words.filter((word) => !isStopword(word) && model.coreStems.has(stem(word))).length;
  // Each word's correction, worked out once: the three readings below all start from it.
  const fixedWords = words.map(fix);
  const corrected = applyLexicon(fixedWords, model.lexicon);
  // Four-letter words one letter off are often other real words ("sole"/"sore", "glue"/"glute"); a
  // swapped pair of letters ("pian") or a longer word is a typo worth counting as agreement.
  const sorted = (word: string) => [...word].sort().join('');
  const correctedIntoTopic = words.filter((word, i) => {
    const fixed = fixedWords[i];
    return fixed !== word && isTopicWord(fixed) && (word.length >= 5 || sorted(word) === sorted(fixed));
  }).length;
  const stillUnknown = corrected.filter((word) => !isStopword(word) && !/\d/.test(word) && !model.knownStems.has(stem(word))).length;
  // Supported: the message already names the subject (back, pain, run...), or two corrections agree on
  // it, or the corrected word is the only one the bot did not know ("how to do a brigde").
  const supported = typedCoreWords > 0 || correctedIntoTopic >= 2 || stillUnknown === 0;
  if (!supported) {
    return applyLexicon(
      words.map((word, i) => {
        const fixed = fixedWords[i];
        return fixed !== word && isTopicWord(fixed) ? word : fixed;
      }),
      model.lexicon,
    );
  }
  return corrected.map((word) =>
    word.length === 3 && !isStopword(word) && !model.knownStems.has(stem(word)) ? shortTypoFix(model, word) : word,
  );
}

/**
 * "bak" -> "back": one letter missing inside a four-letter topic word ("car" is not "care"), when exactly
 * one fits, and never a real word ("cot" is not "coat").
 */
function shortTypoFix(model: IntentModel, word: string): string {
  if (isEnglishWord(word)) return word;
  const fits = model.shortTopicWords.filter(
    (candidate) => candidate[0] === word[0] && [1, 2].some((i) => candidate.slice(0, i) + candidate.slice(i + 1) === word),
  );
  return fits.length === 1 ? fits[0] : word;
}

/**
 * Question and filler words that say nothing about the subject: "how" or "should" appear in topic
 * examples, but a message made of them and unknown words ("how do i cook pasta") is not on topic.
 */
const NOT_SUBJECT_WORDS = new Set(
  [
    'how',
    'what',
    'when',
    'why',
    'which',
    'who',
    'not',
    'no',
    'more',
    'before',
    'after',
    'should',
    'can',
    'off',
    'up',
    'over',
    'again',
    'much',
    'one',
    'do',
    'does',
    'need',
    'want',
    'make',
    'would',
    'could',
    'will',
    'best',
    'good',
    'bad',
    'better',
    'worse',
    'worst',
    // "linked?", "related?", "connected?": they ask whether, like "why", not about what.
    'linked',
    'related',
    'connected',
    'thing',
    'way',
    'time',
    'tell',
    'know',
    'help',
    'try',
    'use',
    'new',
    'long',
    'right',
    'okay',
    'really',
    'still',
    'anything',
    'something',
    'start',
    'stop',
    'go',
    'take',
    'find',
    'work',
    'day',
    'difference',
    'different',
    'versus',
    'vs',
    'worth',
    'actually',
    'ever',
    'even',
  ].map(stem),
);

/** Small talk: a wrong guess costs little, and "hi there botty" should still be a greeting. */
const SMALL_TALK_INTENTS = [
  'greeting',
  'thanks',
  'goodbye',
  'identity',
  'help',
  'acknowledgement',
  'tell_me_more',
  'show_my_data',
  'privacy_policy',
  'feedback',
];

/** Stems plus adjacent stem pairs: "hip flexor" means more than "hip" and "flexor" apart. */
export function featuresOf(stems: string[]): string[] {
  const pairs = stems.slice(1).map((next, i) => `${stems[i]}_${next}`);
  return [...stems, ...pairs];
}

function normalise(vector: SparseVector): SparseVector {
  const length = Math.sqrt([...vector.values()].reduce((sum, x) => sum + x * x, 0)) || 1;
  for (const [key, value] of vector) vector.set(key, value / length);
  return vector;
}

function tfidfVector(features: string[], idf: Map<string, number>, pairWeight: number): SparseVector {
  const vector: SparseVector = new Map();
  for (const feature of features) {
    const weight = idf.get(feature);
    if (weight === undefined) continue;
    vector.set(feature, (vector.get(feature) ?? 0) + weight * (feature.includes('_') ? pairWeight : 1));
  }
  return normalise(vector);
}

/** Lower-case words joined by single spaces: the key for exact example matches. */
const exactKey = (text: string, lexicon: Lexicon, model?: IntentModel): string => readWords(text, lexicon, model).join(' ');

export function trainIntentModel(
  intents: readonly TrainingIntent[],
  lexicon: Lexicon & { otherSubjects?: OtherSubjectsLexicon },
  options: { threshold?: number; settings?: ClassifierSettings; unknownIntent?: string } = {},
): IntentModel {
  const { threshold = DEFAULT_THRESHOLD, settings = DEFAULT_SETTINGS, unknownIntent } = options;
  const vocabulary = new Set<string>();
  const documents: Array<{ intent: string; features: string[] }> = [];
  const knownStems = new Set<string>();
  const onTopicStems = new Set<string>();
  const topicWords = new Set<string>();
  for (const intent of intents) {
    for (const example of intent.examples) {
      applyLexicon(wordsOf(example), lexicon).forEach((w) => vocabulary.add(w));
      const words = contentWords(example, lexicon);
      const stems = words.map(stem);
      stems.forEach((s) => knownStems.add(s));
      if (intent.answer !== undefined) {
        words.forEach((w) => topicWords.add(w));
        stems.filter((s) => !NOT_SUBJECT_WORDS.has(s)).forEach((s) => onTopicStems.add(s));
      }
      if (stems.length > 0) documents.push({ intent: intent.id, features: featuresOf(stems) });
    }
  }

  const exactExamples = new Map<string, string>();
  for (const intent of intents) for (const example of intent.examples) exactExamples.set(exactKey(example, lexicon), intent.id);

  const documentFrequency = new Map<string, number>();
  for (const doc of documents)
    for (const feature of new Set(doc.features)) documentFrequency.set(feature, (documentFrequency.get(feature) ?? 0) + 1);
  const inverseDocumentFrequency = new Map(
    [...documentFrequency].map(([feature, df]) => [feature, Math.log((documents.length + 1) / (df + 1)) + 1]),
  );

  const featureCounts = new Map<string, { counts: Map<string, number>; total: number }>();
  const centroids = new Map<string, SparseVector>();
  const exampleVectors: IntentModel['exampleVectors'] = [];
  for (const intent of intents) {
    featureCounts.set(intent.id, { counts: new Map(), total: 0 });
    centroids.set(intent.id, new Map());
  }
  for (const doc of documents) {
    const entry = featureCounts.get(doc.intent)!;
    for (const feature of doc.features) entry.counts.set(feature, (entry.counts.get(feature) ?? 0) + 1);
    entry.total += doc.features.length;
    const centroid = centroids.get(doc.intent)!;
    const vector = tfidfVector(doc.features, inverseDocumentFrequency, settings.pairWeight);
    exampleVectors.push({ intent: doc.intent, vector });
    for (const [feature, weight] of vector) centroid.set(feature, (centroid.get(feature) ?? 0) + weight);
  }
  centroids.forEach(normalise);
  const examplesByFeature: IntentModel['examplesByFeature'] = new Map();
  exampleVectors.forEach(({ vector }, index) => {
    for (const [feature, weight] of vector) {
      const postings = examplesByFeature.get(feature) ?? [];
      postings.push([index, weight]);
      examplesByFeature.set(feature, postings);
    }
  });

  const model: Omit<IntentModel, 'subjectStems'> = {
    intents: intents.map((i) => i.id),
    corrector: new SpellingCorrector(vocabulary),
    lexicon,
    featureCounts,
    vocabularySize: documentFrequency.size,
    inverseDocumentFrequency,
    centroids,
    exampleVectors,
    examplesByFeature,
    knownStems,
    threshold,
    settings,
    unknownIntent: unknownIntent && intents.some((i) => i.id === unknownIntent) ? unknownIntent : undefined,
    exactExamples,
    onTopicStems,
    offTopicStems: offTopicStemsOf(documents, unknownIntent),
    subjectOwners: subjectOwnersOf(featureCounts),
    coreStems: coreStemsOf(intents, featureCounts),
    shortTopicWords: [...topicWords].filter((w) => w.length === 4 && onTopicStems.has(stem(w))),
    ...(lexicon.otherSubjects ? { otherSubjects: compileOtherSubjects(lexicon.otherSubjects) } : {}),
    smallTalkIntents: new Set(SMALL_TALK_INTENTS),
    topicIntents: new Set(intents.filter((i) => i.answer !== undefined).map((i) => i.id)),
  };
  return { ...model, subjectStems: subjectStemsOf(model) };
}

/** A stem taught for at least this share of the topics is one of the subject's core words. */
const CORE_TOPIC_SHARE = 0.3;
/** Above this score a message without core words is still answered ("the little crunch with heels on the mat"). */
const CORE_RULE_MAX_SCORE = 0.3;

function coreStemsOf(intents: readonly TrainingIntent[], featureCounts: IntentModel['featureCounts']): Set<string> {
  const topics = intents.filter((i) => i.answer !== undefined);
  const topicsWith = new Map<string, number>();
  for (const topic of topics) {
    for (const feature of featureCounts.get(topic.id)?.counts.keys() ?? []) {
      if (!feature.includes('_') && !NOT_SUBJECT_WORDS.has(feature)) topicsWith.set(feature, (topicsWith.get(feature) ?? 0) + 1);
    }
  }
  return new Set([...topicsWith].filter(([, n]) => n >= topics.length * CORE_TOPIC_SHARE).map(([feature]) => feature));
}

const OWNER_MIN_COUNT = 3;
const OWNER_MIN_SHARE = 0.75;

function subjectOwnersOf(featureCounts: IntentModel['featureCounts']): Map<string, string> {
  const byStem = new Map<string, Array<[string, number]>>();
  for (const [intent, { counts }] of featureCounts) {
    for (const [feature, count] of counts) {
      if (feature.includes('_') || NOT_SUBJECT_WORDS.has(feature)) continue;
      byStem.set(feature, [...(byStem.get(feature) ?? []), [intent, count]]);
    }
  }
  const owners = new Map<string, string>();
  for (const [feature, list] of byStem) {
    const total = list.reduce((n, [, c]) => n + c, 0);
    const [intent, count] = list.reduce((best, next) => (next[1] > best[1] ? next : best));
    if (count >= OWNER_MIN_COUNT && count / total >= OWNER_MIN_SHARE) owners.set(feature, intent);
  }
  return owners;
}

/**
 * The question frame ("is that why my back hurts") is shared by many examples of a broad topic and can
 * outvote the one word that names the subject ("heavy"). When the message's subject words all point to
 * one intent that is already a close contender (top four: "im a bit overweight, is that why my back kills when i run"
 * ranks body weight fourth behind the overview), that intent leads.
 */
function preferSubject(model: IntentModel, known: string[], ranked: RankedIntent[]): RankedIntent[] {
  const owners = new Set(known.flatMap((s) => model.subjectOwners.get(s) ?? []));
  if (owners.size !== 1) return ranked;
  const [owner] = owners;
  const at = ranked.findIndex((r) => r.intent === owner);
  if (at <= 0 || at > 3) return ranked;
  // The leader was taught the subject word too ("sitting at a desk" is also a hip-flexor question): keep it.
  const leaderCounts = model.featureCounts.get(ranked[0].intent)?.counts;
  if (known.some((s) => model.subjectOwners.get(s) === owner && (leaderCounts?.get(s) ?? 0) > 0)) return ranked;
  const promoted = [...ranked];
  promoted[at] = { intent: ranked[0].intent, score: ranked[at].score };
  promoted[0] = { intent: owner, score: ranked[0].score };
  return promoted.sort((a, b) => b.score - a.score);
}

/**
 * A conversation intent (show my data, privacy, feedback, start over, tell me more...) acts on the
 * conversation instead of answering, so it must be carried by its own words, not by one word it shares
 * with the message: "should i land on my heel or midfoot to save my back" has "save" in common with
 * "what did you save about me", and heel, midfoot and back that no "show my data" example ever used;
 * "my wife said i should cook more" has "more" in common with "tell me more", and wife and cook that no
 * example has. When the message's subject words that such an intent never saw (topic words, or words
 * the bot never learnt) outnumber those it did see, its score shrinks to the share of the message it
 * explains. Chat (hello, thanks, bye) is spared the unknown words: "thanks dave" is still thanks.
 */
function demoteThinConversationIntents(model: IntentModel, known: string[], unknown: string[], ranked: RankedIntent[]): RankedIntent[] {
  const subject = [...new Set(known.filter((s) => !NOT_SUBJECT_WORDS.has(s) && !/\d/.test(s)))];
  const unknownSubject = new Set(unknown.filter((s) => !NOT_SUBJECT_WORDS.has(s) && !/\d/.test(s))).size;
  if (subject.length + unknownSubject === 0) return ranked;
  let changed = false;
  const demoted = ranked.map((entry) => {
    if (model.topicIntents.has(entry.intent) || entry.intent === model.unknownIntent) return entry;
    const counts = model.featureCounts.get(entry.intent)?.counts;
    const seen = subject.filter((s) => (counts?.get(s) ?? 0) > 0).length;
    const unseenTopical = subject.filter((s) => !(counts?.get(s) ?? 0) && model.onTopicStems.has(s)).length;
    const unseen = unseenTopical + (CHAT_INTENTS.has(entry.intent) ? 0 : unknownSubject);
    if (unseen <= seen) return entry;
    changed = true;
    return { intent: entry.intent, score: (entry.score * seen) / (seen + unseen) };
  });
  return changed ? demoted.sort((a, b) => b.score - a.score) : ranked;
}

/** Chat, where names and chatty words the bot never learnt are normal ("cheers dave", "hiya pal"). */
const CHAT_INTENTS = new Set(['greeting', 'thanks', 'goodbye', 'acknowledgement', 'identity']);

/** Stems taught mostly (three-quarters or more) as examples of the unknown intent: "elbow", "garmin". */
function offTopicStemsOf(documents: Array<{ intent: string; features: string[] }>, unknownIntent: string | undefined): Set<string> {
  const counts = new Map<string, { off: number; all: number }>();
  for (const doc of documents) {
    for (const feature of doc.features) {
      if (feature.includes('_')) continue;
      const entry = counts.get(feature) ?? { off: 0, all: 0 };
      entry.all += 1;
      if (doc.intent === unknownIntent) entry.off += 1;
      counts.set(feature, entry);
    }
  }
  return new Set([...counts].filter(([, c]) => c.off / c.all >= OWNER_MIN_SHARE).map(([feature]) => feature));
}

/**
 * Per intent, the highest cosine similarity between the query and one of its examples. Summed through
 * the feature index, adding the terms in the query's order (minus the zero terms), so the
 * result is identical to comparing with every example, at a fraction of the cost.
 */
function nearestExamples(model: IntentModel, query: SparseVector): Float64Array {
  // One array slot per example, reused from turn to turn (only the touched slots are reset), rather
  // than a map of thousands of entries built per message; sums are added in the same order.
  const { similarity, postings, exampleIntent } = tablesOf(model);
  const touched: number[] = [];
  for (const [feature, value] of query) {
    const list = postings.get(feature);
    if (!list) continue;
    const { examples, weights } = list;
    for (let i = 0; i < examples.length; i += 1) {
      const example = examples[i];
      // Every term is positive (TF-IDF weights), so a slot still at 0 has not been touched yet.
      if (similarity[example] === 0) touched.push(example);
      similarity[example] += value * weights[i];
    }
  }
  const nearest = new Float64Array(model.intents.length);
  for (const example of touched) {
    const intent = exampleIntent[example];
    nearest[intent] = Math.max(nearest[intent], similarity[example]);
    similarity[example] = 0;
  }
  return nearest;
}

/**
 * The query's cosine with every intent's centroid (both are unit vectors: a dot product over the query's
 * terms, in its order, an absent feature adding value * 0), from per-feature weight rows for all intents
 * at once instead of a map lookup per intent and feature.
 */
function centroidSimilarities(model: IntentModel, query: SparseVector): Float64Array {
  const { centroidWeights } = tablesOf(model);
  const sums = new Float64Array(model.intents.length);
  for (const [feature, value] of query) {
    const weights = centroidWeights.get(feature);
    for (let i = 0; i < sums.length; i += 1) sums[i] += value * (weights ? weights[i] : 0);
  }
  return sums;
}

/** What the classifier reads from a trained model on every message, worked out once per model. */
interface ClassifierTables {
  /** Scratch space for nearestExamples: one similarity per training example, all 0 between messages. */
  similarity: Float64Array;
  /** examplesByFeature as typed arrays (example indices and their weights), the same order. */
  postings: Map<string, { examples: Int32Array; weights: Float64Array }>;
  /** Each example's intent, as its index in model.intents. */
  exampleIntent: Int32Array;
  /** Per feature, per intent: the feature's weight in the intent's centroid (0 when absent). */
  centroidWeights: Map<string, Float64Array>;
  /** Per intent (model.intents' order): naive Bayes' log term of a feature the intent never had. */
  unseenTerm: Float64Array;
  /** Per feature, per intent: its naive Bayes log term, log(count + smoothing) - log(total + smoothing * vocabulary). */
  termsByFeature: Map<string, Float64Array>;
}

const tables = new WeakMap<IntentModel, ClassifierTables>();

function tablesOf(model: IntentModel): ClassifierTables {
  let found = tables.get(model);
  if (!found) {
    const { smoothing } = model.settings;
    const denominators = model.intents.map((intent) => Math.log(model.featureCounts.get(intent)!.total + smoothing * model.vocabularySize));
    const unseenTerm = Float64Array.from(denominators, (denominator) => Math.log(0 + smoothing) - denominator);
    const termsByFeature = new Map<string, Float64Array>();
    model.intents.forEach((intent, i) => {
      for (const [feature, count] of model.featureCounts.get(intent)!.counts) {
        let terms = termsByFeature.get(feature);
        if (!terms) termsByFeature.set(feature, (terms = Float64Array.from(unseenTerm)));
        terms[i] = Math.log(count + smoothing) - denominators[i];
      }
    });
    const postings: ClassifierTables['postings'] = new Map();
    for (const [feature, list] of model.examplesByFeature) {
      postings.set(feature, {
        examples: Int32Array.from(list, ([example]) => example),
        weights: Float64Array.from(list, ([, weight]) => weight),
      });
    }
    const intentIndex = new Map(model.intents.map((intent, i) => [intent, i]));
    const exampleIntent = Int32Array.from(model.exampleVectors, ({ intent }) => intentIndex.get(intent)!);
    const centroidWeights = new Map<string, Float64Array>();
    model.intents.forEach((intent, i) => {
      for (const [feature, weight] of model.centroids.get(intent)!) {
        let weights = centroidWeights.get(feature);
        if (!weights) centroidWeights.set(feature, (weights = new Float64Array(model.intents.length)));
        weights[i] = weight;
      }
    });
    found = {
      similarity: new Float64Array(model.exampleVectors.length),
      postings,
      exampleIntent,
      centroidWeights,
      unseenTerm,
      termsByFeature,
    };
    tables.set(model, found);
  }
  return found;
}

/** Naive Bayes posteriors over intents, tempered so a few words do not make them all 0 or 1. */
function bayesPosteriors(model: IntentModel, features: string[]): Map<string, number> {
  // The log terms are looked up, not recomputed: the same numbers, summed in the same order.
  const { unseenTerm, termsByFeature } = tablesOf(model);
  const terms = features.map((feature) => termsByFeature.get(feature) ?? unseenTerm);
  const logLikelihoods = model.intents.map((_, i) => {
    let sum = 0;
    for (const term of terms) sum += term[i];
    return sum;
  });
  const best = Math.max(...logLikelihoods);
  const temperature = Math.sqrt(features.length);
  const weights = logLikelihoods.map((l) => Math.exp((l - best) / temperature));
  const total = weights.reduce((a, b) => a + b, 0);
  return new Map(model.intents.map((intent, i) => [intent, weights[i] / total]));
}

/**
 * Counts only the words that name a subject (not "how", "should", "go"): more of them unknown or off
 * topic than on topic, or as many with one that names another subject ("tennis elbow ice or heat").
 */
function aboutSomethingElse(model: IntentModel, stems: string[], onTopic: boolean, score: number): boolean {
  // Numbers ("10k", "3 weeks") are details of the question, not its subject.
  const subject = stems.filter((s) => !NOT_SUBJECT_WORDS.has(s) && !/\d/.test(s));
  const topical = subject.filter((s) => model.onTopicStems.has(s) && !model.offTopicStems.has(s)).length;
  const offTopic = subject.filter((s) => model.offTopicStems.has(s)).length;
  const unknown = subject.filter((s) => !model.knownStems.has(s)).length;
  if (!onTopic) return unknown + offTopic > 0;
  const other = unknown + offTopic;
  // Unknown words and none of the words nearly every topic uses (back, pain, run, sore...): "is cracking
  // my knuckles bad for me" borrows a topic word, it does not ask about the topic.
  // Only when the match is weak anyway: "the little crunch with heels on the mat" is clearly a topic.
  if (other > 0 && score < CORE_RULE_MAX_SCORE && !subject.some((s) => model.coreStems.has(s))) return true;
  return other > topical || (other === topical && offTopic > 0);
}

/**
 * The words of `text` that name a subject `intent` was taught about: not question or filler words, not
 * the words nearly every topic uses (back, pain, run...), not numbers. "do they hurt it more" names
 * none; "how long did it take" names none either, yet it is a question of its own (see compoundQuestions).
 */
export function subjectWordsFor(model: IntentModel, text: string, intent: string): string[] {
  const counts = model.featureCounts.get(intent)?.counts;
  return contentWords(text, model.lexicon, model)
    .map(stem)
    .filter((s) => !NOT_SUBJECT_WORDS.has(s) && !model.coreStems.has(s) && !/\d/.test(s) && (counts?.get(s) ?? 0) > 0);
}

/**
 * Evidence that a message is about the bot's subject: one of the words nearly every topic uses (back,
 * pain, run, sore...) or a word that belongs to one topic (plank, hamstring, glute, foam). A word that
 * merely appears in some topic's example ("keeps", "job", "home", "leaves") is not: "my mate keeps
 * telling me about his new job" is about something else, and deserves the reply saying what the bot
 * covers rather than a menu of topics it never asked about.
 */
function namesTheSubject(model: IntentModel, known: string[]): boolean {
  return known.some((s) => model.subjectStems.has(s));
}

/** A topic word taught at least this often can be evidence of the subject; once or twice is chance ("job", "laptop"). */
const SUBJECT_MIN_COUNT = 3;
/** Three topics or fewer hold this share of it: a word of a few topics (hamstring, hip, shoe), not everyone's. */
const SUBJECT_FEW_TOPICS_SHARE = 0.75;
/** Or it is this common across the topics (leg, muscle, spine, strength): the subject's own vocabulary. */
const SUBJECT_COMMON_COUNT = 20;
/** A word this often taught for small talk, actions or out of scope ("keeps", "said") is not the subject's. */
const SUBJECT_MAX_ELSEWHERE_SHARE = 0.25;

function subjectStemsOf(model: Pick<IntentModel, 'featureCounts' | 'topicIntents' | 'onTopicStems' | 'coreStems'>): Set<string> {
  const inTopics = new Map<string, number[]>();
  const elsewhere = new Map<string, number>();
  for (const [intent, { counts }] of model.featureCounts) {
    for (const [feature, count] of counts) {
      if (feature.includes('_') || !model.onTopicStems.has(feature)) continue;
      if (model.topicIntents.has(intent)) inTopics.set(feature, [...(inTopics.get(feature) ?? []), count]);
      else elsewhere.set(feature, (elsewhere.get(feature) ?? 0) + count);
    }
  }
  const subject = new Set(model.coreStems);
  for (const [feature, counts] of inTopics) {
    const total = counts.reduce((sum, n) => sum + n, 0);
    const other = elsewhere.get(feature) ?? 0;
    if (total < SUBJECT_MIN_COUNT || other / (total + other) >= SUBJECT_MAX_ELSEWHERE_SHARE) continue;
    const topThree = [...counts]
      .sort((a, b) => b - a)
      .slice(0, 3)
      .reduce((sum, n) => sum + n, 0);
    if (topThree / total >= SUBJECT_FEW_TOPICS_SHARE || total >= SUBJECT_COMMON_COUNT) subject.add(feature);
  }
  return subject;
}

/** True when the lexicon's `otherSubjects` rules say the message is about something the bot does not cover. */
export function aboutOtherSubject(model: IntentModel, text: string): boolean {
  return model.otherSubjects !== undefined && otherSubjectOf(model.otherSubjects, readWords(text, model.lexicon, model)) !== undefined;
}

/** True when the classifier learnt this word (any form of it) from its examples. */
export const isKnownWord = (model: IntentModel, word: string): boolean => model.knownStems.has(stem(word.toLowerCase()));

export function classifyIntent(model: IntentModel, text: string): IntentPrediction {
  // The words are read (and corrected) once: the exact-match key and the features come from the same reading.
  const words = readWords(text, model.lexicon, model);
  const exact = model.exactExamples.get(words.join(' '));
  if (exact)
    return {
      intent: exact,
      score: 1,
      ranked: [{ intent: exact, score: 1 }],
      knownWordShare: 1,
      onTopic: !model.smallTalkIntents.has(exact),
    };
  const stems = contentWordsOf(words).map(stem);
  const known = stems.filter((s) => model.knownStems.has(s));
  const knownWordShare = stems.length === 0 ? 0 : known.length / stems.length;
  const usesTopicWords = known.some((s) => model.onTopicStems.has(s));
  const onTopic = usesTopicWords && namesTheSubject(model, known);
  if (known.length === 0) return { intent: null, score: 0, ranked: [], knownWordShare, onTopic };
  if (model.unknownIntent && knownWordShare < MIN_KNOWN_SHARE) {
    // Mostly words the bot was never taught ("should i buy ethereum"): whatever the rest says, the
    // message is about something else. Saying what the bot covers beats guessing from "should".
    return { intent: model.unknownIntent, score: 1 - knownWordShare, ranked: [], knownWordShare, onTopic };
  }

  const features = featuresOf(known).filter((f) => model.inverseDocumentFrequency.has(f));
  const posteriors = bayesPosteriors(model, features);
  const query = tfidfVector(features, model.inverseDocumentFrequency, model.settings.pairWeight);
  const { bayesWeight, nearestWeight } = model.settings;
  const nearest = nearestWeight > 0 ? nearestExamples(model, query) : new Float64Array(model.intents.length);
  const centroidWeight = 1 - bayesWeight - nearestWeight;
  const centroidSimilarity = centroidSimilarities(model, query);
  const ranked = preferSubject(
    model,
    known,
    demoteThinConversationIntents(
      model,
      known,
      stems.filter((s) => !model.knownStems.has(s)),
      model.intents
        .map((intent, i) => ({
          intent,
          score: bayesWeight * posteriors.get(intent)! + centroidWeight * centroidSimilarity[i] + nearestWeight * nearest[i],
        }))
        .sort((a, b) => b.score - a.score),
    ),
  );
  // Unknown words dilute confidence: "my knee hurts when running" knows "hurt" and "run", not "knee".
  // And common words carry little evidence: "back" alone could be any topic, "bird dog" only one.
  const margin = ranked[0].score - (ranked[1]?.score ?? 0);
  const evidence = 1 - Math.exp(-known.reduce((sum, s) => sum + (model.inverseDocumentFrequency.get(s) ?? 0), 0) / EVIDENCE_SCALE);
  const score = Math.min(1, (ranked[0].score + margin) / 2) * Math.sqrt(knownWordShare) * evidence;
  if (model.unknownIntent && !model.smallTalkIntents.has(ranked[0].intent) && aboutSomethingElse(model, stems, usesTopicWords, score)) {
    // "can you book me a haircut", "reset my garmin", "how do i stretch a canvas for painting": the words
    // that name the subject are mostly ones the bot does not know (or knows as another subject), so
    // acting on the one familiar word would be a guess.
    return { intent: model.unknownIntent, score: Math.max(0.5, 1 - knownWordShare), ranked, knownWordShare, onTopic };
  }
  if (
    model.unknownIntent &&
    model.otherSubjects &&
    !model.smallTalkIntents.has(ranked[0].intent) &&
    otherSubjectOf(model.otherSubjects, words)
  ) {
    // "my dog's back legs are stiff", "how much ibuprofen can i take in a day": topic words, another subject.
    return { intent: model.unknownIntent, score: Math.max(0.5, score), ranked, knownWordShare, onTopic: false };
  }
  return { intent: ranked[0].intent, score, ranked, knownWordShare, onTopic };
}
