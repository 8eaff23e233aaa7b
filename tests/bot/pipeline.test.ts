/** The turn pipeline end to end: safety first, in every dialog state, then answers. */
import { InProcessBot as BotHarness } from '../../src/evaluation/inProcessBot';

const startCheck = ['check my symptoms', 'yes'];

describe('red flags come first, in every state', () => {
  it('an emergency mid-question interrupts the symptom check in the same turn', async () => {
    const bot = new BotHarness();
    await bot.sayAll([...startCheck, 'in the middle']);
    const turn = await bot.say('wait, I just wet myself and cant feel the toilet paper');
    expect(turn.summary.triage).toBe('emergency');
    expect(turn.summary.redFlags.length).toBeGreaterThan(0);
    expect(turn.text).toMatch(/999/);
    expect(turn.text).not.toMatch(/How long|When did it start/);
    // The check is over: the next message is answered normally.
    const after = await bot.say('how often should i replace my running shoes');
    expect(after.text).toMatch(/300/);
  });

  it('escalation stays visible on later turns until the user starts over', async () => {
    const bot = new BotHarness();
    await bot.say('I have a fever and chills with my back pain');
    const later = await bot.say('what stretches help');
    expect(later.summary.triage).toBe('urgent');
    expect(later.text).toMatch(/111|GP/);
    // Starting over starts over, but says that the escalation still stands.
    const restarted = await bot.say('start over');
    expect(restarted.summary.triage).toBe('urgent');
    expect(restarted.texts.at(-1)).toMatch(/Reminder/);
  });

  it('crisis words get the crisis line at once', async () => {
    const turn = await new BotHarness().say("honestly i don't want to be alive anymore");
    expect(turn.summary.intent).toBe('crisis');
    expect(turn.text).toContain('116 123');
  });

  it('after a crisis message, later answers keep the crisis line visible', async () => {
    const bot = new BotHarness();
    await bot.say('i keep thinking about ending my life');
    const later = await bot.say('what stretches help my back');
    expect(later.texts.at(-1)).toContain('116 123');
  });

  it('the region is configuration: a US user gets 911 and 988', async () => {
    const bot = new BotHarness({ REGION: 'US' });
    expect((await bot.say('cant pee and my legs are numb')).text).toContain('911');
    expect((await new BotHarness({ REGION: 'US' }).say('i want to kill myself')).text).toContain('988');
  });

  it('an urgent sign with a doubt about something worse: urgent now, its question last, and "yes" makes it an emergency', async () => {
    const bot = new BotHarness();
    const first = await bot.say(
      'the weakness in my leg is spreading, first my ankle and now my whole shin, and the numbness is creeping up',
    );
    expect(first.summary.triage).toBe('urgent');
    expect(first.summary.redFlagQuestion).toBe('progressive-leg-weakness');
    expect(first.texts.at(-1)).toMatch(/\(yes\/no\)/);
    const confirmed = await bot.say('yes');
    expect(confirmed.summary.triage).toBe('emergency');
    expect(confirmed.text).toMatch(/999/);
    expect(confirmed.summary.redFlagQuestion).toBeUndefined();
  });

  it('an unclear mention gets one yes/no question; "no" carries on, "yes" escalates', async () => {
    const bot = new BotHarness();
    const question = await bot.say('numbness?');
    expect(question.summary.intent).toBe('red_flag_question');
    // The question comes last (after the warning-signs answer "numbness?" also gets), with its own buttons.
    expect(question.texts.at(-1)).toMatch(/\(yes\/no\)/);
    expect(question.buttons.slice(-2)).toEqual(['Yes', 'No']);
    const cleared = await bot.say('no');
    expect(cleared.summary.triage).toBeNull();
    await bot.say('numbness?');
    const confirmed = await bot.say('yes');
    expect(confirmed.summary.triage).toBe('emergency');
  });

  it('benign runner talk is never escalated', async () => {
    const bot = new BotHarness();
    for (const text of [
      'killed it on my long run but my back is stiff',
      'no numbness or tingling, just a sore back',
      "i'm dying to run again",
    ]) {
      const turn = await bot.say(text);
      expect(turn.summary.triage === 'emergency' || turn.summary.triage === 'urgent').toBe(false);
    }
  });

  it('an answer in the symptom check that is an emergency is said once, without a reminder repeating it', async () => {
    const bot = new BotHarness();
    const turn = await bot.sayAll([...startCheck, 'lower back and down the back of both legs below the knees']);
    expect(turn.summary.triage).toBe('emergency');
    expect(turn.text.match(/999/g)).toHaveLength(1);
    expect(turn.text).not.toMatch(/Reminder/);
    // Later turns keep it visible.
    expect((await bot.say('what stretches help')).text).toMatch(/Reminder[\s\S]*999/);
  });

  it('a routine sign (sciatica in one leg) gets the answer, then the physio advice with a button to book', async () => {
    const turn = await new BotHarness().say('what stretches help when i have a shooting pain down my left leg');
    expect(turn.summary.triage).toBe('routine');
    expect(turn.text).toMatch(/physio/i);
    expect(turn.buttons).toContain('Book a physio');
  });
});

describe('conversation', () => {
  it('answers in-scope questions with sources and suggested follow-ups', async () => {
    const turn = await new BotHarness().say('lowr bak pain wen runing why');
    expect(turn.text).toMatch(/Sources:/);
    expect(turn.buttons.length).toBeGreaterThan(0);
  });

  it('someone describing their own pain is offered the symptom check with the answer', async () => {
    const turn = await new BotHarness().say('my lower back hurts after long runs');
    expect(turn.text).toMatch(/Sources:/);
    expect(turn.buttons).toContain('Check my symptoms');
    const general = await new BotHarness().say('what causes back pain in runners');
    expect(general.buttons).not.toContain('Check my symptoms');
  });

  it('"tell me more" gives the detail of the last topic', async () => {
    const bot = new BotHarness();
    const first = await bot.say('why does my back hurt when i run');
    const more = await bot.say('tell me more');
    expect(more.text).not.toEqual(first.text);
    expect(more.text).toMatch(/Sources:/);
  });

  it('small talk: hello, thanks, bye, who are you, help', async () => {
    const bot = new BotHarness();
    expect((await bot.say('hello')).summary.intent).toBe('greeting');
    expect((await bot.say('thanks a lot')).summary.intent).toBe('thanks');
    expect((await bot.say('who are you')).summary.intent).toBe('identity');
    expect((await bot.say('what can you do')).summary.intent).toBe('help');
    expect((await bot.say('bye')).summary.intent).toBe('goodbye');
  });

  it('out of scope says what the bot covers', async () => {
    const turn = await new BotHarness().say('my knee hurts when i run');
    expect(turn.summary.intent).toBe('out_of_scope');
    expect(turn.text).toMatch(/lower back/i);
  });

  it('a vague message gets a clarifying reply with two or three topics, not a confident answer', async () => {
    const turn = await new BotHarness().say('back');
    expect(['clarify', 'out_of_scope']).toContain(turn.summary.intent);
    if (turn.summary.intent === 'clarify') expect(turn.buttons.length).toBeGreaterThanOrEqual(2);
  });

  it('tapping a suggested topic button answers that topic exactly', async () => {
    const bot = new BotHarness();
    const first = await bot.say('why does my back hurt when i run');
    const button = first.buttons.find((b) => b !== 'Tell me more')!;
    const turn = await bot.say(button);
    expect(turn.summary.score).toBe(1);
    expect(turn.text).toMatch(/Sources:/);
  });

  it('asking to book in the middle of the symptom check starts the booking', async () => {
    const bot = new BotHarness();
    await bot.sayAll([...startCheck, 'in the middle']);
    const turn = await bot.say('book a physio');
    expect(turn.summary.intent).toBe('book_physio');
    expect(turn.text).toMatch(/clinic/);
  });

  it('help mid-check explains and repeats the question; cancel leaves the check and the next question is answered', async () => {
    const bot = new BotHarness();
    await bot.sayAll(startCheck);
    const help = await bot.say('help');
    expect(help.texts.length).toBe(2);
    expect(help.texts[1]).toMatch(/Where is the pain/);
    const cancel = await bot.say('cancel');
    expect(cancel.summary.intent).toBe('cancel');
    const next = await bot.say('are back braces any good for running');
    expect(next.text).toMatch(/Sources:/);
  });
});

describe('the screen in the conversation (issue 11)', () => {
  it('a routine hit never silences the question about a possible emergency', async () => {
    // Sciatica in one leg (routine) with a vague bladder mention (a possible emergency).
    const turn = await new BotHarness().say('shooting pain down my left leg with tingling, and my bladder feels weird');
    expect(turn.summary.intent).toBe('red_flag_question');
    expect(turn.text).toMatch(/bladder|pee/i);
  });

  it('an urgent sign is said, and a doubt about a crisis in the same message is still asked', async () => {
    const bot = new BotHarness();
    const turn = await bot.say('the pain wakes me up every night and nothing helps, tbh ive been giving away my things');
    expect(turn.summary.triage).toBe('urgent');
    expect(turn.texts[turn.texts.length - 1]).toMatch(/ending your life|hurting yourself/i);
    const yes = await bot.say('yes');
    expect(yes.summary.triage).toBe('emergency');
    expect(yes.text).toMatch(/116 123/);
  });

  it("someone else's emergency is escalated to the person writing", async () => {
    const turn = await new BotHarness().say('my son hurt his back at rugby and now he says he cant pee, what should i do?');
    expect(turn.summary.triage).toBe('emergency');
    expect(turn.text).toMatch(/person you describe/);
    expect(turn.text).toMatch(/999/);
  });

  it('a question with a doubt is answered before the yes/no check, which comes last', async () => {
    const bot = new BotHarness();
    const question = await bot.say('what stretches help my back? i feel a bit funny down there');
    expect(question.summary.intent).toBe('red_flag_question');
    expect(question.text).toMatch(/Sources:/);
    expect(question.texts.at(-1)).toMatch(/\(yes\/no\)/);
    const after = await bot.say('no');
    expect(after.text).toMatch(/reassuring/i);
    expect(after.text).not.toMatch(/Sources:/);
  });

  it('after "no" to the yes/no check, a message that asked nothing the bot answers is read again', async () => {
    const bot = new BotHarness();
    const question = await bot.say('my bladder feels weird, i upped my mileage and my back hurts');
    expect(question.summary.intent).toBe('red_flag_question');
    const after = await bot.say('no');
    expect(after.text).toMatch(/reassuring/i);
    expect(after.summary.intent).not.toBe('red_flag_question');
    expect(after.summary.intent).not.toBe('none');
    expect(after.texts.length).toBeGreaterThan(1);
  });

  it('an answer is read in the light of its question: "in my chest as well" to "where is the pain?"', async () => {
    const bot = new BotHarness();
    await bot.sayAll(startCheck);
    const turn = await bot.say('its in my chest as well');
    expect(turn.summary.triage).toBe('emergency');
    expect(turn.summary.redFlags).toContain('chest-pain');
    // The same words outside the check are not a report of chest pain.
    expect((await new BotHarness().say('its in my chest as well')).summary.triage).toBeNull();
  });

  it('a message in another language about pain gets the emergency number', async () => {
    const turn = await new BotHarness().say('tengo mucho dolor de espalda y no puedo caminar');
    expect(turn.text).toContain('999');
  });

  it('with storage down, a red flag still gets its escalation before the apology', async () => {
    const bot = new BotHarness();
    await bot.say('hello');
    const storage = (bot.services.conversationState as unknown as { storage: { read: () => Promise<never> } }).storage;
    storage.read = () => Promise.reject(new Error('disk on fire'));
    const turn = await bot.say('i suddenly cant control my bladder').catch((error: Error) => error);
    expect(bot.lastTexts().join('\n')).toMatch(/999/);
    expect(turn).toBeInstanceOf(Error);
  });
});
