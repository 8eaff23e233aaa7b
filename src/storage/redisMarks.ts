/**
 * First-time marks in Redis, shared by every bot instance: SET key NX PX ttl is one atomic command, so of
 * two instances given the same delivery exactly one gets "OK"; Redis expires the mark itself.
 */
import type { FirstTimeMarks } from './firstTimeMarks';
import { timedRedisCall, type RedisClient } from './redisStorage';

export class RedisMarks implements FirstTimeMarks {
  constructor(
    private readonly client: RedisClient,
    private readonly options: { keyPrefix?: string; timeoutMs?: number } = {},
  ) {}

  async firstTime(key: string, ttlMs: number): Promise<boolean> {
    const redisKey = `${this.options.keyPrefix ?? 'back-on-track:'}mark:${key}`;
    const reply = await timedRedisCall(
      'mark',
      this.options.timeoutMs ?? 2000,
      this.client.set(redisKey, '1', { condition: 'NX', expiration: { type: 'PX', value: Math.max(1, Math.round(ttlMs)) } }),
    );
    return reply === 'OK';
  }
}
