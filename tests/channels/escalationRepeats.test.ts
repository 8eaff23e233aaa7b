/**
 * No escalation says a sentence twice: emergency, urgent, crisis (alone and with a physical red flag),
 * someone else's emergency, an urgent symptom-check result, and the turn after an escalation (the answer
 * plus its reminder), in each REGION, as each channel shows the turn: Web Chat (over HTTP) and Teams
 * read the alert card, Slack its blocks, SMS the plain text. Every sentence counts, short ones too
 * ("Call 999 now.").
 */
import type { ReplyActivity } from '../../src/cli/directPost';
import { HttpUser, messagesOf, startBot, VerifiedUser, type RunningBot } from '../helpers/runningBot';
import { lastMessageInOrder } from '../helpers/shownReplies';

const REGIONS = ['UK', 'US', 'EU'] as const;
const CHANNELS = ['emulator', 'msteams', 'slack', 'sms'] as const;

/** Each case: what the user says, turn by turn; the last turn's replies are read. */
const CASES: Array<[string, string[]]> = [
  ['emergency', ["I can't pee and my legs are numb"]],
  ['urgent', ['I have a fever and back pain']],
  ['crisis', ['I want to kill myself']],
  ['crisis with a physical red flag', ["I want to kill myself and I can't pee"]],
  ["someone else's emergency", ["my dad hurt his back and now he can't pee"]],
  [
    'urgent symptom-check result',
    ['check my symptoms', 'no', 'in the middle', 'a few days', 'only while running', '4', 'no', 'no', 'yes, I have a fever'],
  ],
  ['the turn after an emergency', ["I can't pee and my legs are numb", 'what stretches help?']],
  ['the turn after a crisis', ['I want to kill myself', 'thanks']],
];

/** Sentences as a reader meets them: link and mark-up syntax gone, case and spacing evened out. */
function sentencesOf(channel: string, replies: ReplyActivity[]): string[] {
  return messagesOf(replies)
    .flatMap((reply) => lastMessageInOrder(channel, [reply]))
    .flatMap((shown) => ('words' in shown ? [shown.words] : []))
    .join('\n')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1') // markdown links: [999](tel:999)
    .replace(/<[^|>]+\|([^>]*)>/g, '$1') // Slack links: <tel:999|999>
    .replace(/:[a-z_]+:|[*_]/g, '')
    .split(/(?<=[.!?])\s+|\n+/)
    .map((sentence) => sentence.replace(/\s+/g, ' ').trim().toLowerCase())
    .filter(Boolean);
}

const bots = new Map<string, RunningBot>();
beforeAll(async () => {
  for (const region of REGIONS) bots.set(region, await startBot({ REGION: region }));
});
afterAll(async () => {
  for (const bot of bots.values()) await bot.stop();
});

describe.each(REGIONS)('escalations say each sentence once (REGION %s)', (region) => {
  it.each(CHANNELS)('on %s', async (channel) => {
    const bot = bots.get(region)!;
    const found: Array<{ case: string; repeated: string[] }> = [];
    for (const [name, turns] of CASES) {
      const user = channel === 'emulator' ? new HttpUser(bot.url) : new VerifiedUser(bot.app, channel);
      await user.join();
      let replies: ReplyActivity[] = [];
      for (const turn of turns) replies = await user.say(turn);
      const sentences = sentencesOf(channel, replies);
      // The case must have reached its escalation: the region's emergency number is in what was read.
      expect({ case: name, escalated: sentences.some((s) => s.includes({ UK: '999', US: '911', EU: '112' }[region])) }).toEqual({
        case: name,
        escalated: true,
      });
      found.push({ case: name, repeated: sentences.filter((s, i) => sentences.indexOf(s) !== i) });
    }
    expect(found.filter((f) => f.repeated.length)).toEqual([]);
  });
});
