/**
 * A conversation record in Redis that is not valid JSON (a broken client, a hand edit), over real HTTP
 * against the real bot and a real redis-server: the user is told once that the bot lost track and what
 * they sent is answered, instead of every turn of that conversation failing for good; the damaged copy is
 * kept aside for an operator and "forget me" deletes it with the rest. The same for a key holding a plain
 * string and for the user's own record; the operator's warning is at warn and holds no personal data.
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
  // The operator's log as written at LOG_LEVEL=warn: what it holds is what an operator sees.
  bot = await startBot({ STORAGE: 'redis', REDIS_URL: redis.url }, undefined, { levelled: true });
  client = createClient({ url: redis.url });
  await client.connect();
  // A redis-server and a bot that trains its knowledge on start: slow on a busy 2-core machine.
}, 40_000);
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
const USER_LOST = /lost what I remembered about you/i;

/** The operator's warnings about records set aside, each checked for a warn level and for no personal data. */
function setAsideWarnings(...personal: string[]): string[] {
  const warnings = bot.logs.filter((line) => /unreadable Redis record/.test(line));
  for (const line of warnings) {
    expect(JSON.parse(line).level).toBe(40);
    for (const p of personal) expect(line).not.toContain(p);
  }
  return warnings;
}

it('a damaged record is set aside, the user is told once, and the message is answered', async () => {
  for (const text of ['book a physio', 'yes', 'Robin Redis']) await say(text);
  const doc = await client.hGet(recordKey, 'doc');
  expect(doc).toContain('Robin Redis');
  await client.hSet(recordKey, 'doc', doc!.slice(0, doc!.indexOf('Robin Redis') + 5));

  const replies = messagesOf(await say('how often should I replace my running shoes?'));
  expect(replies[0].text).toMatch(LOST);
  expect(textOf(replies.slice(1))).toMatch(/300/);
  expect(await client.hGet(`${recordKey}:unreadable`, 'doc')).toContain('Robin');
  // The operator's warning, at warn, names neither the conversation nor anything the user said.
  expect(setAsideWarnings(conversationId, 'Robin')).toHaveLength(1);
  // Once only, and the conversation goes on normally.
  expect(textOf(await say('how long should I rest from running?'))).not.toMatch(LOST);
});

it('"forget me" deletes the damaged copy too', async () => {
  expect(textOf(await say('forget me'))).toMatch(/delete/i);
  expect(textOf(await say('yes'))).toMatch(/deleted what I kept about you/i);
  expect(await client.exists(`${recordKey}:unreadable`)).toBe(0);
});

it('a key holding a plain string of broken JSON (SET by hand) is set aside and replaced: told once, answered', async () => {
  const other = `redis-string-${randomUUID()}`;
  const key = `back-on-track:emulator/conversations/${other}/`;
  const sayThere = (text: string) => postActivity(bot.url, { type: 'message', conversationId: other, user, text });
  await client.set(key, '{"dialogState": {"dialogStack": [{"id": "book_physio", "state": {"name": "Robin Str');
  const before = setAsideWarnings().length;

  const replies = messagesOf(await sayThere('how often should I replace my running shoes?'));
  expect(replies[0].text).toMatch(LOST);
  expect(textOf(replies.slice(1))).toMatch(/300/);
  // The record is a readable one again, the broken string kept aside for an operator.
  expect(await client.type(key)).toBe('hash');
  const replaced = await client.hGet(key, 'doc');
  expect(() => JSON.parse(replaced!)).not.toThrow();
  expect(await client.get(`${key}:unreadable`)).toContain('Robin Str');
  expect(setAsideWarnings(other, 'Robin')).toHaveLength(before + 1);
  expect(textOf(await sayThere('how long should I rest from running?'))).not.toMatch(LOST);
});

it('a damaged user record: told once why consent is asked again, and the message is answered', async () => {
  const person = { id: `user-${randomUUID().slice(0, 8)}`, name: 'Runner' };
  const chat = () => {
    const id = `redis-user-${randomUUID()}`;
    return (text: string) => postActivity(bot.url, { type: 'message', conversationId: id, user: person, text });
  };
  const first = chat();
  await first('check my symptoms');
  expect(textOf(await first('yes'))).toMatch(/Where is the pain/);
  const userKey = `back-on-track:emulator/users/${person.id}/`;
  const doc = await client.hGet(userKey, 'doc');
  expect(doc).toContain('storageConsent');
  await client.hSet(userKey, 'doc', doc!.slice(0, doc!.indexOf('storageConsent')));

  const later = chat();
  const replies = messagesOf(await later('how often should I replace my running shoes?'));
  expect(replies[0].text).toMatch(USER_LOST);
  expect(textOf(replies.slice(1))).toMatch(/300/);
  const again = textOf(await later('check my symptoms'));
  expect(again).toMatch(/may I keep your answers/i);
  expect(again).not.toMatch(USER_LOST);
  expect(setAsideWarnings(person.id).length).toBeGreaterThan(0);
});
