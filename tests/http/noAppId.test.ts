/**
 * With no MicrosoftAppId nobody's identity is checked, so over real HTTP /api/messages takes only the
 * Emulator's kind of traffic: a stranger claiming to be a Slack, Teams or Direct Line user is refused
 * with 401, and a serviceUrl pointing elsewhere gets nothing posted to it.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import { HttpUser, messagesOf, startBot, type RunningBot } from '../helpers/runningBot';

let bot: RunningBot;
let proxied: RunningBot;
let elsewhere: http.Server;
const posted: string[] = [];
beforeAll(async () => {
  [bot, proxied] = await Promise.all([startBot(), startBot({ TRUST_PROXY: '1' })]);
  // Stands in for an internal address an attacker would like the bot to call: it records every request.
  elsewhere = http.createServer((req, res) => {
    posted.push(`${req.method} ${req.url}`);
    res.end('{}');
  });
  await new Promise<void>((resolve) => elsewhere.listen(0, '0.0.0.0', resolve));
});
afterAll(async () => {
  await Promise.all([bot.stop(), proxied.stop(), new Promise((resolve) => elsewhere.close(resolve))]);
});

const activity = (fields: Record<string, unknown>) => ({
  type: 'message',
  text: 'what do you know about me',
  conversation: { id: `claim-${Math.random()}` },
  from: { id: 'U0VICTIM' },
  recipient: { id: 'b' },
  deliveryMode: 'expectReplies',
  ...fields,
});
const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

it.each(['slack', 'msteams', 'directline', 'webchat'])(
  'refuses an activity claiming channel %s with 401 and no reply',
  async (channelId) => {
    const response = await post(bot.url, activity({ channelId }));
    expect(response.status).toBe(401);
    const body = (await response.json()) as { error: string; activities?: unknown };
    expect(body.error).toBe('Unauthorized');
    expect(body.activities).toBeUndefined();
  },
);

it('still answers the Emulator from this machine', async () => {
  expect(messagesOf(await new HttpUser(bot.url).say('hello')).length).toBeGreaterThan(0);
});

it('posts nothing to a serviceUrl that is not a local Emulator', async () => {
  // This machine's own network address: reachable, but not loopback, like an internal service would be.
  const address = Object.values(os.networkInterfaces())
    .flat()
    .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;
  if (!address) throw new Error('this test needs a non-loopback IPv4 interface to stand in for an internal address');
  const target = `http://${address}:${(elsewhere.address() as AddressInfo).port}/internal`;
  const response = await post(bot.url, activity({ channelId: 'emulator', deliveryMode: undefined, serviceUrl: target }));
  expect(response.status).toBe(401);
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(posted).toEqual([]);
});

it('refuses Emulator traffic that came through a proxy from another machine', async () => {
  expect((await post(proxied.url, activity({ channelId: 'emulator' }), { 'x-forwarded-for': '203.0.113.9' })).status).toBe(401);
  expect((await post(proxied.url, activity({ channelId: 'emulator' }))).status).toBe(200);
});

it('refuses a request a same-host proxy forwarded when TRUST_PROXY is not set (the socket looks local)', async () => {
  expect((await post(bot.url, activity({ channelId: 'emulator' }), { 'x-forwarded-for': '203.0.113.9' })).status).toBe(401);
});

it('warns loudly at start-up that auth is off', () => {
  expect(bot.logs.some((line) => /AUTH IS OFF/.test(line))).toBe(true);
});
