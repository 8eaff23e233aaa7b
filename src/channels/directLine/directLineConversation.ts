/**
 * One Direct Line conversation as the client sees it: the ordered activity log with monotonic ids and
 * watermarks, the open streams listening to it, and a queue that runs the bot's turns one at a time.
 * Only the log lives here; what the bot remembers is in the bot's own storage.
 */
export type ClientActivity = Record<string, unknown> & { id: string; type: string; timestamp: string };

export interface ActivitySet {
  activities: ClientActivity[];
  /** The sequence number of the last activity delivered; the client sends it back to get what follows. */
  watermark?: string;
}

export interface ConversationListener {
  onActivities(set: ActivitySet): void;
  /** The conversation was evicted (idle or store full): streams close so clients stop waiting on it. */
  onClose(): void;
}

interface LogEntry {
  sequence: number;
  activity: ClientActivity;
}

export class DirectLineConversation {
  lastUsed: number;
  private sequence = 0;
  private lastTimestampMs = 0;
  private readonly log: LogEntry[] = [];
  private readonly listeners = new Set<ConversationListener>();
  private turns: Promise<unknown> = Promise.resolve();

  constructor(
    readonly id: string,
    readonly userId: string,
    private readonly maxLoggedActivities: number,
    private readonly now: () => number,
  ) {
    this.lastUsed = now();
  }

  /** Gives each activity the next id and a strictly later timestamp (Web Chat orders by it), logs it and tells the streams. */
  append(activities: Array<Record<string, unknown>>): ClientActivity[] {
    if (activities.length === 0) return [];
    const stored = activities.map((activity) => {
      this.sequence += 1;
      this.lastTimestampMs = Math.max(this.now(), this.lastTimestampMs + 1);
      const entry: LogEntry = {
        sequence: this.sequence,
        activity: { ...activity, id: `${this.id}|${String(this.sequence).padStart(7, '0')}`, timestamp: new Date(this.lastTimestampMs).toISOString() } as ClientActivity,
      };
      this.log.push(entry);
      return entry.activity;
    });
    // Old activities drop off; a client that far behind gets what is left (its watermark still works).
    if (this.log.length > this.maxLoggedActivities) this.log.splice(0, this.log.length - this.maxLoggedActivities);
    const set: ActivitySet = { activities: stored, watermark: String(this.sequence) };
    for (const listener of this.listeners) listener.onActivities(set);
    return stored;
  }

  /** Activities after `watermark` (none given: from the start), at most `limit`; the client pages with the returned watermark. */
  activitiesAfter(watermark: number | undefined, limit: number): ActivitySet {
    const from = watermark ?? 0;
    const page = this.log.filter((entry) => entry.sequence > from).slice(0, limit);
    const last = page.at(-1)?.sequence ?? watermark;
    return { activities: page.map((entry) => entry.activity), watermark: last === undefined ? undefined : String(last) };
  }

  /** The current watermark: the sequence number of the newest activity. */
  get watermark(): number {
    return this.sequence;
  }

  subscribe(listener: ConversationListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Runs the turns of one conversation in the order they arrived, so state writes cannot overtake each other. */
  inTurn<T>(task: () => Promise<T>): Promise<T> {
    const result = this.turns.then(task);
    this.turns = result.catch(() => undefined);
    return result;
  }

  close(): void {
    for (const listener of [...this.listeners]) listener.onClose();
    this.listeners.clear();
  }
}
