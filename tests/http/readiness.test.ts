/** /readyz checks storage (503 with Redis stopped) while /healthz stays liveness, over real HTTP with a real redis-server. */
import { startBot, type RunningBot } from '../helpers/runningBot';
import { startTestRedis, type TestRedis } from '../storage/redisServer';

let redis: TestRedis;
let bot: RunningBot;
beforeAll(async () => {
  redis = await startTestRedis();
  bot = await startBot({ STORAGE: 'redis', REDIS_URL: redis.url });
}, 30_000);
afterAll(async () => {
  await bot?.stop().catch(() => undefined);
  await redis?.stop();
});

it('is ready with Redis up, not ready (503) with Redis stopped, and alive either way', async () => {
  expect((await fetch(`${bot.url}/readyz`)).status).toBe(200);
  await redis.stop();
  const notReady = await fetch(`${bot.url}/readyz`);
  expect(notReady.status).toBe(503);
  expect(await notReady.json()).toMatchObject({ status: 'not ready' });
  expect((await fetch(`${bot.url}/healthz`)).status).toBe(200);
});
