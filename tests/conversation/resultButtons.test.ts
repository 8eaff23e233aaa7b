/**
 * Every result ends with the next step as buttons, in every channel: the self-care, routine and urgent
 * results of the symptom check and the booking confirmation, each read as the channel shows its last
 * message, top to bottom; what comes after the last words must be buttons. Web Chat over the real
 * server (HTTP, emulator channel: Web Chat's renderer), Teams and Slack as verified in-process turns.
 * Urgent: the calls (NHS 111, then 999), as buttons in the card; Slack takes tel: only as links, so there
 * they are the call lines under the words.
 */
import type { ReplyActivity } from '../../src/cli/directPost';
import { endingButtons, wordsOf } from '../helpers/shownReplies';
import { BOOKING_ANSWERS } from '../helpers/bookingConversation';
import { HttpUser, startBot, summaryOf, VerifiedUser, type RunningBot } from '../helpers/runningBot';
import { routineSymptomCheck } from '../storage/symptomCheckScript';

type User = { say(text: string): Promise<ReplyActivity[]>; join(): Promise<ReplyActivity[]> };

const SELF_CARE = [
  'check my symptoms',
  'no',
  'in the middle',
  'a few days',
  'only while running',
  '2',
  'no',
  'no',
  'no',
  'no changes',
  'no',
];
const URGENT = ['check my symptoms', 'no', 'in the middle', 'a few days', 'only while running', '4', 'no', 'no', 'yes, I have a fever'];
const BOOKING: Array<[RegExp, string]> = [...BOOKING_ANSWERS, [/Shall I send it/, 'send']];

let bot: RunningBot;
beforeAll(async () => {
  bot = await startBot();
});
afterAll(async () => {
  await bot.stop();
});

describe.each(['emulator', 'msteams', 'slack'])('every result ends with the next step as buttons (%s)', (channel) => {
  const newUser = (): User => (channel === 'emulator' ? new HttpUser(bot.url) : new VerifiedUser(bot.app, channel));

  async function play(answers: string[]): Promise<ReplyActivity[]> {
    const user = newUser();
    await user.join();
    let replies: ReplyActivity[] = [];
    for (const answer of answers) replies = await user.say(answer);
    return replies;
  }

  it('self-care result: exercises, keep running?, book a physio', async () => {
    const result = await play(SELF_CARE);
    // Only the emulator channel carries the TurnSummary trace.
    if (channel === 'emulator') expect(summaryOf(result)?.triage).toBe('self-care');
    expect(wordsOf(channel, result)).toMatch(/safe to look after this yourself/);
    expect(endingButtons(channel, result)).toEqual(['Exercises that help', 'Should I keep running?', 'Book a physio']);
  });

  it('routine result: book a physio', async () => {
    const result = await play(routineSymptomCheck.map((turn) => turn.says));
    expect(wordsOf(channel, result)).toMatch(/see a physiotherapist/);
    expect(endingButtons(channel, result)).toContain('Book a physio');
  });

  it('urgent result: call NHS 111, then 999', async () => {
    const result = await play(URGENT);
    expect(wordsOf(channel, result)).toMatch(/call NHS \[?111/);
    expect(endingButtons(channel, result)).toEqual(['Call 111', 'Call 999']);
  });

  it('booking confirmation: what to do while waiting', async () => {
    const user = newUser();
    await user.join();
    let replies = await user.say('book a physio');
    for (let step = 0; step < 8 && !/BT-[2-9A-Z]{5}/.test(wordsOf(channel, replies)); step += 1) {
      const answer = BOOKING.find(([question]) => question.test(wordsOf(channel, replies)))?.[1];
      if (!answer) throw new Error(`unexpected booking question: ${wordsOf(channel, replies)}`);
      replies = await user.say(answer);
    }
    expect(wordsOf(channel, replies)).toMatch(/BT-[2-9A-Z]{5}/);
    expect(endingButtons(channel, replies)).toEqual(['Ease it while I wait', 'Exercises that help', 'Check my symptoms']);
  });
});
