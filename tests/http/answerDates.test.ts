/**
 * Dates and ranges as a runner types them reach the symptom summary, over HTTP against the real bot:
 * "since halloween" is read from the user's own calendar day (the activity's local timestamp), and a
 * range typed like the buttons ("somewhere between 6 and 12 weeks") is the button's range.
 */
import { describeDuration } from '../../src/symptoms/assessSymptoms';
import { buttonsOf, HttpUser, startBot, textOf, type RunningBot } from '../helpers/runningBot';

let bot: RunningBot;
beforeAll(async () => {
  bot = await startBot();
});
afterAll(async () => {
  await bot.stop();
});

/** Answers every later question plainly until the summary ("You told me: ...") comes back. */
async function summaryAfter(duration: string, extra: Record<string, unknown>): Promise<string> {
  const user = new HttpUser(bot.url);
  await user.join();
  expect(textOf(await user.say('check my symptoms', extra))).toMatch(/may I keep your answers/i);
  expect(textOf(await user.say('yes', extra))).toMatch(/Where is the pain/);
  expect(textOf(await user.say('in the middle', extra))).toMatch(/How long have you had it/);
  let replies = await user.say(duration, extra);
  for (let turn = 0; turn < 25; turn += 1) {
    const text = textOf(replies);
    if (/told me:/i.test(text)) return text;
    const answer = /When does it hurt/.test(text)
      ? 'during and after runs'
      : /How bad is it/.test(text)
        ? '5'
        : /How old are you/.test(text)
          ? '34'
          : buttonsOf(replies).includes('Not at all')
            ? 'not at all'
            : 'no';
    replies = await user.say(answer, extra);
  }
  throw new Error(`no summary; last reply: ${textOf(replies)}`);
}

const DAY_MS = 86_400_000;

test('"since halloween" gives the days since the last Halloween on the user\'s calendar', async () => {
  const now = new Date();
  const today = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  let halloween = new Date(today.getFullYear(), 9, 31);
  if (halloween > today) halloween = new Date(today.getFullYear() - 1, 9, 31);
  const days = Math.round((today.getTime() - halloween.getTime()) / DAY_MS);
  const pad = (n: number): string => String(n).padStart(2, '0');
  const localTimestamp = `${today.getFullYear()}-${pad(today.getMonth() + 1)}-${pad(today.getDate())}T12:00:00.000+00:00`;
  const summary = await summaryAfter('since halloween, went out in fancy dress for a 10k lol', { localTimestamp });
  expect(summary).toContain(describeDuration(days));
});

test("a typed range like a button's is that button's range in the summary", async () => {
  const summary = await summaryAfter('somewhere between 6 and 12 weeks', {});
  expect(summary).toMatch(/for 6 to 12 weeks/);
});
