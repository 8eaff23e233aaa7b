/**
 * A paused Redis (here: the real server stopped with SIGSTOP, so it accepts bytes but never answers)
 * fails a turn's storage call within the timeout, instead of holding the turn for as long as it stays
 * paused; once Redis resumes, calls work again.
 */
import { connectRedis } from '../../src/storage/redisConnection';
import { RedisStorage, StorageTimeoutError } from '../../src/storage/redisStorage';
import { startTestRedis, type TestRedis } from './redisServer';

jest.setTimeout(30_000);

let redis: TestRedis;
beforeAll(async () => {
  redis = await startTestRedis();
});
afterAll(async () => {
  if (redis.pid) process.kill(redis.pid, 'SIGCONT');
  await redis.stop();
});

it('gives up on a paused Redis within the timeout, and works again once it resumes', async () => {
  if (!redis.pid) return; // A Redis given from outside cannot be paused from here.
  const connection = connectRedis(redis.url, () => undefined);
  await connection.ready;
  const storage = new RedisStorage(connection.client, { keyPrefix: `timeout-${Date.now()}:`, timeoutMs: 500 });
  try {
    await storage.write({ k: { v: 1 } });
    process.kill(redis.pid, 'SIGSTOP');
    const started = Date.now();
    const read = await storage.read(['k']).then(
      () => null,
      (error: Error) => error,
    );
    const waited = Date.now() - started;
    expect(read).toBeInstanceOf(StorageTimeoutError);
    expect(waited).toBeLessThan(1500);
    await expect(storage.write({ k: { v: 2 } })).rejects.toBeInstanceOf(StorageTimeoutError);
    process.kill(redis.pid, 'SIGCONT');
    expect((await storage.read(['k'])).k?.v).toBeGreaterThanOrEqual(1);
  } finally {
    process.kill(redis.pid, 'SIGCONT');
    await connection.close();
  }
});
