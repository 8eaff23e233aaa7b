/**
 * Where a flow ends without a question, the runner gets what to do next as buttons: after a booking
 * request (while waiting for the clinic) and after a self-care result. Over real HTTP with the Web Chat
 * renderer (the emulator channel); each button, sent as its tap would send it, gets the answer its label promises.
 */
import { bookPhysioTurns } from '../helpers/bookingConversation';
import { routineSymptomCheck } from '../storage/symptomCheckScript';
import type { ReplyActivity } from '../../src/cli/directPost';
import { buttonsOf, HttpUser, messagesOf, startBot, summaryOf, textOf, type RunningBot } from '../helpers/runningBot';

let bot: RunningBot;
beforeAll(async () => {
  bot = await startBot();
});
afterAll(async () => {
  await bot.stop();
});

/** The buttons under the last message of a turn (a chat shows suggested buttons of the latest message only). */
const lastButtons = (replies: ReplyActivity[]) => messagesOf(replies).at(-1)?.suggestedActions?.actions ?? [];

describe('next steps as buttons', () => {
  it('the booking confirmation ends with what to do while waiting, and each button is answered on topic', async () => {
    const user = new HttpUser(bot.url);
    await user.join();
    const { confirmation } = await bookPhysioTurns(user);
    expect(textOf(confirmation)).toMatch(/BT-[2-9A-Z]{5}/);
    const buttons = lastButtons(confirmation);
    expect(buttons.map((b) => b.title)).toEqual(['Ease it while I wait', 'Exercises that help', 'Check my symptoms']);

    const answered: string[] = [];
    for (const button of buttons) answered.push(summaryOf(await user.say(String(button.value)))?.intent ?? '');
    expect(answered[0]).toBe('treatment-overview');
    expect(answered[1]).toMatch(/^exercise-/);
    expect(answered[2]).toBe('symptom_check');
  });

  it('a self-care result, even without consent to keep the answers, ends with next-step buttons under the result', async () => {
    const user = new HttpUser(bot.url);
    await user.say('check my symptoms');
    const answers = ['no', 'in the middle', 'a few days', 'only while running', '2', 'no', 'no', 'no', 'no changes', 'no'];
    let result: ReplyActivity[] = [];
    for (const answer of answers) result = await user.say(answer);
    expect(summaryOf(result)?.triage).toBe('self-care');
    expect(messagesOf(result).at(-1)?.text).toMatch(/safe to look after this yourself/);
    expect(textOf(result)).toMatch(/have not kept your answers/);
    expect(lastButtons(result).map((b) => b.title)).toEqual(['Exercises that help', 'Should I keep running?', 'Book a physio']);
    expect(buttonsOf(result)).not.toContain('What can you do?');
    const keepRunning = lastButtons(result).find((b) => b.title === 'Should I keep running?');
    expect(summaryOf(await user.say(String(keepRunning?.value)))?.intent).toBe('training-should-i-stop');
  });

  it('a routine result ends with a "Book a physio" button, and its tap starts the booking', async () => {
    const user = new HttpUser(bot.url);
    let result: ReplyActivity[] = [];
    for (const turn of routineSymptomCheck) result = await user.say(turn.says);
    expect(summaryOf(result)?.triage).toBe('routine');
    const book = lastButtons(result).find((b) => b.title === 'Book a physio');
    expect(book).toBeDefined();
    const tapped = await user.say(String(book?.value));
    // The booking's first step: consent to keep a name and contact for the clinic.
    expect(textOf(tapped)).toMatch(/name and a way to contact you/);
  });
});
