/**
 * What a runner notices about being understood, over HTTP against the running bot: a topic question is
 * not taken for a command because of one shared word, one question with "or" in it gets one answer, and
 * a question that also carries a doubt for the red-flag screen is answered with the safety question last.
 */
import { buttonsOf, HttpUser, messagesOf, startBot, summaryOf, textOf, type RunningBot } from '../helpers/runningBot';
import { inMemoryServices } from '../../src/evaluation/inProcessBot';

let bot: RunningBot;
const { kb, say } = inMemoryServices();
const answerOf = (id: string) => kb.topicsById.get(id)!.answer.replace(/\s+/g, ' ').trim();
const words = (text: string) => text.replace(/\s+/g, ' ');
/** The knowledge answers among a turn's replies. */
const answersIn = (text: string) => kb.topics.filter((topic) => words(text).includes(answerOf(topic.id))).map((t) => t.id);

beforeAll(async () => {
  bot = await startBot({ RATE_LIMIT_PER_CLIENT: '1000', RATE_LIMIT_PER_CONVERSATION: '1000' });
});
afterAll(async () => {
  await bot.stop();
});

describe('commands need their own words', () => {
  it.each([
    ['should i land on my heel or midfoot to save my back', 'training-running-form'],
    ['should i switch to the treadmill to save my back', 'training-running-surface'],
  ])('"%s" is answered as a running question, not as "what do you know about me"', async (text, topic) => {
    const reply = await new HttpUser(bot.url).say(text);
    expect(summaryOf(reply)?.intent).not.toBe('show_my_data');
    expect(answersIn(textOf(reply))).toContain(topic);
  });

  it.each(['what did you save about me', 'what do you know about me'])('"%s" still lists what is stored', async (text) => {
    const reply = await new HttpUser(bot.url).say(text);
    expect(summaryOf(reply)?.intent).toBe('show_my_data');
    expect(answersIn(textOf(reply))).toEqual([]);
  });
});

describe('one question with "or" in it gets one answer', () => {
  it.each(['does the pain come from my back or from other muscles', 'do squats help back pain or do they hurt it more'])(
    '"%s" gets a single topic answer',
    async (text) => {
      const reply = await new HttpUser(bot.url).say(text);
      expect(answersIn(textOf(reply))).toHaveLength(1);
    },
  );

  it('two real questions still get both answers, in the order asked', async () => {
    const reply = await new HttpUser(bot.url).say('ice or heat and how long till i can run again');
    expect(answersIn(textOf(reply))).toEqual(expect.arrayContaining(['treatment-ice-and-heat', 'training-return-to-running']));
  });
});

describe('a doubt for the red-flag screen does not swallow the question', () => {
  it('the answer comes first and the one yes/no question last; "no" does not repeat the answer', async () => {
    const user = new HttpUser(bot.url);
    const reply = await user.say('any stories of runners who actually got over back pain? feeling kinda hopeless');
    const messages = messagesOf(reply);
    expect(answersIn(textOf(reply))).toContain('recovery-stories');
    expect(messages.at(-1)?.text).toMatch(/ending your life|hurting yourself/i);
    expect(messages.at(-1)?.suggestedActions?.actions?.map((a) => a.title)).toEqual(['Yes', 'No']);
    expect(summaryOf(reply)?.triage).toBeNull();

    const cleared = await user.say('no');
    expect(textOf(cleared)).toContain(say('red_flag_cleared'));
    expect(answersIn(textOf(cleared))).toEqual([]);
    expect(buttonsOf(cleared).length).toBeGreaterThan(0);
  });

  it('"yes" to that question gets the crisis line at once', async () => {
    const user = new HttpUser(bot.url);
    await user.say('any stories of runners who actually got over back pain? feeling kinda hopeless');
    const yes = await user.say('yes');
    expect(summaryOf(yes)?.intent).toBe('crisis');
    expect(textOf(yes)).toContain('116 123');
  });

  it('a possible emergency asked about after the answer escalates on "yes"', async () => {
    const user = new HttpUser(bot.url);
    const reply = await user.say('what stretches help my back? i feel a bit funny down there');
    expect(answersIn(textOf(reply)).length).toBeGreaterThan(0);
    expect(messagesOf(reply).at(-1)?.text).toMatch(/numbness|genitals/i);
    const yes = await user.say('yes');
    expect(summaryOf(yes)?.triage).toBe('emergency');
    expect(textOf(yes)).toContain('999');
  });

  it('a message that is only the doubt gets the question alone', async () => {
    const reply = await new HttpUser(bot.url).say('my bladder feels weird');
    expect(messagesOf(reply)).toHaveLength(1);
    expect(summaryOf(reply)?.intent).toBe('red_flag_question');
    expect(answersIn(textOf(reply))).toEqual([]);
  });
});
