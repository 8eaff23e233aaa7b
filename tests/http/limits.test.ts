/** Request limits over HTTP: 413 for huge bodies, 429 with Retry-After past the rate limits. */
import { HttpUser, messagesOf, startBot, type RunningBot } from '../helpers/runningBot';

let bot: RunningBot;
beforeAll(async () => {
  bot = await startBot({ RATE_LIMIT_PER_CONVERSATION: '3', RATE_LIMIT_PER_CLIENT: '40', MAX_BODY_BYTES: '4096' });
});
afterAll(async () => {
  await bot.stop();
});

const post = (body: unknown) =>
  fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

it('refuses a body over the size limit with 413 and keeps serving', async () => {
  const huge = {
    type: 'message',
    text: 'x'.repeat(10_000),
    conversation: { id: 'big' },
    deliveryMode: 'expectReplies',
    channelId: 'emulator',
    from: { id: 'u' },
  };
  expect((await post(huge)).status).toBe(413);
  expect(messagesOf(await new HttpUser(bot.url).say('hello')).length).toBeGreaterThan(0);
});

it('slows down one busy conversation with 429 and Retry-After, without affecting another', async () => {
  const busy = new HttpUser(bot.url);
  for (let i = 0; i < 3; i += 1) await busy.say('hello');
  const activity = {
    type: 'message',
    text: 'hello',
    conversation: { id: busy.conversationId },
    deliveryMode: 'expectReplies',
    channelId: 'emulator',
    from: busy.user,
  };
  const refused = await post(activity);
  expect(refused.status).toBe(429);
  expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
  expect(messagesOf(await new HttpUser(bot.url).say('hello')).length).toBeGreaterThan(0);
});

it('limits one client across conversations', async () => {
  let status = 200;
  for (let i = 0; i < 45 && status !== 429; i += 1) status = (await post({ conversation: { id: `c${i}` } })).status;
  expect(status).toBe(429);
});
