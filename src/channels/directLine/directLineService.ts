/**
 * The self-hosted Direct Line's behaviour, without HTTP: hand out tokens, start conversations (the bot
 * greets through a conversationUpdate), take a visitor's activity (logged first, so Web Chat sees its
 * own message confirmed, then the bot's replies), refresh tokens. The routes and the stream are thin
 * layers over this.
 */
import { randomBytes } from 'node:crypto';
import type { ConversationStore } from './conversationStore';
import { BOT_ACCOUNT, CHANNEL_ID, fromVisitor, isDeliverableToClient, toClientReply, type PostedActivity } from './directLineActivities';
import type { DirectLineConversation } from './directLineConversation';
import type { DirectLineTokens, TokenClaims } from './directLineTokens';
import type { TurnRunner } from '../inProcessTurn';

/** Azure's response shape for tokens/generate and tokens/refresh; directlinejs and Web Chat expect these names. */
export interface ConversationToken {
  conversationId: string;
  token: string;
  expires_in: number;
}

/** `conversation` is undefined when the client has started too many conversations lately (answer 429). */
export type StartedConversation = { conversation: DirectLineConversation; created: boolean } | { conversation: undefined; created: false };

export interface ConversationCreationLimit {
  /** True when `client` may start one more conversation now (and counts it). */
  admit(client: string): Promise<boolean>;
}

export class DirectLineService {
  private readonly starting = new Map<string, Promise<StartedConversation>>();

  constructor(
    readonly tokens: DirectLineTokens,
    private readonly store: ConversationStore,
    private readonly runTurn: TurnRunner,
    private readonly log: (message: string) => void,
    private readonly creationLimit: ConversationCreationLimit = { admit: async () => true },
  ) {}

  /**
   * A token for a new conversation with a new anonymous visitor. The visitor cannot choose the user id:
   * anyone may ask for a token, and a chosen id would let them read another visitor's user state.
   */
  generateToken(): ConversationToken {
    const conversationId = randomBytes(16).toString('base64url');
    const userId = `dl_${randomBytes(12).toString('base64url')}`;
    return this.conversationToken({ conversationId, userId, scope: 'conversation' });
  }

  /** The same conversation and user, a later expiry. */
  refreshToken(claims: TokenClaims): ConversationToken {
    return this.conversationToken(claims);
  }

  /** A short-lived token that only opens this conversation's stream. */
  streamToken(conversation: DirectLineConversation): string {
    return this.tokens.issue({ conversationId: conversation.id, userId: conversation.userId, scope: 'stream' }).token;
  }

  /** The conversation, from memory or (after an eviction or a restart) from storage. */
  find(conversationId: string): Promise<DirectLineConversation | undefined> {
    return this.store.get(conversationId);
  }

  /** Waits until every conversation log change is saved. */
  flush(): Promise<void> {
    return this.store.flush();
  }

  /**
   * Starts the token's conversation, or returns it when it is already running (a page reload with the
   * same token must not greet twice). A new one gets a conversationUpdate so the bot says hello.
   */
  startConversation(claims: TokenClaims, locale: string | undefined, client: string): Promise<StartedConversation> {
    // Two starts of one conversation at once (a double click, two tabs) must greet once.
    let starting = this.starting.get(claims.conversationId);
    if (!starting) {
      starting = this.startOnce(claims, locale, client).finally(() => this.starting.delete(claims.conversationId));
      this.starting.set(claims.conversationId, starting);
    }
    return starting;
  }

  private async startOnce(claims: TokenClaims, locale: string | undefined, client: string): Promise<StartedConversation> {
    const existing = await this.store.get(claims.conversationId);
    if (existing) return { conversation: existing, created: false };
    if (!(await this.creationLimit.admit(client))) return { conversation: undefined, created: false };
    const conversation = this.store.create(claims.conversationId, claims.userId);
    const joined = {
      type: 'conversationUpdate',
      id: `${conversation.id}|join`,
      channelId: CHANNEL_ID,
      conversation: { id: conversation.id },
      from: { id: claims.userId, role: 'user' },
      recipient: BOT_ACCOUNT,
      membersAdded: [{ id: claims.userId, role: 'user' }],
      ...(locale ? { locale } : {}),
    };
    try {
      await conversation.inTurn(() => this.deliverTurn(conversation, joined));
    } catch (error) {
      // The chat still works without a greeting; the visitor's first message gets an answer.
      this.log(`directline: the greeting turn failed: ${(error as Error).message}`);
    }
    return { conversation, created: true };
  }

  /**
   * Logs the visitor's activity (the echo Web Chat waits for), then runs the bot's turn and logs the
   * replies. Resolves with the activity's id once the replies are in, as Azure's Direct Line does.
   */
  async postActivity(conversation: DirectLineConversation, posted: PostedActivity, userName: unknown): Promise<string> {
    const [logged] = conversation.append([fromVisitor(posted, conversation.id, conversation.userId, userName)]);
    try {
      await conversation.inTurn(() => this.deliverTurn(conversation, logged));
    } catch (error) {
      this.log(`directline: a turn failed: ${(error as Error).message}`);
      throw error;
    }
    return logged.id;
  }

  private async deliverTurn(conversation: DirectLineConversation, activity: Record<string, unknown>): Promise<void> {
    const { replies, forgotten } = await this.runTurn(activity);
    // "Forget me" deletes the transcript this service keeps too; only the confirmation stays on screen.
    if (forgotten) await this.store.forget(conversation.id);
    conversation.append(replies.filter(isDeliverableToClient).map((reply) => toClientReply(reply, conversation.id, conversation.userId)));
  }

  private conversationToken(claims: TokenClaims): ConversationToken {
    const issued = this.tokens.issue({ ...claims, scope: 'conversation' });
    return { conversationId: claims.conversationId, token: issued.token, expires_in: issued.expiresIn };
  }
}
