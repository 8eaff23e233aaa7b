/**
 * Two bot instances (each a real restify server with its own Redis client) behind an imaginary load
 * balancer that alternates: every turn of a conversation lands on the other instance, and nothing the
 * user said may be lost. With per-instance state the second answer would already go astray.
 */
import { randomUUID } from 'node:crypto';
import { postActivity } from '../../src/cli/directPost';
import { startBot, summaryOf, textOf, type RunningBot } from '../helpers/runningBot';
import { startTestRedis, type TestRedis } from './redisServer';
import { routineSymptomCheck } from './symptomCheckScript';

const storageEnv = () => ({ STORAGE: 'redis', REDIS_URL: redis.url });
let redis: TestRedis;
let instances: RunningBot[] = [];

beforeAll(async () => {
  redis = await startTestRedis();
  instances = await Promise.all([startBot(storageEnv()), startBot(storageEnv())]);
  // A redis-server and two bots training their knowledge on start: slow on a busy 2-core machine.
}, 40_000);
afterAll(async () => {
  await Promise.all(instances.map((instance) => instance.stop()));
  await redis?.stop();
});

/** Runs the whole check as one conversation, turn i on instance (i + offset) % 2, checking every reply. */
async function alternatingCheck(offset: number): Promise<string> {
  const conversationId = `multi-instance-${randomUUID()}`;
  const user = { id: `user-${randomUUID().slice(0, 8)}`, name: 'Runner' };
  let reply = '';
  for (const [i, turn] of routineSymptomCheck.entries()) {
    const instance = instances[(i + offset) % 2];
    const replies = await postActivity(instance.url, { type: 'message', conversationId, user, text: turn.says });
    reply = textOf(replies);
    // Naming the turn makes a failure say where the state went missing.
    expect({ turn: i, says: turn.says, reply }).toEqual({ turn: i, says: turn.says, reply: expect.stringMatching(turn.expect) });
    if (i === routineSymptomCheck.length - 1) expect(summaryOf(replies)?.triage).toBe('routine');
  }
  return reply;
}

it('a symptom check answered alternately on instance A and B completes with every answer kept', async () => {
  // Two conversations at once, starting on different instances, so both instances write in between.
  const results = await Promise.all([alternatingCheck(0), alternatingCheck(1)]);
  for (const result of results) expect(result).toMatch(/book a physio/i);
});
