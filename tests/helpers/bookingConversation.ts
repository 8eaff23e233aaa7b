import type { ReplyActivity } from '../../src/cli/directPost';
import { textOf, type HttpUser } from './runningBot';

export const RUNNER = { name: 'Alex Marathonson', email: 'alex.runner@example.com', times: 'tuesday evenings after 6' };

/** What a runner answers to each booking question (the flow skips questions already settled). */
export const BOOKING_ANSWERS: Array<[RegExp, string]> = [
  [/Is that OK\?/, 'yes'],
  [/What name/, RUNNER.name],
  [/How can the clinic reach you/, RUNNER.email],
  [/When suits you/, RUNNER.times],
  [/Anything else the clinic should know/, 'no'],
  [/include the summary of your symptom check/, 'yes'],
];

/** Books a physio over HTTP as a runner would, answering whatever is asked; returns the reference. */
export async function bookPhysio(user: HttpUser, confirmations = 1): Promise<string> {
  return (await bookPhysioTurns(user, confirmations)).reference;
}

/** The same, with the replies to the last "send" (the confirmation a runner sees). */
export async function bookPhysioTurns(user: HttpUser, confirmations = 1): Promise<{ reference: string; confirmation: ReplyActivity[] }> {
  let reply = textOf(await user.say('book a physio'));
  for (let step = 0; step < 8 && !/Shall I send it/.test(reply); step += 1) {
    const answer = BOOKING_ANSWERS.find(([question]) => question.test(reply))?.[1];
    if (!answer) throw new Error(`unexpected booking question: ${reply}`);
    reply = textOf(await user.say(answer));
  }
  let text = '';
  let confirmation: ReplyActivity[] = [];
  for (let i = 0; i < confirmations; i += 1) {
    confirmation = await user.say('send');
    text += textOf(confirmation);
  }
  const reference = text.match(/BT-[2-9A-Z]{5}/)?.[0];
  if (!reference) throw new Error(`no booking reference in: ${text}`);
  return { reference, confirmation };
}
