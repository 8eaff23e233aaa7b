/**
 * The self-hosted Direct Line's conversations. In memory they are a bounded cache: at most
 * `maxConversations` (the least recently used goes first), none idle for longer than `idleMs`, each
 * log bounded in count and bytes. With a Storage (the bot's own conversation store: lowdb, Redis or
 * memory) every log is also saved there, so a conversation dropped from memory, or a whole server
 * restart, costs the visitor nothing: the next request loads it again. Saved logs are purged with the
 * rest of the store (retention) and deleted by "forget me".
 */
import type { Storage } from 'botbuilder';
import { DirectLineConversation, type ConversationSnapshot, type LogBounds } from './directLineConversation';

export interface ConversationStoreLimits {
  maxConversations: number;
  idleMs: number;
  maxLoggedActivities: number;
  /** Per conversation, counted as JSON: a chat of big cards stays within it. */
  maxLogBytes: number;
  now: () => number;
}

export const DEFAULT_CONVERSATION_LIMITS: ConversationStoreLimits = {
  // 300 x 128 KB bounds the logs in memory to about 40 MB; more conversations live in storage.
  maxConversations: 300,
  // Longer than a token's 30 minutes, so a visitor who reads for a while and refreshes keeps the chat.
  idleMs: 60 * 60 * 1000,
  maxLoggedActivities: 500,
  maxLogBytes: 128 * 1024,
  now: Date.now,
};

export interface LogPersistence {
  storage: Storage;
  /** Failures to save are reported, not thrown: the chat goes on from memory. */
  log: (message: string) => void;
}

/** The storage key of a conversation's log; the prefix keeps it apart from the bot's own state keys. */
export const activityLogKey = (conversationId: string): string => `directline-log/${conversationId}`;

export class ConversationStore {
  /** Map order is recency order: get() moves a conversation to the end. */
  private readonly conversations = new Map<string, DirectLineConversation>();
  private readonly loading = new Map<string, Promise<DirectLineConversation | undefined>>();
  /** Per conversation: the save running now, and whether another is needed after it. */
  private readonly saves = new Map<string, { running: Promise<void>; again: boolean }>();
  private readonly sweeper: NodeJS.Timeout;
  private readonly bounds: LogBounds;

  constructor(
    private readonly limits: ConversationStoreLimits = DEFAULT_CONVERSATION_LIMITS,
    private readonly persistence?: LogPersistence,
  ) {
    this.bounds = { maxActivities: limits.maxLoggedActivities, maxBytes: limits.maxLogBytes };
    this.sweeper = setInterval(() => this.evictIdle(), Math.max(1000, Math.min(limits.idleMs, 60_000)));
    // The sweeper alone must not keep the process (or a test run) alive.
    this.sweeper.unref();
  }

  get size(): number {
    return this.conversations.size;
  }

  create(id: string, userId: string): DirectLineConversation {
    return this.admit(new DirectLineConversation(id, userId, this.bounds, this.limits.now));
  }

  /** The conversation from memory, or else from storage; counts as a use. */
  async get(id: string): Promise<DirectLineConversation | undefined> {
    const cached = this.cached(id);
    if (cached || !this.persistence) return cached;
    let pending = this.loading.get(id);
    if (!pending) {
      pending = this.load(id).finally(() => this.loading.delete(id));
      this.loading.set(id, pending);
    }
    return pending;
  }

  /** Deletes the conversation's saved log and empties the one in memory ("forget me"). */
  async forget(id: string): Promise<void> {
    this.conversations.get(id)?.clear();
    await this.saves.get(id)?.running;
    await this.persistence?.storage.delete([activityLogKey(id)]);
  }

  evictIdle(): void {
    for (const [id, conversation] of this.conversations) {
      if (this.isIdle(conversation)) this.evict(id);
    }
  }

  /** Waits until every log change so far is saved (shutdown calls this before storage closes). */
  async flush(): Promise<void> {
    while (this.saves.size > 0) await Promise.allSettled([...this.saves.values()].map((save) => save.running));
  }

  close(): void {
    clearInterval(this.sweeper);
    for (const id of [...this.conversations.keys()]) this.evict(id);
  }

  private cached(id: string): DirectLineConversation | undefined {
    const conversation = this.conversations.get(id);
    if (!conversation) return undefined;
    if (this.isIdle(conversation)) {
      this.evict(id);
      return undefined;
    }
    conversation.lastUsed = this.limits.now();
    this.conversations.delete(id);
    this.conversations.set(id, conversation);
    return conversation;
  }

  private async load(id: string): Promise<DirectLineConversation | undefined> {
    const key = activityLogKey(id);
    // A copy just dropped from memory may still be saving: read what it saved, not what was there before.
    await this.saves.get(id)?.running;
    const items = await this.persistence!.storage.read([key]);
    const snapshot = items[key] as ConversationSnapshot | undefined;
    // Another request may have created or loaded it meanwhile: that one is the live copy.
    const live = this.cached(id);
    if (live) return live;
    if (!isSnapshot(snapshot)) return undefined;
    return this.admit(DirectLineConversation.restore(id, snapshot, this.bounds, this.limits.now), false);
  }

  private admit(conversation: DirectLineConversation, isNew = true): DirectLineConversation {
    this.evictIdle();
    while (this.conversations.size >= this.limits.maxConversations) this.evict(this.leastValuable());
    this.conversations.set(conversation.id, conversation);
    if (this.persistence) {
      conversation.onChange = () => this.save(conversation);
      if (isNew) this.save(conversation);
    }
    return conversation;
  }

  /** The least recently used conversation nobody is watching; failing that, the least recently used. */
  private leastValuable(): string {
    for (const [id, conversation] of this.conversations) if (conversation.listenerCount === 0) return id;
    return this.conversations.keys().next().value as string;
  }

  /** Saves run one at a time per conversation; changes made during one are saved together by the next. */
  private save(conversation: DirectLineConversation): void {
    const pending = this.saves.get(conversation.id);
    if (pending) {
      pending.again = true;
      return;
    }
    const entry = { running: Promise.resolve(), again: false };
    const run = async (): Promise<void> => {
      do {
        entry.again = false;
        try {
          await this.persistence!.storage.write({ [activityLogKey(conversation.id)]: { ...conversation.snapshot(), eTag: '*' } });
        } catch (error) {
          this.persistence!.log(`directline: could not save a conversation's log (${(error as Error).message}); it is kept in memory`);
        }
      } while (entry.again);
      this.saves.delete(conversation.id);
    };
    this.saves.set(conversation.id, entry);
    entry.running = run();
  }

  private isIdle(conversation: DirectLineConversation): boolean {
    return this.limits.now() - conversation.lastUsed > this.limits.idleMs;
  }

  private evict(id: string): void {
    this.conversations.get(id)?.close();
    this.conversations.delete(id);
  }
}

function isSnapshot(value: unknown): value is ConversationSnapshot {
  const snapshot = value as Partial<ConversationSnapshot> | undefined;
  return !!snapshot && typeof snapshot.userId === 'string' && typeof snapshot.sequence === 'number' && Array.isArray(snapshot.activities);
}
