/**
 * The spelling corrector fixes typos, never real words, and a message about something else gets the
 * out-of-scope reply (what the bot covers) rather than a menu of unrelated topics. Phrasings are our own,
 * not the blind batches'.
 */
import * as path from 'node:path';
import { InProcessBot } from '../../src/evaluation/inProcessBot';
import { loadKnowledgeBase, readYamlFile } from '../../src/knowledge/loadKnowledge';
import { isEnglishWord } from '../../src/language/dictionary';
import { classifyIntent, trainIntentModel, type IntentModel } from '../../src/nlp/intentClassifier';
import { lexiconFileSchema } from '../../src/nlp/lexiconSchema';

let model: IntentModel;
beforeAll(() => {
  const kb = loadKnowledgeBase();
  const lexicon = readYamlFile(path.join(kb.dir, 'nlp', 'lexicon.yaml'), lexiconFileSchema);
  model = trainIntentModel([...kb.topics, ...kb.conversationIntents], lexicon, { unknownIntent: 'out_of_scope' });
});

describe('the spelling corrector and real words', () => {
  it('knows ordinary English words, inflected and British forms included, and not typos', () => {
    for (const word of ['telling', 'said', 'cook', 'cooking', 'haircut', 'colour', 'tyres', 'achy']) expect(isEnglishWord(word)).toBe(true);
    for (const word of ['runing', 'bak', 'lowr', 'hamstirng', 'stretchin', 'garmin']) expect(isEnglishWord(word)).toBe(false);
  });

  // Each of these is one or two letters from a word the classifier was taught (tilting, sand, cool,
  // lunge, hurting, planks, buttock, resting): a corrector that looked only at the vocabulary rewrote them.
  it.each(['telling', 'said', 'cook', 'lounge', 'hinting', 'plants', 'buttons', 'rusting'])(
    'leaves the real word "%s" as typed',
    (word) => {
      expect(model.corrector.correct(word)).toBe(word);
    },
  );

  it('still corrects typos that are not words', () => {
    expect(model.corrector.correct('runnign')).toBe('running');
    expect(model.corrector.correct('hamstirng')).toBe('hamstring');
    expect(model.corrector.correct('stretchin')).toBe('stretching');
  });

  it('a message whose only link to a topic was a "corrected" real word is not answered as that topic', () => {
    expect(classifyIntent(model, 'who should i cook dinner for tonight').intent).toBe('out_of_scope');
    expect(classifyIntent(model, 'my mate keeps telling me about his new job').intent).not.toBe('training-running-form');
  });
});

describe('no on-topic evidence: the out-of-scope reply, not a menu', () => {
  it.each([
    'where do i get a cheap haircut',
    'how much does a haircut cost',
    'any tips for cooking fresh pasta at home',
    'which pasta sauce goes with salmon',
    'my garmin keeps losing gps signal',
    'how do i pair my garmin with strava',
    // Words some topic's example happens to use (keeps, job, new), none about backs, running or pain.
    'my mate keeps telling me about his new job',
    'what should i get my dad for his birthday',
  ])('"%s" gets the reply saying what the bot covers', async (text) => {
    const bot = new InProcessBot();
    const turn = await bot.say(text);
    expect(turn.summary?.intent).toBe('out_of_scope');
    expect(turn.text).toContain(bot.services.say('out_of_scope'));
    const topicTitles = new Set(bot.services.kb.topics.map((t) => t.title));
    expect(turn.buttons.filter((b) => topicTitles.has(b))).toEqual([]);
  });
});
