/**
 * The self-hosted Direct Line's conversations, in memory and bounded: at most `maxConversations`
 * (the least recently used goes first) and none idle for longer than `idleMs`. Evicting one costs
 * the visitor only the open chat window; what the bot knows is in the bot's storage.
 */
import { DirectLineConversation } from './directLineConversation';

export interface ConversationStoreLimits {
  maxConversations: number;
  idleMs: number;
  maxLoggedActivities: number;
  now: () => number;
}

export const DEFAULT_CONVERSATION_LIMITS: ConversationStoreLimits = {
  maxConversations: 1000,
  // Longer than a token's 30 minutes, so a visitor who reads for a while and refreshes keeps the chat.
  idleMs: 60 * 60 * 1000,
  maxLoggedActivities: 500,
  now: Date.now,
};

export class ConversationStore {
  /** Map order is recency order: get() moves a conversation to the end. */
  private readonly conversations = new Map<string, DirectLineConversation>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly limits: ConversationStoreLimits = DEFAULT_CONVERSATION_LIMITS) {
    this.sweeper = setInterval(() => this.evictIdle(), Math.max(1000, Math.min(limits.idleMs, 60_000)));
    // The sweeper alone must not keep the process (or a test run) alive.
    this.sweeper.unref();
  }

  get size(): number {
    return this.conversations.size;
  }

  create(id: string, userId: string): DirectLineConversation {
    this.evictIdle();
    while (this.conversations.size >= this.limits.maxConversations) {
      const oldest = this.conversations.keys().next().value as string;
      this.evict(oldest);
    }
    const conversation = new DirectLineConversation(id, userId, this.limits.maxLoggedActivities, this.limits.now);
    this.conversations.set(id, conversation);
    return conversation;
  }

  /** The conversation if it is still here; counts as a use. */
  get(id: string): DirectLineConversation | undefined {
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

  evictIdle(): void {
    for (const [id, conversation] of this.conversations) {
      if (this.isIdle(conversation)) this.evict(id);
    }
  }

  close(): void {
    clearInterval(this.sweeper);
    for (const id of [...this.conversations.keys()]) this.evict(id);
  }

  private isIdle(conversation: DirectLineConversation): boolean {
    return this.limits.now() - conversation.lastUsed > this.limits.idleMs;
  }

  private evict(id: string): void {
    this.conversations.get(id)?.close();
    this.conversations.delete(id);
  }
}
