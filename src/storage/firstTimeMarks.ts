/**
 * "Have we had this one already?" for deliveries that can arrive twice: Slack retries an event with the
 * same event_id, and a captured signed request can be replayed while its signature is fresh. Kept where
 * the bot keeps its state, so the answer holds across a restart (lowdb: fileMarks.ts) and across
 * instances (Redis: redisMarks.ts); in memory only with STORAGE=memory.
 */
export interface FirstTimeMarks {
  /** True the first time `key` is offered within `ttlMs` (and marks it), false for a repeat. */
  firstTime(key: string, ttlMs: number): Promise<boolean>;
  /** Deletes marks past their expiry (backends that do not expire keys themselves); returns how many. */
  purgeExpired?(now: Date, signal?: AbortSignal): Promise<number>;
}

/** Marks in this process only: bounded, oldest first out, so a flood cannot grow it without limit. */
export class MemoryMarks implements FirstTimeMarks {
  private readonly expiresAt = new Map<string, number>();

  constructor(private readonly maxEntries = 10_000) {}

  async firstTime(key: string, ttlMs: number, now = Date.now()): Promise<boolean> {
    const expiry = this.expiresAt.get(key);
    if (expiry !== undefined && expiry > now) return false;
    this.expiresAt.delete(key);
    this.expiresAt.set(key, now + ttlMs);
    if (this.expiresAt.size > this.maxEntries) this.expiresAt.delete(this.expiresAt.keys().next().value!);
    return true;
  }
}
