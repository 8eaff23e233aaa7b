/** The classifier on its own: accuracy on the held-out set, typos, and a score that means something. */
import * as path from 'node:path';
import { loadHeldOutUtterances, loadKnowledgeBase, readYamlFile } from '../../src/knowledge/loadKnowledge';
import { classifyIntent, trainIntentModel, type IntentModel } from '../../src/nlp/intentClassifier';
import { lexiconFileSchema } from '../../src/nlp/lexiconSchema';

let model: IntentModel;
beforeAll(() => {
  const kb = loadKnowledgeBase();
  const lexicon = readYamlFile(path.join(kb.dir, 'nlp', 'lexicon.yaml'), lexiconFileSchema);
  model = trainIntentModel([...kb.topics, ...kb.conversationIntents], lexicon, { unknownIntent: 'out_of_scope' });
});

describe('intent classifier', () => {
  it('gets at least 90% of the held-out utterances (written the way users type) right', () => {
    const heldOut = loadHeldOutUtterances();
    const right = heldOut.filter((u) => classifyIntent(model, u.text).intent === u.intent).length;
    expect(right / heldOut.length).toBeGreaterThanOrEqual(0.9);
  });

  it('tolerates typos and casual phrasing', () => {
    // Someone typing this wants the overview or a check of their own pain: both must be the top two,
    // so even a clarifying reply offers the right choices.
    const typed = classifyIntent(model, 'lowr bak pain wen runing');
    expect(
      typed.ranked
        .slice(0, 2)
        .map((r) => r.intent)
        .sort(),
    ).toEqual(['cause-overview', 'symptom_check']);
    expect(classifyIntent(model, 'how offen shud i replace my runnign shoes').intent).toBe('gear-replacing-shoes');
  });

  it('keeps negations: "don\'t" is "do not"', () => {
    const words = classifyIntent(model, "i don't know what a bird dog is");
    expect(words.intent).toBe('exercise-bird-dog');
  });

  it('answers a message typed exactly as taught with full confidence', () => {
    expect(classifyIntent(model, 'help')).toMatchObject({ intent: 'help', score: 1 });
  });

  it('scores a garbled or off-topic message low, and a clear question high', () => {
    const clear = classifyIntent(model, 'how do i do the bird dog exercise');
    const garbled = classifyIntent(model, 'qwzx blorp');
    expect(clear.score).toBeGreaterThan(model.threshold);
    expect(garbled.intent === null || garbled.intent === 'out_of_scope').toBe(true);
  });

  it('ranks every intent with scores between 0 and 1', () => {
    const { ranked } = classifyIntent(model, 'is ice or heat better for my back');
    expect(ranked.length).toBeGreaterThan(50);
    for (const r of ranked) {
      expect(r.score).toBeGreaterThanOrEqual(0);
      expect(r.score).toBeLessThanOrEqual(1);
    }
  });
});
