import { loadTrainedKnowledge } from '../../src/services';
import { loadRedFlagPhrases } from '../../src/safety/loadSafetyRules';
import { classificationsOf, featuresOf } from '../../src/safety/secondOpinion';

const { safety, kb } = loadTrainedKnowledge();
const opinion = safety.secondOpinion!;

describe("the second opinion's lookup tables", () => {
  // The screen's decisions must not move: every score must be the very number natural computes.
  const texts = [
    ...loadRedFlagPhrases().map((p) => p.text),
    ...[...kb.topics, ...kb.conversationIntents].flatMap((intent) => intent.examples),
    'my back hurts and my back hurts again after 10k, 2 weeks now',
    'constructor toString valueOf hasOwnProperty',
    'zzzz qqqq',
  ];

  test(`all ${texts.length} labelled phrasings, training examples and odd messages score as natural scores them`, () => {
    const differing = texts.filter((text) => {
      const features = featuresOf(text.slice(0, 600), opinion.lexicon);
      const ours = classificationsOf(features, opinion.scorer);
      const natural = opinion.classifier.getClassifications(features);
      return ours.length !== natural.length || ours.some((c, i) => c.label !== natural[i].label || !Object.is(c.value, natural[i].value));
    });
    expect(differing).toEqual([]);
  });
});
