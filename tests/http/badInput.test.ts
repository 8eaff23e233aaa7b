/** Hostile and odd requests over HTTP: each ends in a 4xx or a helpful reply, and the server keeps serving. */
import { HttpUser, messagesOf, startBot, textOf, type RunningBot } from '../helpers/runningBot';

let bot: RunningBot;
beforeAll(async () => {
  bot = await startBot();
});
afterAll(async () => {
  await bot.stop();
});

const post = (body: string, contentType = 'application/json') =>
  fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': contentType }, body });

const activity = (extra: Record<string, unknown>) =>
  JSON.stringify({
    type: 'message',
    conversation: { id: `bad-${Math.random()}` },
    deliveryMode: 'expectReplies',
    channelId: 'emulator',
    from: { id: 'u' },
    recipient: { id: 'b' },
    ...extra,
  });

async function stillServing(): Promise<void> {
  expect(messagesOf(await new HttpUser(bot.url).say('how long does recovery take')).length).toBeGreaterThan(0);
}

it.each([
  ['malformed JSON', '{"type":"message",'],
  ['JSON that is not an object', '"hello"'],
  ['an empty body', ''],
  ['a missing conversation', JSON.stringify({ type: 'message', text: 'hi', deliveryMode: 'expectReplies' })],
  ['a text that is not a string', activity({ text: { html: '<b>' } })],
])('%s is refused with 400', async (_name, body) => {
  const response = await post(body);
  expect(response.status).toBe(400);
  expect(await response.text()).not.toMatch(/at \w+ \(|node_modules/);
  await stillServing();
});

it('a wrong content type is refused with a 4xx', async () => {
  const response = await post('type=message', 'application/x-www-form-urlencoded');
  expect(response.status).toBeGreaterThanOrEqual(400);
  expect(response.status).toBeLessThan(500);
  await stillServing();
});

it('an unknown activity type is accepted quietly', async () => {
  const response = await post(activity({ type: 'somethingNew', text: 'hi' }));
  expect(response.status).toBeLessThan(300);
  await stillServing();
});

it('null bytes and control characters are stripped before anything reads the text', async () => {
  const response = await post(activity({ text: 'how\u0000 often should I\u0007 replace my running shoes' }));
  expect(response.status).toBe(200);
  const body = (await response.json()) as { activities: Array<{ type: string; text?: string }> };
  expect(textOf(body.activities)).toMatch(/300/);
});

it('deeply nested JSON is answered without a crash', async () => {
  const depth = 20_000;
  const nested = `${'{"nested":'.repeat(depth)}"deep"${'}'.repeat(depth)}`;
  const response = await post(activity({ text: 'hello' }).replace(/}$/, `,"value":${nested}}`));
  expect([200, 400, 413]).toContain(response.status);
  await stillServing();
});

it('HTML and script are never echoed back', async () => {
  const response = await post(activity({ text: '<img src=x onerror=alert(1)><script>document.cookie</script>' }));
  const text = await response.text();
  expect(text).not.toMatch(/onerror|<script|document\.cookie/);
});

it('many concurrent turns in one conversation all get answers', async () => {
  const user = new HttpUser(bot.url);
  const turns = await Promise.all(Array.from({ length: 15 }, (_, i) => user.say(i % 2 ? 'what stretches help' : 'hello')));
  for (const replies of turns) expect(messagesOf(replies).length).toBeGreaterThan(0);
  await stillServing();
});
