/**
 * A conversation record in Redis that is not valid JSON (a broken client, a hand edit), over real HTTP
 * against the real bot and a real redis-server: the user is told once that the bot lost track and what
 * they sent is answered, instead of every turn of that conversation failing for good; the damaged copy is
 * kept aside for an operator and "forget me" deletes it with the rest.
 */
import { randomUUID } from 'node:crypto';
import { createClient } from 'redis';
import { postActivity, type ReplyActivity } from '../../src/cli/directPost';
import { startBot, textOf, messagesOf, type RunningBot } from '../helpers/runningBot';
import { startTestRedis, type TestRedis } from './redisServer';

let redis: TestRedis;
let bot: RunningBot;
let client: ReturnType<typeof createClient>;

beforeAll(async () => {
  redis = await startTestRedis();
  bot = await startBot({ STORAGE: 'redis', REDIS_URL: redis.url });
  client = createClient({ url: redis.url });
  await client.connect();
});
afterAll(async () => {
  await client?.quit();
  await bot?.stop();
  await redis?.stop();
});

const conversationId = `redis-damaged-${randomUUID()}`;
const user = { id: `user-${randomUUID().slice(0, 8)}`, name: 'Runner' };
const say = (text: string): Promise<ReplyActivity[]> => postActivity(bot.url, { type: 'message', conversationId, user, text });
const recordKey = `back-on-track:emulator/conversations/${conversationId}/`;
const LOST = /lost track of our conversation/i;

it('a damaged record is set aside, the user is told once, and the message is answered', async () => {
  for (const text of ['book a physio', 'yes', 'Robin Redis']) await say(text);
  const doc = await client.hGet(recordKey, 'doc');
  expect(doc).toContain('Robin Redis');
  await client.hSet(recordKey, 'doc', doc!.slice(0, doc!.indexOf('Robin Redis') + 5));

  const replies = messagesOf(await say('how often should I replace my running shoes?'));
  expect(replies[0].text).toMatch(LOST);
  expect(textOf(replies.slice(1))).toMatch(/300/);
  expect(await client.hGet(`${recordKey}:unreadable`, 'doc')).toContain('Robin');
  // The operator's warning names neither the conversation nor anything the user said.
  const warning = bot.logs.find((line) => /unreadable Redis record/.test(line));
  expect(warning).toBeDefined();
  expect(warning).not.toContain(conversationId);
  expect(warning).not.toContain('Robin');
  // Once only, and the conversation goes on normally.
  expect(textOf(await say('how long should I rest from running?'))).not.toMatch(LOST);
});

it('"forget me" deletes the damaged copy too', async () => {
  expect(textOf(await say('forget me'))).toMatch(/delete/i);
  expect(textOf(await say('yes'))).toMatch(/deleted what I kept about you/i);
  expect(await client.exists(`${recordKey}:unreadable`)).toBe(0);
});
