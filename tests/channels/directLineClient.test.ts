/**
 * The self-hosted Direct Line against the real botframework-directlinejs client, both ways Web Chat
 * can use it: the WebSocket stream and GET polling with watermarks. Turns run through the same bot as
 * /api/messages, so the greeting, sourced answers and escalations are the real ones.
 */
import jwt from 'jsonwebtoken';
import { startBot, type RunningBot } from '../helpers/runningBot';
import { DirectLineTestClient, fetchPageToken, replyToOf, textOf, type PageToken } from './directLineTestClient';

let bot: RunningBot;
const clients: DirectLineTestClient[] = [];

beforeAll(async () => {
  bot = await startBot();
});
afterEach(() => {
  for (const client of clients.splice(0)) client.close();
});
afterAll(async () => {
  await bot.stop();
});

function connect(session: PageToken, webSocket: boolean, extra: { conversationId?: string } = {}): DirectLineTestClient {
  const client = new DirectLineTestClient({ token: session.token, domain: session.domain, webSocket, pollingInterval: 200, ...extra });
  clients.push(client);
  return client;
}

const sequenceOf = (id: string | undefined): number => Number(id?.split('|')[1]);

describe('self-hosted Direct Line with the real directlinejs client', () => {
  it('over the WebSocket stream: greets, echoes the message as sent by the token user, answers with sources, never sends traces', async () => {
    const session = await fetchPageToken(bot.url);
    expect(session.domain).toBe(`${bot.url}/v3/directline`);
    const client = connect(session, true);
    // directlinejs quietly falls back to polling when it finds no WebSocket: make sure this is the stream.
    expect((client.directLine as unknown as { webSocket: boolean }).webSocket).toBe(true);

    const greeting = await client.waitFor((a) => a.type === 'message' && /not a diagnosis/i.test(textOf(a)), 'greeting');
    expect(textOf(greeting)).toContain('999');

    const id = await client.send('is it worth getting a back brace for running?');
    expect(id).toMatch(new RegExp(`^${session.conversationId}\\|\\d{7}$`));
    const echo = await client.waitFor((a) => a.id === id, 'echo of the message');
    // The page said "page-chosen-id"; the token's user wins, so nobody can post as someone else.
    expect(echo.from).toMatchObject({ id: expect.stringMatching(/^dl_/), role: 'user' });
    const answer = await client.waitFor((a) => a.type === 'message' && replyToOf(a) === id, 'answer to the message');
    expect(textOf(answer)).toMatch(/Sources?:/);

    const ids = client.received.map((a) => sequenceOf(a.id));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(ids.length);
    expect(client.received.some((a) => a.type === ('trace' as string))).toBe(false);
  });

  it('escalates a red flag at once over the stream', async () => {
    const client = connect(await fetchPageToken(bot.url), true);
    await client.waitFor((a) => a.type === 'message', 'greeting');
    const id = await client.send("I can't pee and my legs are numb");
    const escalation = await client.waitFor((a) => replyToOf(a) === id, 'escalation');
    expect(textOf(escalation)).toContain('999');
  });

  it('by polling: pages with the watermark, so each activity arrives once and in order', async () => {
    const session = await fetchPageToken(bot.url);
    const client = connect(session, false);
    await client.waitFor((a) => a.type === 'message' && /not a diagnosis/i.test(textOf(a)), 'greeting by polling');
    const first = await client.send('hello');
    await client.waitFor((a) => replyToOf(a) === first, 'reply to hello');
    const second = await client.send('what exercises help lower back pain');
    await client.waitFor((a) => replyToOf(a) === second, 'reply to the question');

    const ids = client.received.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.map(sequenceOf)).toEqual(ids.map((_, index) => index + 1));
  });

  it('refreshes a token and resumes the same conversation with it (reconnect with a watermark)', async () => {
    const session = await fetchPageToken(bot.url);
    const first = connect(session, true);
    await first.waitFor((a) => a.type === 'message', 'greeting');
    const asked = await first.send('hello');
    await first.waitFor((a) => replyToOf(a) === asked, 'reply');
    first.close();

    const refreshed = await fetch(`${session.domain}/tokens/refresh`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${session.token}` },
    });
    expect(refreshed.status).toBe(200);
    const renewed = (await refreshed.json()) as { token: string; conversationId: string; expires_in: number };
    expect(renewed.conversationId).toBe(session.conversationId);
    const claims = (token: string) => jwt.decode(token) as { conv: string; user: string; exp: number };
    expect(claims(renewed.token)).toMatchObject({ conv: session.conversationId, user: claims(session.token).user });
    expect(claims(renewed.token).exp).toBeGreaterThanOrEqual(claims(session.token).exp);
    expect(renewed.expires_in).toBeGreaterThan(60);

    // With a conversationId, directlinejs reconnects (GET /conversations/:id) instead of starting anew.
    const resumed = connect({ ...session, token: renewed.token }, true, { conversationId: session.conversationId });
    const again = await resumed.send('thanks');
    await resumed.waitFor((a) => replyToOf(a) === again, 'reply after resuming');
    // The whole conversation is still there and the bot did not greet a second time.
    const greetings = resumed.received.filter((a) => /not a diagnosis/i.test(textOf(a)) && a.from.role === 'bot');
    expect(greetings).toHaveLength(1);
    expect(resumed.received.some((a) => a.id === asked)).toBe(true);
  });
});
