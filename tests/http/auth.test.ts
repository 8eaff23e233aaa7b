/** With MicrosoftAppId set, /api/messages refuses unsigned and forged requests with a plain 401. */
import { startBot, type RunningBot } from '../helpers/runningBot';

let bot: RunningBot;
beforeAll(async () => {
  bot = await startBot({ MicrosoftAppId: '11111111-2222-3333-4444-555555555555', MicrosoftAppPassword: 'not-a-real-secret' });
});
afterAll(async () => {
  await bot.stop();
});

const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
/** A token shaped like a Bot Framework channel token, signed with a key the bot has never trusted. */
const forged = [
  base64url({ alg: 'RS256', typ: 'JWT', kid: 'forged-key' }),
  base64url({
    iss: 'https://api.botframework.com',
    aud: '11111111-2222-3333-4444-555555555555',
    exp: Math.floor(Date.now() / 1000) + 600,
    serviceurl: 'http://127.0.0.1:1',
  }),
  Buffer.from('not-a-real-signature').toString('base64url'),
].join('.');

const activity = JSON.stringify({
  type: 'message',
  text: 'hello',
  conversation: { id: 'auth-test' },
  serviceUrl: 'http://127.0.0.1:1',
  channelId: 'msteams',
  from: { id: 'u' },
  recipient: { id: 'b' },
});

it.each([
  ['no token', undefined],
  ['a malformed token', 'Bearer abc.def.ghi'],
  ['a forged token', `Bearer ${forged}`],
])('refuses %s with 401, no internal detail, and a request id', async (_name, authorization) => {
  const response = await fetch(`${bot.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: activity,
  });
  expect(response.status).toBe(401);
  const body = (await response.json()) as { error: string; message: string; requestId: string };
  expect(body).toMatchObject({ error: 'Unauthorized' });
  expect(body.requestId).toMatch(/^[0-9a-f]{8}$/);
  expect(JSON.stringify(body)).not.toMatch(/botframework\.com|Error:|at \w/);
});
