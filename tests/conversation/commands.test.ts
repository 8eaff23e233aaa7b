/** The commands people expect of a health bot: privacy and terms, feedback, a person to talk to. */
import { InProcessBot } from '../../src/evaluation/inProcessBot';

describe('"what is your privacy policy" / "terms"', () => {
  it.each(['what is your privacy policy', 'terms', 'who can see my answers'])(
    '"%s" says what is kept, for how long and who sees it, from configuration',
    async (text) => {
      const bot = new InProcessBot({ DATA_RETENTION_DAYS: '14', CLINIC_CONTACT: 'privacy@clinic.example' });
      const turn = await bot.say(text);
      expect(turn.text).toMatch(/What I keep/);
      expect(turn.text).toContain('at most 14 days');
      expect(turn.text).toMatch(/Who sees it/);
      expect(turn.text).toContain('privacy@clinic.example');
      expect(turn.buttons).toEqual(expect.arrayContaining(['What do you know about me?', 'Forget me']));
    },
  );
});

describe('feedback on the last answer', () => {
  const feedbackCount = async (bot: InProcessBot, topic: string, rating: string): Promise<number> => {
    const metric = await bot.services.metrics.feedback.get();
    return metric.values.find((v) => v.labels.topic === topic && v.labels.rating === rating)?.value ?? 0;
  };

  it('"that wasn\'t helpful" after an answer counts a not-helpful rating for that topic', async () => {
    const bot = new InProcessBot();
    await bot.say('how do i do a bridge');
    const turn = await bot.say("that wasn't helpful");
    expect(turn.text).toMatch(/counted your rating/);
    expect(await feedbackCount(bot, 'exercise-bridge', 'not_helpful')).toBe(1);
  });

  it('"I want to give feedback" asks for a rating with buttons, and re-asks when the answer is not one', async () => {
    const bot = new InProcessBot();
    await bot.say('ice or heat');
    const ask = await bot.say('I want to give feedback');
    expect(ask.text).toMatch(/How helpful was my last answer \(Ice or heat\)/);
    expect(ask.buttons).toEqual(['Helpful', 'Partly', 'Not helpful']);
    expect((await bot.say('banana')).buttons).toEqual(['Helpful', 'Partly', 'Not helpful']);
    await bot.say('Partly');
    expect(await feedbackCount(bot, 'treatment-ice-and-heat', 'partly')).toBe(1);
  });

  it('with nothing answered yet there is nothing to rate', async () => {
    const turn = await new InProcessBot().say('I want to give feedback');
    expect(turn.text).toMatch(/nothing to rate/);
  });
});

describe('"can I talk to a person"', () => {
  it('without handoff: the clinic contact from configuration and the booking offer', async () => {
    const bot = new InProcessBot({ CLINIC_CONTACT: '01234 567890' });
    const turn = await bot.say('can I talk to a person');
    expect(turn.text).toContain('01234 567890');
    expect(turn.buttons).toContain('Book a physio');
    expect(turn.activities.some((a) => a.type === 'event')).toBe(false);
  });

  it('with HANDOFF_ENABLED: the handoff event goes to the agent hub and the user is told', async () => {
    const bot = new InProcessBot({ HANDOFF_ENABLED: 'true' });
    const turn = await bot.say('can i speak to a real person');
    expect(turn.text).toMatch(/passing this conversation to a member of the clinic's team/);
    expect(turn.activities.find((a) => a.type === 'event')?.name).toBe('handoff.initiate');
  });
});
