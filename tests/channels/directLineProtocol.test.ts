/**
 * The self-hosted Direct Line at the wire: tokens that are missing, foreign or expired, bad input,
 * unknown conversations, ids and watermarks, and the WebSocket stream. Every refusal is a 4xx with a
 * reason, and the server keeps serving afterwards.
 */
import WebSocket from 'ws';
import { DirectLineTokens } from '../../src/channels/directLine/directLineTokens';
import { startBot, type RunningBot } from '../helpers/runningBot';

const TOKEN_KEY = 'test-direct-line-token-key-0123456789abcdef';
let bot: RunningBot;
let base: string;

beforeAll(async () => {
  bot = await startBot({ DIRECT_LINE_TOKEN_SECRET: TOKEN_KEY });
  base = `${bot.url}/v3/directline`;
});
afterAll(async () => {
  await bot.stop();
});

interface Reply {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON of many shapes; each test reads the fields it asserts.
  body: any;
}

async function call(method: string, path: string, options: { token?: string; body?: unknown; rawBody?: string } = {}): Promise<Reply> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  const response = await fetch(`${base}${path}`, { method, headers, body });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

async function startConversation(): Promise<{ token: string; conversationId: string; streamUrl: string }> {
  const generated = await call('POST', '/tokens/generate');
  const started = await call('POST', '/conversations', { token: generated.body.token, body: {} });
  expect(started.status).toBe(201);
  return { token: generated.body.token, conversationId: started.body.conversationId, streamUrl: started.body.streamUrl };
}

const say = (conversation: { token: string; conversationId: string }, body: unknown) =>
  call('POST', `/conversations/${conversation.conversationId}/activities`, { token: conversation.token, body });

const activitiesOf = (conversation: { token: string; conversationId: string }, watermark?: string) =>
  call('GET', `/conversations/${conversation.conversationId}/activities${watermark === undefined ? '' : `?watermark=${watermark}`}`, {
    token: conversation.token,
  });

describe('self-hosted Direct Line: tokens', () => {
  it('hands each caller a new conversation and a new dl_ user', async () => {
    const a = (await call('POST', '/tokens/generate')).body;
    const b = (await call('POST', '/tokens/generate')).body;
    expect(a.conversationId).not.toBe(b.conversationId);
    expect(a.expires_in).toBe(1800);
    const userOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()).user as string;
    expect(userOf(a.token)).toMatch(/^dl_/);
    expect(userOf(a.token)).not.toBe(userOf(b.token));
  });

  it('refuses a missing token with 401, and a forged, expired, foreign or stream-only token with 403', async () => {
    const mine = await startConversation();
    const theirs = await startConversation();
    const forged = new DirectLineTokens('some-other-key-that-is-long-enough-000000').issue({
      conversationId: mine.conversationId,
      userId: 'dl_x',
      scope: 'conversation',
    });
    const expired = new DirectLineTokens(TOKEN_KEY, () => Date.now() - 2 * 60 * 60 * 1000).issue({
      conversationId: mine.conversationId,
      userId: 'dl_x',
      scope: 'conversation',
    });
    const streamOnly = new URL(mine.streamUrl).searchParams.get('t')!;
    const path = `/conversations/${mine.conversationId}/activities`;

    const cases: Array<[string | undefined, number, string]> = [
      [undefined, 401, 'MissingToken'],
      ['not-a-jwt', 403, 'TokenInvalid'],
      [forged.token, 403, 'TokenInvalid'],
      [expired.token, 403, 'TokenExpired'],
      [theirs.token, 403, 'TokenInvalid'],
      [streamOnly, 403, 'TokenInvalid'],
    ];
    for (const [token, status, code] of cases) {
      const reply = await call('GET', path, { token });
      expect({ status: reply.status, code: reply.body?.error?.code }).toEqual({ status, code });
    }
    expect((await call('POST', '/tokens/refresh', { token: expired.token })).status).toBe(403);
    expect((await call('POST', '/conversations', { body: {} })).status).toBe(401);
    expect((await call('POST', '/conversations', { token: 'not-a-jwt', body: {} })).status).toBe(403);
    expect((await call('GET', path, { token: mine.token })).status).toBe(200);
  });
});

describe('self-hosted Direct Line: conversations and activities', () => {
  it('starts once per token: starting again returns the same conversation without a second greeting', async () => {
    const conversation = await startConversation();
    const again = await call('POST', '/conversations', { token: conversation.token, body: {} });
    expect(again.status).toBe(200);
    expect(again.body.conversationId).toBe(conversation.conversationId);
    const log = await activitiesOf(conversation);
    expect(log.body.activities.filter((a: { text?: string }) => /not a diagnosis/i.test(a.text ?? ''))).toHaveLength(1);
  });

  it('answers 404 for a conversation that was never started', async () => {
    const token = (await call('POST', '/tokens/generate')).body;
    const reply = await activitiesOf({ token: token.token, conversationId: token.conversationId });
    expect(reply.status).toBe(404);
    expect(reply.body.error.message).toMatch(/start a new one/);
  });

  it('gives monotonic ids and watermarks, pages by watermark, and keeps traces out of the log', async () => {
    const conversation = await startConversation();
    const greeting = await activitiesOf(conversation);
    expect(greeting.body.activities.length).toBeGreaterThan(0);
    const afterGreeting = greeting.body.watermark as string;

    const sent = await say(conversation, {
      type: 'message',
      text: 'what exercises help lower back pain',
      channelData: { clientActivityID: 'abc' },
    });
    expect(sent.status).toBe(200);
    const page = await activitiesOf(conversation, afterGreeting);
    const [echo, ...replies] = page.body.activities;
    expect(echo).toMatchObject({ id: sent.body.id, type: 'message', channelData: { clientActivityID: 'abc' }, from: { role: 'user' } });
    expect(replies.length).toBeGreaterThan(0);
    expect(replies.every((a: { type: string; replyToId?: string }) => a.type !== 'trace' && a.replyToId === sent.body.id)).toBe(true);
    const sequences = page.body.activities.map((a: { id: string }) => Number(a.id.split('|')[1]));
    expect(sequences[0]).toBe(Number(afterGreeting) + 1);
    expect(sequences).toEqual(sequences.map((_: number, i: number) => sequences[0] + i));
    expect(page.body.watermark).toBe(String(sequences.at(-1)));
    const timestamps = page.body.activities.map((a: { timestamp: string }) => Date.parse(a.timestamp));
    expect(timestamps).toEqual([...timestamps].sort((a, b) => a - b));

    const nothingNew = await activitiesOf(conversation, page.body.watermark);
    expect(nothingNew.body).toEqual({ activities: [], watermark: page.body.watermark });
  });

  it('refuses bad input with a 4xx that says why, and keeps serving', async () => {
    const conversation = await startConversation();
    const path = `/conversations/${conversation.conversationId}/activities`;
    const problems: Array<[Promise<Reply>, number, RegExp]> = [
      [call('POST', path, { token: conversation.token, rawBody: '{"type": "message", "text": ' }), 400, /JSON/i],
      [say(conversation, [1, 2, 3]), 400, /JSON object/],
      [say(conversation, { type: 'conversationUpdate', membersAdded: [{ id: 'someone' }] }), 400, /type must be/],
      [say(conversation, { text: 'no type' }), 400, /type must be/],
      [say(conversation, { type: 'message', text: { html: 'x' } }), 400, /text must be a string/],
      [say(conversation, { type: 'message', attachments: [{ contentType: 'image/png', contentUrl: 'http://x' }] }), 400, /attachments/],
      [say(conversation, { type: 'message', text: 'x'.repeat(400 * 1024) }), 413, /size|large/i],
      [activitiesOf(conversation, 'abc'), 400, /watermark/],
    ];
    for (const [request, status, reason] of problems) {
      const reply = await request;
      expect(reply.status).toBe(status);
      expect(JSON.stringify(reply.body)).toMatch(reason);
    }
    const fine = await say(conversation, { type: 'message', text: 'hello' });
    expect(fine.status).toBe(200);
  });
});

describe('self-hosted Direct Line: the WebSocket stream', () => {
  type StreamedActivity = { id: string; type: string; text?: string };

  /** A stream client that queues every ActivitySet from the start (the backlog can arrive with the handshake). */
  function open(url: string): Promise<{ socket: WebSocket; status?: number; received: StreamedActivity[] }> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url);
      const received: StreamedActivity[] = [];
      socket.on('message', (data) => received.push(...JSON.parse(String(data)).activities));
      socket.once('open', () => resolve({ socket, received }));
      socket.once('unexpected-response', (_req, res) => resolve({ socket, status: res.statusCode, received }));
      socket.once('error', reject);
    });
  }

  async function until(condition: () => boolean, what: string): Promise<void> {
    const deadline = Date.now() + 5000;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  it("refuses a stream URL with no token (401), a bad or another conversation's token (403), or an unknown conversation (404)", async () => {
    const mine = await startConversation();
    const theirs = await startConversation();
    const wsBase = bot.url.replace(/^http/, 'ws');
    const noToken = await open(`${wsBase}/v3/directline/conversations/${mine.conversationId}/stream`);
    expect(noToken.status).toBe(401);
    const badToken = await open(`${wsBase}/v3/directline/conversations/${mine.conversationId}/stream?t=nonsense`);
    expect(badToken.status).toBe(403);
    const theirToken = new URL(theirs.streamUrl).searchParams.get('t');
    const foreign = await open(`${wsBase}/v3/directline/conversations/${mine.conversationId}/stream?t=${theirToken}`);
    expect(foreign.status).toBe(403);
    const unknownId = 'never-started';
    const unknownToken = new DirectLineTokens(TOKEN_KEY).issue({ conversationId: unknownId, userId: 'dl_x', scope: 'stream' }).token;
    const unknown = await open(`${wsBase}/v3/directline/conversations/${unknownId}/stream?t=${unknownToken}`);
    expect(unknown.status).toBe(404);
    const elsewhere = await open(`${wsBase}/somewhere-else`);
    expect(elsewhere.status).toBe(404);
    const garbledId = await open(`${wsBase}/v3/directline/conversations/%E0%A4%A/stream?t=x`);
    expect(garbledId.status).toBe(400);
    const garbledRest = await call('GET', '/conversations/%E0%A4%A/activities', { token: mine.token });
    expect(garbledRest.status).toBeGreaterThanOrEqual(400);
    expect(garbledRest.status).toBeLessThan(500);
  });

  it('sends what follows the watermark, then each new batch in order', async () => {
    const conversation = await startConversation();
    const stream = await open(conversation.streamUrl);
    try {
      await until(() => stream.received.length > 0, 'the backlog');
      expect(stream.received.some((a) => /not a diagnosis/i.test(a.text ?? ''))).toBe(true);
      const backlogSize = stream.received.length;

      const sent = await say(conversation, { type: 'message', text: 'hello' });
      await until(() => stream.received.length >= backlogSize + 2, 'the echo and a reply');
      const live = stream.received.slice(backlogSize);
      expect(live[0].id).toBe(sent.body.id);
      expect(live.every((a) => a.type !== 'trace')).toBe(true);
      const sequences = stream.received.map((a) => Number(a.id.split('|')[1]));
      expect(sequences).toEqual(sequences.map((_, i) => i + 1));
    } finally {
      stream.socket.close();
    }

    // Reconnecting from a watermark replays only what came after it.
    const resumed = await call('GET', `/conversations/${conversation.conversationId}?watermark=1`, { token: conversation.token });
    expect(resumed.status).toBe(200);
    const again = await open(resumed.body.streamUrl);
    try {
      await until(() => again.received.length > 0, 'the replay');
      expect(Number(again.received[0].id.split('|')[1])).toBe(2);
    } finally {
      again.socket.close();
    }
  });
});
