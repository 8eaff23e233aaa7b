/**
 * The self-hosted Direct Line, assembled: tokens, the in-memory conversations, the REST routes and the
 * WebSocket streams, all running turns through the app's own adapter and bot. Used when no Azure
 * Direct Line is configured, so `npm start` alone gives a working website chat.
 */
import type { ActivityHandler, CloudAdapter } from 'botbuilder';
import type restify from 'restify';
import { ConversationStore, DEFAULT_CONVERSATION_LIMITS, type ConversationStoreLimits } from './conversationStore';
import { registerDirectLineRoutes } from './directLineRoutes';
import { DirectLineService } from './directLineService';
import { attachDirectLineStreams, type DirectLineStreams } from './directLineStream';
import { DirectLineTokens } from './directLineTokens';
import { inProcessTurnRunner } from './inProcessTurn';

export interface SelfHostedDirectLineParts {
  adapter: CloudAdapter;
  bot: ActivityHandler;
  /** HMAC key for tokens (DIRECT_LINE_TOKEN_SECRET); random per process when absent. */
  tokenKey?: string;
  log: (message: string) => void;
  limits?: Partial<ConversationStoreLimits>;
}

export interface SelfHostedDirectLine {
  service: DirectLineService;
  register(server: restify.Server): void;
  close(): void;
}

export function createSelfHostedDirectLine(parts: SelfHostedDirectLineParts): SelfHostedDirectLine {
  const store = new ConversationStore({ ...DEFAULT_CONVERSATION_LIMITS, ...parts.limits });
  const service = new DirectLineService(new DirectLineTokens(parts.tokenKey), store, inProcessTurnRunner(parts.adapter, parts.bot), parts.log);
  let streams: DirectLineStreams | undefined;
  return {
    service,
    register: (server) => {
      registerDirectLineRoutes(server, service);
      streams = attachDirectLineStreams(server, service);
    },
    close: () => {
      streams?.close();
      store.close();
    },
  };
}
