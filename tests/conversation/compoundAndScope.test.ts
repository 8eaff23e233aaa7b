/** Two questions in one, out-of-scope decisions and the booking button, through the whole bot. */
import { InProcessBot } from '../../src/evaluation/inProcessBot';

const topicAnswerOf = (bot: InProcessBot, id: string) => bot.services.kb.topicsById.get(id)!.answer.trim();

async function ask(text: string) {
  const bot = new InProcessBot();
  return { bot, turn: await bot.say(text) };
}

describe('compound questions', () => {
  it.each([
    ['ice or heat and how long till i can run again', 'treatment-ice-and-heat', 'training-return-to-running'],
    ['do i need new shoes and what surface should i run on', 'gear-running-shoes', 'training-running-surface'],
    ['should i do squats and deadlifts', 'exercise-squats', 'exercise-deadlifts-rdls'],
    ['lunges or squats which is better', 'exercise-lunges', 'exercise-squats'],
  ])('"%s" answers both parts, in the order asked', async (text, first, second) => {
    const { bot, turn } = await ask(text);
    const a = turn.text.indexOf(topicAnswerOf(bot, first));
    const b = turn.text.indexOf(topicAnswerOf(bot, second));
    expect(a).toBeGreaterThanOrEqual(0);
    expect(b).toBeGreaterThan(a);
  });

  it('answers two parts at most and offers the third as a button', async () => {
    const { bot, turn } = await ask('squats or lunges or deadlifts');
    const answered = ['exercise-squats', 'exercise-lunges', 'exercise-deadlifts-rdls'].filter((id) =>
      turn.text.includes(topicAnswerOf(bot, id)),
    );
    expect(answered).toEqual(['exercise-squats', 'exercise-lunges']);
    expect(turn.buttons).toContain('Deadlifts and RDLs');
  });

  it('keeps a one-topic "X or Y" question as one answer', async () => {
    const { bot, turn } = await ask('is it better to run on grass or concrete');
    expect(turn.texts).toHaveLength(1);
    expect(turn.text).toContain(topicAnswerOf(bot, 'training-running-surface'));
  });

  it('"tell me more" after a compound answer is about the last part answered', async () => {
    const bot = new InProcessBot();
    await bot.say('ice or heat and how long till i can run again');
    const more = await bot.say('tell me more');
    expect(more.text).toContain(bot.services.kb.topicsById.get('training-return-to-running')!.more!.trim().slice(0, 60));
  });
});

describe('out of scope is a decision, not a guess', () => {
  it.each(['how do i cook pasta carbonara', 'reset my garmin', 'can you book me a haircut', 'what wax should i use on my skis'])(
    '"%s" gets the out-of-scope reply saying what the bot covers, with no topic menu',
    async (text) => {
      const { bot, turn } = await ask(text);
      expect(turn.summary.intent).toBe('out_of_scope');
      expect(turn.text).toContain(bot.services.say('out_of_scope'));
      const topicTitles = bot.services.kb.topics.map((t) => t.title);
      expect(turn.buttons.filter((b) => topicTitles.includes(b))).toEqual([]);
    },
  );

  it('"can you book me a haircut" does not start a physio booking', async () => {
    const { turn } = await ask('can you book me a haircut');
    expect(turn.text).not.toMatch(/name and a way to contact you/i);
  });

  it.each(['cool', 'ok cool', 'okay'])('"%s" is an acknowledgement, not the warm-up and cool-down answer', async (text) => {
    const { bot, turn } = await ask(text);
    expect(turn.summary.intent).toBe('acknowledgement');
    expect(turn.text).not.toContain(topicAnswerOf(bot, 'stretch-warm-up-cool-down'));
  });

  it('a typo inside an on-topic message is still corrected: "lowr bak pain wen runing" is answered directly', async () => {
    const { bot, turn } = await ask('lowr bak pain wen runing');
    expect(turn.text).toContain(topicAnswerOf(bot, 'cause-overview'));
  });
});

describe('near misses land on the right topic', () => {
  it.each([
    ['im a bit heavy, is that why my back hurts running', 'cause-weight'],
    ['is my posture the reason', 'training-running-form'],
    ['ive been sleeping really badly', 'cause-stress-sleep'],
    ['my back is killing me after long runs what do i do', 'treatment-overview'],
    ['it hurts when i bend or twist after a run', 'cause-overview'],
    ['how many times a week should i do back exercises', 'exercise-back-exercises'],
  ])('"%s" -> %s', async (text, id) => {
    const { bot, turn } = await ask(text);
    // Line breaks are rendered for the channel: compare the words.
    const words = (t: string) => t.replace(/\s+/g, ' ');
    expect(words(turn.text)).toContain(words(topicAnswerOf(bot, id)));
  });
});

describe('replies that recommend a physio carry the booking button', () => {
  it('"can i see a physio"', async () => {
    const { turn } = await ask('can i see a physio');
    expect(turn.buttons).toContain('Book a physio');
  });

  it('the bone-stress message after its yes/no question', async () => {
    const bot = new InProcessBot();
    await bot.say('could it be a stress fracture');
    const turn = await bot.say('yes');
    expect(turn.text).toMatch(/bone stress/i);
    expect(turn.buttons).toContain('Book a physio');
  });

  it('every topic answer that mentions a physio offers to book one', async () => {
    const bot = new InProcessBot();
    for (const topic of bot.services.kb.topics.filter((t) => /\bphysio/i.test(t.answer))) {
      const turn = await bot.say(topic.title);
      expect({ topic: topic.id, buttons: turn.buttons }).toEqual({ topic: topic.id, buttons: expect.arrayContaining(['Book a physio']) });
    }
  });
});
