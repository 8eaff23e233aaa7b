/**
 * One Direct Line conversation as the client sees it: the ordered activity log with monotonic ids and
 * watermarks, the open streams listening to it, and a queue that runs the bot's turns one at a time.
 * Only the log lives here; what the bot remembers is in the bot's own storage. The log is bounded in
 * count and in bytes (a long chat of big cards must not grow without end), and can be saved as a
 * snapshot and restored from one, so a chat survives a restart of the server.
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
  /** The activity's size as JSON, counted against the byte bound. */
  bytes: number;
}

export interface LogBounds {
  maxActivities: number;
  maxBytes: number;
}

/** What is saved of a conversation: enough to serve the same ids, watermarks and transcript again. */
export interface ConversationSnapshot {
  userId: string;
  sequence: number;
  lastTimestampMs: number;
  activities: Array<{ sequence: number; activity: ClientActivity }>;
}

export class DirectLineConversation {
  lastUsed: number;
  private sequence = 0;
  private lastTimestampMs = 0;
  private log: LogEntry[] = [];
  private logBytes = 0;
  private readonly listeners = new Set<ConversationListener>();
  private turns: Promise<unknown> = Promise.resolve();
  /** Called after the log changed (the store saves it). */
  onChange: () => void = () => undefined;

  constructor(
    readonly id: string,
    readonly userId: string,
    private readonly bounds: LogBounds,
    private readonly now: () => number,
  ) {
    this.lastUsed = now();
  }

  static restore(id: string, snapshot: ConversationSnapshot, bounds: LogBounds, now: () => number): DirectLineConversation {
    const conversation = new DirectLineConversation(id, snapshot.userId, bounds, now);
    conversation.sequence = snapshot.sequence;
    conversation.lastTimestampMs = snapshot.lastTimestampMs;
    for (const { sequence, activity } of snapshot.activities) conversation.push({ sequence, activity, bytes: jsonBytes(activity) });
    conversation.trim();
    return conversation;
  }

  snapshot(): ConversationSnapshot {
    return {
      userId: this.userId,
      sequence: this.sequence,
      lastTimestampMs: this.lastTimestampMs,
      activities: this.log.map(({ sequence, activity }) => ({ sequence, activity })),
    };
  }

  /** Gives each activity the next id and a strictly later timestamp (Web Chat orders by it), logs it and tells the streams. */
  append(activities: Array<Record<string, unknown>>): ClientActivity[] {
    if (activities.length === 0) return [];
    const stored = activities.map((activity) => {
      this.sequence += 1;
      this.lastTimestampMs = Math.max(this.now(), this.lastTimestampMs + 1);
      const logged = {
        ...activity,
        id: `${this.id}|${String(this.sequence).padStart(7, '0')}`,
        timestamp: new Date(this.lastTimestampMs).toISOString(),
      } as ClientActivity;
      this.push({ sequence: this.sequence, activity: logged, bytes: jsonBytes(logged) });
      return logged;
    });
    // Old activities drop off; a client that far behind gets what is left (its watermark still works).
    this.trim();
    const set: ActivitySet = { activities: stored, watermark: String(this.sequence) };
    for (const listener of this.listeners) listener.onActivities(set);
    this.onChange();
    return stored;
  }

  /** Empties the log ("forget me"); ids and watermarks keep counting, so open clients stay in step. */
  clear(): void {
    this.log = [];
    this.logBytes = 0;
    this.onChange();
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

  get bytes(): number {
    return this.logBytes;
  }

  get listenerCount(): number {
    return this.listeners.size;
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

  private push(entry: LogEntry): void {
    this.log.push(entry);
    this.logBytes += entry.bytes;
  }

  /** Drops the oldest entries past either bound; the newest one always stays, whatever its size. */
  private trim(): void {
    let drop = 0;
    let bytes = this.logBytes;
    while (drop < this.log.length - 1 && (this.log.length - drop > this.bounds.maxActivities || bytes > this.bounds.maxBytes)) {
      bytes -= this.log[drop].bytes;
      drop += 1;
    }
    if (drop > 0) {
      this.log.splice(0, drop);
      this.logBytes = bytes;
    }
  }
}

function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value));
}
