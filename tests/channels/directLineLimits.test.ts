/**
 * The self-hosted Direct Line against a stranger and a restart, over real HTTP and WebSockets: a client
 * cannot start conversations without end, one conversation cannot open streams without end, "forget me"
 * removes the transcript the Direct Line serves, and a signed token keeps working after a restart.
 */
import WebSocket from 'ws';
import { makeTempDir } from '../helpers/tempDir';
import { startBot, type RunningBot } from '../helpers/runningBot';

const TOKEN_KEY = 'test-direct-line-token-key-0123456789abcdef';

async function call(
  base: string,
  method: string,
  path: string,
  token?: string,
  body?: unknown,
  extraHeaders: Record<string, string> = {},
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- raw JSON bodies of the Direct Line protocol
): Promise<{ status: number; body: any }> {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...extraHeaders };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(`${base}/v3/directline${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

async function start(base: string, headers: Record<string, string> = {}) {
  const { token } = (await call(base, 'POST', '/tokens/generate', undefined, undefined, headers)).body;
  const started = await call(base, 'POST', '/conversations', token, {}, headers);
  return {
    token,
    status: started.status,
    conversationId: started.body?.conversationId as string,
    streamUrl: started.body?.streamUrl as string,
    body: started.body,
  };
}

const texts = async (base: string, c: { token: string; conversationId: string }) =>
  (
    (await call(base, 'GET', `/conversations/${c.conversationId}/activities`, c.token)).body.activities as Array<{
      text?: string;
      from: { role: string };
    }>
  ).map((a) => `${a.from.role}: ${a.text ?? ''}`);

const say = (base: string, c: { token: string; conversationId: string }, text: string) =>
  call(base, 'POST', `/conversations/${c.conversationId}/activities`, c.token, { type: 'message', text, from: { id: 'ignored' } });

function openSocket(url: string): Promise<{ opened: boolean; status?: number; socket?: WebSocket }> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url);
    socket.once('open', () => resolve({ opened: true, socket }));
    socket.once('unexpected-response', (_req, res) => resolve({ opened: false, status: res.statusCode }));
    socket.once('error', () => resolve({ opened: false }));
  });
}

describe('self-hosted Direct Line limits', () => {
  let bot: RunningBot;
  beforeAll(async () => {
    bot = await startBot({ DIRECT_LINE_TOKEN_SECRET: TOKEN_KEY });
  });
  afterAll(async () => {
    await bot.stop();
  });

  it('lets one client start 20 conversations in ten minutes, then answers 429 with a reason, and open chats go on', async () => {
    const first = await start(bot.url);
    expect(first.status).toBe(201);
    for (let i = 2; i <= 20; i += 1) expect((await start(bot.url)).status).toBe(201);
    const refused = await start(bot.url);
    expect(refused.status).toBe(429);
    expect(refused.body.error.message).toMatch(/too many new chats/);
    // Resuming an open chat is not a new conversation: it still works.
    expect((await call(bot.url, 'POST', '/conversations', first.token, {})).status).toBe(200);
    expect((await say(bot.url, first, 'hello')).status).toBe(200);
  }, 30_000);
});

describe('self-hosted Direct Line behind a trusted proxy (TRUST_PROXY=1)', () => {
  let bot: RunningBot;
  beforeAll(async () => {
    bot = await startBot({ DIRECT_LINE_TOKEN_SECRET: TOKEN_KEY, TRUST_PROXY: '1' });
  });
  afterAll(async () => {
    await bot.stop();
  });

  it('counts new chats per visitor (X-Forwarded-For), not per proxy, and ignores what a visitor writes there itself', async () => {
    const visitor = { 'x-forwarded-for': '203.0.113.7' };
    for (let i = 1; i <= 20; i += 1) expect((await start(bot.url, visitor)).status).toBe(201);
    // The same visitor claiming another address in front of the proxy's entry is still the same visitor.
    expect((await start(bot.url, { 'x-forwarded-for': '198.51.100.1, 203.0.113.7' })).status).toBe(429);
    // Another visitor behind the same proxy (same socket address) still gets a chat.
    expect((await start(bot.url, { 'x-forwarded-for': '203.0.113.8' })).status).toBe(201);
  }, 30_000);
});

describe('self-hosted Direct Line streams, forget me and restarts', () => {
  const temp = makeTempDir('dl-restart-');
  let bot: RunningBot;
  afterAll(async () => {
    await bot?.stop();
    temp.cleanup();
  });

  it('opens at most 5 streams per conversation (429 after), and a closed one frees its place', async () => {
    bot = await startBot({ DIRECT_LINE_TOKEN_SECRET: TOKEN_KEY, DATA_DIR: temp.dir });
    const chat = await start(bot.url);
    const streamUrl = async () =>
      (await call(bot.url, 'GET', `/conversations/${chat.conversationId}`, chat.token)).body.streamUrl as string;
    const sockets: WebSocket[] = [];
    for (let i = 0; i < 5; i += 1) {
      const opened = await openSocket(await streamUrl());
      expect(opened.opened).toBe(true);
      sockets.push(opened.socket!);
    }
    expect(await openSocket(await streamUrl())).toMatchObject({ opened: false, status: 429 });
    await new Promise<void>((resolve) => {
      sockets[0].once('close', () => resolve());
      sockets[0].close();
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const again = await openSocket(await streamUrl());
    expect(again.opened).toBe(true);
    for (const socket of [...sockets, again.socket!]) socket.terminate();
  }, 20_000);

  it('"forget me" leaves only the confirmation in the transcript the Direct Line serves', async () => {
    const chat = await start(bot.url);
    await say(bot.url, chat, 'is it worth getting a back brace for running?');
    expect((await texts(bot.url, chat)).join('\n')).toMatch(/back brace/);
    await say(bot.url, chat, 'forget me');
    await say(bot.url, chat, 'yes');
    const after = await texts(bot.url, chat);
    expect(after.join('\n')).not.toMatch(/back brace/);
    expect(after.join('\n')).toMatch(/deleted/);
  }, 20_000);

  it('after a restart on the same storage, the same token reconnects and sees the whole chat', async () => {
    const chat = await start(bot.url);
    await say(bot.url, chat, 'is it worth getting a back brace for running?');
    const before = await texts(bot.url, chat);
    const port = new URL(bot.url).port;
    await bot.app.close();
    bot = await startBot({ DIRECT_LINE_TOKEN_SECRET: TOKEN_KEY, DATA_DIR: temp.dir, PORT: port });
    const reconnected = await call(bot.url, 'GET', `/conversations/${chat.conversationId}?watermark=`, chat.token);
    expect(reconnected.status).toBe(200);
    expect(await texts(bot.url, chat)).toEqual(before);
    expect((await say(bot.url, chat, 'thanks')).status).toBe(200);
    expect((await texts(bot.url, chat)).length).toBeGreaterThan(before.length);
  }, 30_000);
});
