/**
 * Per-client rate limits as an operator deploys them, over real HTTP: behind a trusted proxy each
 * visitor has their own limit, a spoofed X-Forwarded-For buys nothing, probes are never limited, a
 * limited message still gets the emergency number, and several instances on one Redis share the count.
 */
import { startBot, type RunningBot } from '../helpers/runningBot';
import { startTestRedis, type TestRedis } from '../storage/redisServer';

/** A cheap request that counts against the client's limit: an activity the server refuses with 400. */
const poke = (url: string, headers: Record<string, string> = {}) =>
  fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: '{}' });

async function statusesOf(url: string, count: number, headers: Record<string, string> = {}): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < count; i += 1) statuses.push((await poke(url, headers)).status);
  return statuses;
}

describe('one instance', () => {
  let direct: RunningBot;
  let proxied: RunningBot;
  beforeAll(async () => {
    [direct, proxied] = await Promise.all([
      startBot({ RATE_LIMIT_PER_CLIENT: '5' }),
      startBot({ RATE_LIMIT_PER_CLIENT: '5', TRUST_PROXY: '1' }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([direct.stop(), proxied.stop()]);
  });

  it('answers a limited message with 429, Retry-After and the emergency number', async () => {
    await statusesOf(direct.url, 5);
    const refused = await fetch(`${direct.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'message',
        text: "I suddenly can't control my bladder",
        conversation: { id: 'limited' },
        channelId: 'emulator',
        deliveryMode: 'expectReplies',
        from: { id: 'u' },
      }),
    });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await refused.json()) as { message: string }).message).toMatch(/emergency, call 999 now/);
  });

  it('never limits /healthz or /readyz', async () => {
    await statusesOf(direct.url, 6);
    for (let i = 0; i < 20; i += 1) {
      expect((await fetch(`${direct.url}/healthz`)).status).toBe(200);
      expect((await fetch(`${direct.url}/readyz`)).status).not.toBe(429);
    }
  });

  it('without TRUST_PROXY, a made-up X-Forwarded-For does not escape the limit', async () => {
    const statuses = [];
    for (let i = 0; i < 8; i += 1) statuses.push((await poke(direct.url, { 'x-forwarded-for': `198.51.100.${i}` })).status);
    expect(statuses.slice(-1)).toEqual([429]);
  });

  it('with TRUST_PROXY=1, each visitor behind the proxy has their own limit, whatever they prepend', async () => {
    expect(await statusesOf(proxied.url, 6, { 'x-forwarded-for': '203.0.113.1' })).toEqual([400, 400, 400, 400, 400, 429]);
    expect((await poke(proxied.url, { 'x-forwarded-for': '10.9.9.9, 203.0.113.1' })).status).toBe(429);
    expect((await poke(proxied.url, { 'x-forwarded-for': '203.0.113.2' })).status).toBe(400);
  });
});

describe('several instances on one Redis (STORAGE=redis)', () => {
  let redis: TestRedis;
  let first: RunningBot;
  let second: RunningBot;
  beforeAll(async () => {
    redis = await startTestRedis();
    const env = { STORAGE: 'redis', REDIS_URL: redis.url, RATE_LIMIT_PER_CLIENT: '6', TRUST_PROXY: '1' };
    [first, second] = await Promise.all([startBot(env), startBot(env)]);
  }, 30_000);
  afterAll(async () => {
    await Promise.all([first?.stop(), second?.stop()]);
    await redis?.stop();
  });

  it('shares one client count across instances', async () => {
    const visitor = { 'x-forwarded-for': '203.0.113.50' };
    expect(await statusesOf(first.url, 3, visitor)).toEqual([400, 400, 400]);
    expect(await statusesOf(second.url, 3, visitor)).toEqual([400, 400, 400]);
    expect((await poke(first.url, visitor)).status).toBe(429);
    expect((await poke(second.url, visitor)).status).toBe(429);
    expect((await poke(second.url, { 'x-forwarded-for': '203.0.113.51' })).status).toBe(400);
  });
});
