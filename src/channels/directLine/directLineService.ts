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
import type { TurnRunner } from './inProcessTurn';

/** Azure's response shape for tokens/generate and tokens/refresh; directlinejs and Web Chat expect these names. */
export interface ConversationToken {
  conversationId: string;
  token: string;
  expires_in: number;
}

export class DirectLineService {
  constructor(
    readonly tokens: DirectLineTokens,
    private readonly store: ConversationStore,
    private readonly runTurn: TurnRunner,
    private readonly log: (message: string) => void,
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

  find(conversationId: string): DirectLineConversation | undefined {
    return this.store.get(conversationId);
  }

  /**
   * Starts the token's conversation, or returns it when it is already running (a page reload with the
   * same token must not greet twice). A new one gets a conversationUpdate so the bot says hello.
   */
  async startConversation(claims: TokenClaims, locale: string | undefined): Promise<{ conversation: DirectLineConversation; created: boolean }> {
    const existing = this.store.get(claims.conversationId);
    if (existing) return { conversation: existing, created: false };
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
    const replies = await this.runTurn(activity);
    conversation.append(replies.filter(isDeliverableToClient).map((reply) => toClientReply(reply, conversation.id, conversation.userId)));
  }

  private conversationToken(claims: TokenClaims): ConversationToken {
    const issued = this.tokens.issue({ ...claims, scope: 'conversation' });
    return { conversationId: claims.conversationId, token: issued.token, expires_in: issued.expiresIn };
  }
}
