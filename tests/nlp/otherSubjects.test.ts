/**
 * Messages that borrow the bot's words but are about something it does not cover (a pet's body, an
 * injury somewhere else, a medicine's dose, supplements, race food, pregnancy, shopping, music) get the
 * out-of-scope reply, not a topic's answer; the same words about the runner's back are still answered.
 * Chatty fillers ("ngl", "basically") do not dilute a question. Phrasings are our own, not the blind batches'.
 */
import { InProcessBot } from '../../src/evaluation/inProcessBot';
import { classifyIntent } from '../../src/nlp/intentClassifier';

async function reply(text: string) {
  const bot = new InProcessBot();
  const turn = await bot.say(text);
  const answered = bot.services.kb.topics.filter((t) =>
    turn.texts.some((said) => said.replace(/\s+/g, ' ').includes(t.answer.replace(/\s+/g, ' '))),
  );
  return { bot, turn, answered: answered.map((t) => t.id) };
}

describe("another subject in the bot's words: the reply saying what it covers", () => {
  it.each([
    "my labrador's back seems sore after our jog, should i worry",
    'my cat has a stiff back and will not climb the stairs, what can i do',
    'tore my calf on the track last week, when will it heal',
    'my ankle throbs after every trail run',
    'how much ibuprofen per day is allowed',
    'does a protein shake after runs build muscle faster',
    'which brand of foam roller is the best value',
    'any good podcasts for long runs',
    'is it ok to jog while pregnant with my second',
    'i keep getting a stitch under my ribs on hills',
    'can you get me running socks from amazon',
  ])('"%s" is not answered as a topic', async (text) => {
    const { bot, turn, answered } = await reply(text);
    expect(answered).toEqual([]);
    expect(turn.summary?.intent).toBe('out_of_scope');
    expect(turn.text).toContain(bot.services.say('out_of_scope'));
  });
});

describe("the same kinds of words about the runner's own back are still answered", () => {
  it.each([
    ['how do i do the bird dog properly', 'exercise-bird-dog'],
    ['i rolled my ankle years ago and now my stride feels off', 'cause-past-injuries'],
    ['pulled a muscle in my lower back on a run, how long till it heals', 'recovery-how-long'],
  ])('"%s" gets %s', async (text, topic) => {
    const { answered } = await reply(text);
    expect(answered).toContain(topic);
  });
});

describe('a command word inside a sentence about something else is not the command', () => {
  it('"more" in a remark about smiling does not give more of the last answer', async () => {
    const bot = new InProcessBot();
    await bot.say('how do i do the bird dog properly');
    const birdDog = bot.services.kb.topicsById.get('exercise-bird-dog')!;
    const turn = await bot.say('my boss says i should smile more');
    expect(turn.summary?.intent).toBe('out_of_scope');
    expect(turn.text.replace(/\s+/g, ' ')).not.toContain(birdDog.more!.replace(/\s+/g, ' ').slice(0, 60));
  });

  it('"tell me more" after an answer still gives the detail', async () => {
    const bot = new InProcessBot();
    await bot.say('how do i do the bird dog properly');
    const turn = await bot.say('go on, tell me more');
    expect(turn.summary?.intent).toBe('tell_me_more');
  });
});

describe('chatty filler words do not make a question look less understood', () => {
  it('"ngl", "honestly", "basically" leave the answer and its confidence as for the plain question', async () => {
    const bot = new InProcessBot();
    const model = bot.services.intentModel;
    const plain = classifyIntent(model, 'are my shoes worn out, could that hurt my back');
    const chatty = classifyIntent(model, 'ngl honestly are my shoes basically worn out, could that hurt my back tbh');
    expect(chatty.intent).toBe(plain.intent);
    expect(chatty.score).toBeCloseTo(plain.score, 6);
  });

  it('"just in case" and "to be honest" do not pull a question towards another topic', () => {
    const model = new InProcessBot().services.intentModel;
    const plain = classifyIntent(model, 'which warning signs with a sore back should worry me');
    const chatty = classifyIntent(model, 'to be honest which warning signs with a sore back should worry me, just in case');
    expect(chatty.intent).toBe(plain.intent);
    expect(chatty.score).toBeCloseTo(plain.score, 6);
  });
});

describe("questions put in a runner's own words are answered directly", () => {
  it.each([
    // Someone else's back is still the bot's subject (unlike someone's pet).
    ["my mum's lower back hurts every time she jogs, what usually causes that", 'cause-overview'],
    ['my back calmed down after a rest week, can i go straight back to my usual distance', 'training-return-to-running'],
  ])('"%s" gets %s', async (text, topic) => {
    const { turn, answered } = await reply(text);
    expect(turn.summary?.intent).not.toBe('clarify');
    expect(answered).toContain(topic);
  });
});
