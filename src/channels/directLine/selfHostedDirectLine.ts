/**
 * The self-hosted Direct Line, assembled: tokens, the conversations (cached in memory, saved in the
 * bot's own storage), the REST routes and the WebSocket streams, all running turns through the app's
 * own adapter and bot. Used when no Azure Direct Line is configured, so `npm start` alone gives a
 * working website chat.
 */
import type { ActivityHandler, Storage } from 'botbuilder';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import type restify from 'restify';
import type { BotAdapter } from '../../adapter';
import { clientKeyFor, type ClientKey } from '../../http/clientKey';
import { ConversationStore, DEFAULT_CONVERSATION_LIMITS, type ConversationStoreLimits } from './conversationStore';
import { registerDirectLineRoutes } from './directLineRoutes';
import { DirectLineService, type ConversationCreationLimit } from './directLineService';
import { attachDirectLineStreams, DEFAULT_MAX_STREAMS_PER_CONVERSATION, type DirectLineStreams } from './directLineStream';
import { DirectLineTokens } from './directLineTokens';
import { inProcessTurnRunner } from '../inProcessTurn';

export interface DirectLineClientLimits {
  /** New conversations one client may start per `windowSeconds` (0: no limit). */
  conversationsPerClient: number;
  windowSeconds: number;
  streamsPerConversation: number;
}

/**
 * A reload or a new page resumes the open chat rather than starting one, so a visitor starts only a
 * few; 20 in 10 minutes leaves room for a shared office address.
 */
export const DEFAULT_CLIENT_LIMITS: DirectLineClientLimits = {
  conversationsPerClient: 20,
  windowSeconds: 600,
  streamsPerConversation: DEFAULT_MAX_STREAMS_PER_CONVERSATION,
};

export interface SelfHostedDirectLineParts {
  adapter: BotAdapter;
  bot: ActivityHandler;
  /** HMAC key for tokens (DIRECT_LINE_TOKEN_SECRET); random per process when absent. */
  tokenKey?: string;
  /** Where conversation logs are saved (the bot's conversation store); without it they live in memory only. */
  storage?: Storage;
  /** The real client behind a trusted proxy, for the new-conversation limit (the socket's address by default). */
  clientKey?: ClientKey;
  log: (message: string) => void;
  limits?: Partial<ConversationStoreLimits>;
  clientLimits?: Partial<DirectLineClientLimits>;
}

export interface SelfHostedDirectLine {
  service: DirectLineService;
  register(server: restify.Server): void;
  /** Waits until every conversation log is saved. */
  flush(): Promise<void>;
  close(): void;
}

function creationLimit({ conversationsPerClient, windowSeconds }: DirectLineClientLimits): ConversationCreationLimit {
  if (conversationsPerClient <= 0) return { admit: async () => true };
  const limiter = new RateLimiterMemory({ points: conversationsPerClient, duration: windowSeconds });
  return {
    admit: (client) =>
      limiter.consume(client).then(
        () => true,
        () => false,
      ),
  };
}

export function createSelfHostedDirectLine(parts: SelfHostedDirectLineParts): SelfHostedDirectLine {
  const clientLimits = { ...DEFAULT_CLIENT_LIMITS, ...parts.clientLimits };
  const store = new ConversationStore(
    { ...DEFAULT_CONVERSATION_LIMITS, ...parts.limits },
    parts.storage ? { storage: parts.storage, log: parts.log } : undefined,
  );
  const service = new DirectLineService(
    new DirectLineTokens(parts.tokenKey),
    store,
    inProcessTurnRunner(parts.adapter, parts.bot),
    parts.log,
    creationLimit(clientLimits),
  );
  let streams: DirectLineStreams | undefined;
  return {
    service,
    register: (server) => {
      registerDirectLineRoutes(server, service, parts.clientKey ?? clientKeyFor(0));
      streams = attachDirectLineStreams(server, service, clientLimits.streamsPerConversation);
    },
    flush: () => store.flush(),
    close: () => {
      streams?.close();
      store.close();
    },
  };
}
