/**
 * Event ids seen in the last hour. Slack retries an event it thinks we missed (no 200 within 3 s, or
 * an error), with the same event_id; answering a retry again would send the user every reply twice.
 * Bounded, oldest first out, so a flood cannot grow it without limit.
 */
export class RecentEventIds {
  private readonly seenAt = new Map<string, number>();

  constructor(
    private readonly ttlMs = 60 * 60 * 1000,
    private readonly maxEntries = 10_000,
  ) {}

  /** True the first time an id is offered (within the ttl); false for a repeat. */
  firstTime(eventId: string, now = Date.now()): boolean {
    this.expire(now);
    if (this.seenAt.has(eventId)) return false;
    this.seenAt.set(eventId, now);
    if (this.seenAt.size > this.maxEntries) this.seenAt.delete(this.seenAt.keys().next().value!);
    return true;
  }

  private expire(now: number): void {
    // Insertion order is time order, so the stale ones are at the front.
    for (const [id, at] of this.seenAt) {
      if (now - at < this.ttlMs) break;
      this.seenAt.delete(id);
    }
  }
}
