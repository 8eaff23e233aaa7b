/**
 * Redis paused and Redis stopped under a real bot, over real HTTP: the red-flag screen runs before state
 * is read, so an emergency still gets its escalation; nothing hangs (storage calls have timeouts), and an
 * ordinary message gets the apology with a reference instead of silence, and at LOG_LEVEL=warn the operator
 * sees the outage and that reference.
 */
import { HttpUser, startBot, textOf, type RunningBot } from '../helpers/runningBot';
import { startTestRedis, type TestRedis } from '../storage/redisServer';

jest.setTimeout(40_000);

const EMERGENCY = "I suddenly can't control my bladder and my bum is numb";
let redis: TestRedis;
let bot: RunningBot;
beforeAll(async () => {
  redis = await startTestRedis();
  // The log as the operator's logger writes it at LOG_LEVEL=warn.
  bot = await startBot({ STORAGE: 'redis', REDIS_URL: redis.url }, undefined, { levelled: true });
}, 30_000);
afterAll(async () => {
  await bot?.stop().catch(() => undefined);
  await redis?.stop();
});

/** The turn's replies and how long the HTTP round trip took (ms). */
async function timedSay(text: string): Promise<{ text: string; ms: number }> {
  const started = performance.now();
  const replies = await new HttpUser(bot.url).say(text);
  return { text: textOf(replies), ms: performance.now() - started };
}

it('with Redis paused, an emergency is escalated and an ordinary message apologised for, neither waiting on Redis', async () => {
  if (!redis.pid) return; // A Redis given from outside cannot be paused from here.
  process.kill(redis.pid, 'SIGSTOP');
  try {
    const emergency = await timedSay(EMERGENCY);
    expect(emergency.text).toMatch(/999/);
    const ordinary = await timedSay('how often should I replace my running shoes?');
    expect(ordinary.text).toMatch(/something went wrong/i);
    // The storage timeout is 2 s; without one the turn would wait as long as Redis stays paused.
    for (const turn of [emergency, ordinary]) expect(turn.ms).toBeLessThan(6000);
  } finally {
    process.kill(redis.pid, 'SIGCONT');
  }
  expect((await timedSay('how often should I replace my running shoes?')).text).toMatch(/300/);
});

it('with Redis stopped, an emergency is still escalated and an ordinary message apologised for', async () => {
  await redis.stop();
  expect((await timedSay(EMERGENCY)).text).toMatch(/999/);
  const ordinary = (await timedSay('how often should I replace my running shoes?')).text;
  expect(ordinary).toMatch(/something went wrong/i);
  // At LOG_LEVEL=warn the operator sees the outage, and the reference the user was given matches a line.
  const reference = ordinary.match(/ref ([0-9a-f]{8})/)?.[1];
  const warnings = bot.logs.map((line) => JSON.parse(line) as { level: number; msg: string }).filter((line) => line.level >= 40);
  expect(warnings.some(({ msg }) => /Redis error/.test(msg))).toBe(true);
  expect(warnings.some(({ msg }) => msg.startsWith(`turn error ${reference}`))).toBe(true);
});
