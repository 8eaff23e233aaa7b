/**
 * The question layer through the whole bot (pipeline, dialogs, real knowledge) in process: buttons are
 * tapped the way Web Chat posts them (label as text, question id and canonical answer as value), labels
 * are typed, and replies are read as a user would read them.
 */
import { InProcessBot } from '../../src/evaluation/inProcessBot';

async function startCheck(bot: InProcessBot): Promise<void> {
  await bot.say('check my symptoms');
  await bot.tap('Yes, keep them');
}

async function book(bot: InProcessBot): Promise<string> {
  await bot.say('book a physio');
  await bot.tap('Yes, go ahead');
  await bot.say('Sam Taylor');
  await bot.say('sam@example.com');
  await bot.tap('Weekday mornings');
  const confirm = await bot.tap('Nothing else');
  expect(confirm.text).toMatch(/Shall I send it/);
  return confirm.text;
}

describe('symptom check questions', () => {
  it.each([
    'Middle of my lower back',
    'One side',
    'Into my buttock',
    'Down my leg, above the knee',
    'Below the knee',
    'lower back',
    'lumbar',
    'left side',
    'right side of my lower back',
    'in my bum',
    'down the back of my thigh',
    'middle of my back',
    'Middle of my back',
  ])('moves on from the location question for "%s", typed', async (typed) => {
    const bot = new InProcessBot();
    await startCheck(bot);
    let turn = await bot.say(typed);
    // A red-flag check may ask about the upper back once; "no" applies the answer given.
    if (turn.summary.intent === 'red_flag_question') turn = await bot.say('no');
    expect(turn.text).toMatch(/How long have you had it/);
  });

  it('each button of each core question, tapped, moves the check on', async () => {
    const bot = new InProcessBot();
    await startCheck(bot);
    const asked: string[] = [];
    for (const label of ['One side', 'A few days', 'Only while running', 'Mild (2-3)', 'No leg symptoms', 'No', 'No', 'No changes', 'No']) {
      const turn = await bot.tap(label);
      asked.push(turn.texts.at(-1)!);
    }
    expect(new Set(asked).size).toBe(asked.length);
    expect(asked.at(-1)).toMatch(/self-care|look after|physio|GP|not a diagnosis/i);
  });

  it('a tapped range is kept as the range: "1 to 6 weeks" is never "about 3 weeks"', async () => {
    const bot = new InProcessBot();
    await startCheck(bot);
    await bot.tap('One side');
    await bot.tap('1 to 6 weeks');
    for (const label of ['Only while running', 'Mild (2-3)', 'No leg symptoms', 'No', 'No', 'No changes']) await bot.tap(label);
    const result = await bot.tap('No');
    expect(result.text).toMatch(/for 1 to 6 weeks/);
    expect(result.text).toMatch(/2-3\/10/);
    expect(result.text).not.toMatch(/about 3 weeks/);
  });

  it("typing each button label gives the result tapping it gives, in the runner's own words", async () => {
    const labels = [
      'Down my leg, above the knee',
      '1 to 6 weeks',
      'Only while running',
      'Mild (2-3)',
      'No leg symptoms',
      'No',
      'No',
      'No changes',
    ];
    const tapped = new InProcessBot();
    const typed = new InProcessBot();
    await startCheck(tapped);
    await startCheck(typed);
    for (const label of labels) {
      await tapped.tap(label);
      await typed.say(label);
    }
    const [byTap, byTyping] = [await tapped.tap('No'), await typed.say('No')];
    expect(byTyping.text).toBe(byTap.text);
    expect(byTap.text).toMatch(/into your thigh|above the knee/i);
    expect(byTap.text).not.toMatch(/below the knee|about 3 weeks/);
  });

  it('a double tap at the cauda equina screen does not answer the serious-signs screen', async () => {
    const bot = new InProcessBot();
    await startCheck(bot);
    for (const label of ['One side', 'A few days', 'Only while running', 'Mild (2-3)']) await bot.tap(label);
    const screen = await bot.tap('No leg symptoms');
    expect(screen.text).toMatch(/bladder or bowels/);
    const noAction = screen.actions.find((a) => a.title === 'No')!;
    const first = await bot.tap('No', noAction);
    expect(first.text).toMatch(/fever/);
    const second = await bot.tap('No', noAction);
    expect(second.text).toMatch(/earlier question/);
    expect(second.texts.at(-1)).toMatch(/fever/);
    // The serious-signs screen is still waiting for its own answer.
    const answered = await bot.tap('No');
    expect(answered.text).toMatch(/changed in your running/);
  });

  it('an old button tapped after the check is over changes nothing', async () => {
    const bot2 = new InProcessBot();
    await startCheck(bot2);
    const locationTurn = await bot2.tap('One side');
    const oldYes = locationTurn.actions.find((a) => a.title === 'A few days')!;
    await bot2.say('cancel');
    const late = await bot2.tap('A few days', oldYes);
    expect(late.summary.intent).toBe('stale_button');
    expect(late.summary.triage).toBeNull();
  });

  it.each(["let's cancel", 'Cancel!', 'never mind'])('"%s" in the middle of the check stops it', async (typed) => {
    const bot = new InProcessBot();
    await startCheck(bot);
    await bot.tap('One side');
    const stopped = await bot.say(typed);
    expect(stopped.summary.intent).toBe('cancel');
    expect(stopped.text).toMatch(/stopped that/);
  });

  it('"cancel" stops the check and keeps an urgent escalation; "start over" says it still stands', async () => {
    const bot = new InProcessBot();
    const urgent = await bot.say('I have a fever and chills with my back pain');
    expect(urgent.summary.triage).toBe('urgent');
    await startCheck(bot);
    const cancelled = await bot.say('cancel');
    expect(cancelled.summary.intent).toBe('cancel');
    expect(cancelled.summary.triage).toBe('urgent');
    expect(cancelled.text).toMatch(/stopped that/);
    expect((await bot.say('what stretches help')).summary.triage).toBe('urgent');
    const restarted = await bot.say('start over');
    expect(restarted.summary.triage).toBe('urgent');
    expect(restarted.text).toMatch(/111/);
  });

  it('an urgent answer is said at once, and the questions go on up to the cauda equina screen', async () => {
    const bot = new InProcessBot();
    await startCheck(bot);
    await bot.tap('One side');
    await bot.tap('A few days');
    const urgent = await bot.tap('Worse at night');
    expect(urgent.summary.triage).toBe('urgent');
    expect(urgent.texts[0]).toMatch(/NHS 111 today/);
    expect(urgent.texts.at(-1)).toMatch(/How bad is it/);
    await bot.tap('Mild (2-3)');
    expect((await bot.tap('No leg symptoms')).text).toMatch(/bladder or bowels/);
    // "cancel" here stops the check and the urgent escalation stands.
    const cancelled = await bot.say('cancel');
    expect(cancelled.summary.triage).toBe('urgent');
    expect(cancelled.text).toMatch(/Reminder|111/);
  });

  it('an urgent sign in an answer the reader cannot take is asked again in other words, then skipped: never the same question round and round', async () => {
    const bot = new InProcessBot();
    await startCheck(bot);
    const urgent = await bot.say('upper-ish, between shoulder blades and a bit lower');
    expect(urgent.summary.triage).toBe('urgent');
    expect(urgent.text).toMatch(/A few more quick questions first/);
    expect(urgent.texts.at(-1)).toMatch(/didn't catch where/);
    const again = await bot.say('upper-ish, between shoulder blades and a bit lower');
    expect(again.text).not.toMatch(/A few more quick questions first/);
    const moved = again.texts.at(-1)!.match(/How long/) ? again : await bot.say('upper-ish, between shoulder blades and a bit lower');
    expect(moved.texts.at(-1)).toMatch(/How long/);
  });

  it('a yes to the urgent yes/no question in the check says the urgent route, then asks on through both safety screens', async () => {
    const bot = new InProcessBot();
    await startCheck(bot);
    const question = await bot.say('middle of back, higher than usual');
    expect(question.summary.redFlagQuestion).toBe('thoracic-pain');
    const urgent = await bot.say('yes');
    expect(urgent.summary.triage).toBe('urgent');
    expect(urgent.texts.at(-1)).toMatch(/Where is the pain/);
    // The same words again are the location's answer now, not the same question once more.
    expect((await bot.say('middle of back, higher than usual')).text).toMatch(/How long/);
    await bot.say('2 days');
    await bot.tap('Only while running');
    await bot.tap('Moderate (4-6)');
    expect((await bot.tap('No leg symptoms')).text).toMatch(/bladder or bowels/);
    expect((await bot.tap('No')).text).toMatch(/fever or feel very unwell/);
    const emergency = await bot.say('no but it goes through to my chest and feels tight');
    expect(emergency.summary.triage).toBe('emergency');
  });

  it('"most of the time, worse after sitting" is pain that changes with position: no urgent escalation', async () => {
    const bot = new InProcessBot();
    await startCheck(bot);
    await bot.tap('Middle of my lower back');
    await bot.tap('A few days');
    const timing = await bot.say('most of the time, worse after sitting');
    expect(timing.summary.triage).not.toBe('urgent');
    expect(timing.texts.at(-1)).toMatch(/How bad is it/);
  });

  it('after an urgent answer, yes at the cauda equina screen is an emergency', async () => {
    const bot = new InProcessBot();
    await startCheck(bot);
    await bot.tap('One side');
    await bot.tap('A few days');
    await bot.say('it wakes me up at night');
    await bot.tap('Mild (2-3)');
    await bot.tap('No leg symptoms');
    const emergency = await bot.tap('Yes');
    expect(emergency.summary.triage).toBe('emergency');
    expect(emergency.text).toMatch(/999/);
  });

  it('an urgent sign typed during a booking ends the booking, with nothing stored', async () => {
    const bot = new InProcessBot();
    await bot.say('book a physio');
    await bot.tap('Yes, go ahead');
    const urgent = await bot.say('I have a fever and chills with my back pain');
    expect(urgent.summary.triage).toBe('urgent');
    expect(urgent.text).not.toMatch(/reach you|name/);
    expect((await bot.say('Sam Taylor')).text).not.toMatch(/How can the clinic reach you/);
    expect(await bot.services.bookings.list()).toEqual([]);
  });

  it.each(['I had an epidural 3 years ago', "I'm on steroids for asthma but no injuries"])(
    'at the past-injury question, "%s" (and "no" to a check it raises) finishes the check, never asking again',
    async (typed) => {
      const bot = new InProcessBot();
      await startCheck(bot);
      for (const label of ['One side', 'A few days', 'Only while running', 'Mild (2-3)', 'No leg symptoms', 'No', 'No', 'No changes']) {
        await bot.tap(label);
      }
      let turn = await bot.say(typed);
      const asked: string[] = [];
      for (let i = 0; i < 3 && !/not a diagnosis/i.test(turn.text); i++) {
        asked.push(turn.texts.at(-1)!);
        turn = await bot.say('no');
      }
      expect(new Set(asked).size).toBe(asked.length);
      expect(asked.length).toBeLessThanOrEqual(1);
      expect(turn.text).toMatch(/not a diagnosis/i);
    },
  );

  it('"cancel" in a later booking keeps an emergency escalation, and the reminder follows', async () => {
    const bot = new InProcessBot();
    await startCheck(bot);
    await bot.tap('One side');
    const emergency = await bot.say("I can't feel anything when I wipe and I've wet myself");
    expect(emergency.summary.triage).toBe('emergency');
    expect((await bot.say('book a physio')).text).toMatch(/name and a way to contact you/);
    const cancelled = await bot.say('cancel');
    expect(cancelled.summary.intent).toBe('cancel');
    expect(cancelled.summary.triage).toBe('emergency');
    expect(cancelled.text).toMatch(/999/);
  });

  it('"eight weeks" typed is eight weeks in the result, not over a year', async () => {
    const bot = new InProcessBot();
    await startCheck(bot);
    await bot.tap('One side');
    const next = await bot.say('eight weeks');
    expect(next.text).toMatch(/When does it hurt/);
    for (const label of ['Only while running', 'Mild (2-3)', 'No leg symptoms', 'No', 'No', 'No changes']) await bot.tap(label);
    let result = await bot.tap('No');
    // Pain of 6+ weeks brings the STarT Back questions: answer them all "no" / "not at all".
    for (let i = 0; i < 10 && !/not a diagnosis/i.test(result.text); i++) {
      result = await bot.tap(result.actions.some((a) => a.title === 'Not at all') ? 'Not at all' : 'No');
    }
    expect(result.text).toMatch(/for about 2 months/);
    expect(result.text).not.toMatch(/year/);
  });

  it('after "no" to the fall question, the answer it interrupted is used and the check moves on', async () => {
    const bot = new InProcessBot();
    await startCheck(bot);
    await bot.tap('One side');
    const question = await bot.say('since I had a fall on a trail last week');
    expect(question.summary.intent).toBe('red_flag_question');
    const next = await bot.say('no');
    expect(next.text).toMatch(/When does it hurt/);
  });
});

describe('booking questions', () => {
  it('the name question refuses a request, a question and a yes', async () => {
    const bot = new InProcessBot();
    await bot.say('book a physio');
    await bot.tap('Yes, go ahead');
    for (const notAName of ['book a physio', 'what is sciatica?', 'yes']) {
      const turn = await bot.say(notAName);
      expect(turn.text).toMatch(/name the clinic should use/);
    }
    expect((await bot.say('Sam Taylor')).text).toMatch(/How can the clinic reach you/);
  });

  it('"yes but change the time to evenings" does not send; it asks for the time, then confirms again', async () => {
    const bot = new InProcessBot();
    await book(bot);
    const change = await bot.say('yes but change the time to evenings');
    expect(change.text).not.toMatch(/BT-/);
    expect(change.text).toMatch(/When suits you/);
    const again = await bot.tap('Weekday evenings');
    expect(again.text).toMatch(/Preferred times: weekday evenings/);
    expect((await bot.tap('Send it')).text).toMatch(/BT-[2-9A-Z]{5}/);
  });

  it('after a booking, "ok thanks, what stretches help?" gets stretches and a repeated send does not book twice', async () => {
    const bot = new InProcessBot();
    await book(bot);
    expect((await bot.tap('Send it')).text).toMatch(/BT-[2-9A-Z]{5}/);
    const ok = await bot.say('ok thanks, what stretches help?');
    expect(ok.text).not.toMatch(/already with the clinic/);
    expect(ok.text).toMatch(/stretch/i);
    const bridge = await bot.say('okay how do I do a bridge');
    expect(bridge.text).not.toMatch(/already with the clinic/);
    expect(bridge.text).toMatch(/bridge/i);
    const sure = await bot.say('sure, what stretches help?');
    expect(sure.text).not.toMatch(/already with the clinic/);
    expect(sure.text).toMatch(/stretch/i);
    expect((await bot.say('send')).text).toMatch(/already with the clinic/);
  });

  it('"forget me" then "yes but keep my booking" deletes nothing and explains', async () => {
    const bot = new InProcessBot();
    await book(bot);
    await bot.say('send');
    await bot.say('forget me');
    const partial = await bot.say('yes but keep my booking');
    expect(partial.text).toMatch(/only delete it all together/);
    expect((await bot.services.bookings.list())[0].name).toBe('Sam Taylor');
    expect((await bot.tap('No, keep it')).text).toMatch(/haven't deleted anything/);
  });
});
