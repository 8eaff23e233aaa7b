/**
 * Per-client and per-conversation rate limits (rate-limiter-flexible). Over the limit a request gets
 * 429 with Retry-After, so a runaway client or a stuck retry loop cannot starve others. The client is
 * the real one behind a trusted proxy (clientKey.ts). With Redis the counts are shared by every bot
 * instance; if Redis cannot answer (down, or paused: no answer within 500 ms), each instance counts in
 * memory meanwhile rather than refusing everyone or holding the request. Health and readiness probes are never limited. A limit of 0 turns that limit off (the
 * benchmark does this to measure the bot, not the limiter).
 */
import {
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  RLWrapperTimeouts,
  type RateLimiterAbstract,
  type RateLimiterCompatibleAbstract,
} from 'rate-limiter-flexible';
import type restify from 'restify';
import type { ClientKey } from './clientKey';

export interface RateLimitSettings {
  /** Requests per minute from one client, on every route but the probes. */
  perClientPerMinute: number;
  /** Messages per minute in one conversation, on /api/messages. */
  perConversationPerMinute: number;
  clientKey: ClientKey;
  /** Said in every 429: a limited message may be an emergency, so the answer carries the emergency line. */
  refusalMessage: string;
  /** A connected node-redis client: counts shared across instances. */
  redis?: unknown;
}

/** Load balancers and orchestrators probe these often, from one address. */
export const UNLIMITED_PATHS = new Set(['/healthz', '/readyz']);

const REDIS_ANSWER_MS = 500;

function limiter(points: number, name: string, redis: unknown): RateLimiterAbstract | RateLimiterCompatibleAbstract | undefined {
  if (points <= 0) return undefined;
  const memory = new RateLimiterMemory({ points, duration: 60, keyPrefix: name });
  if (!redis) return memory;
  const shared = new RateLimiterRedis({
    storeClient: redis,
    useRedisPackage: true,
    rejectIfRedisNotReady: true,
    points,
    duration: 60,
    keyPrefix: `rate-limit:${name}`,
    insuranceLimiter: memory,
  });
  // A connected but silent Redis never fails a command: without a timeout the request would wait for it.
  return new RLWrapperTimeouts({ limiter: shared, timeoutMs: REDIS_ANSWER_MS, insuranceLimiter: memory });
}

export function rateLimitHandler(settings: RateLimitSettings): restify.RequestHandler {
  const perClient = limiter(settings.perClientPerMinute, 'client', settings.redis);
  const perConversation = limiter(settings.perConversationPerMinute, 'conversation', settings.redis);
  const check = async (req: restify.Request): Promise<void> => {
    await perClient?.consume(settings.clientKey(req));
    const conversationId = (req.body as { conversation?: { id?: unknown } } | undefined)?.conversation?.id;
    if (perConversation && req.getPath() === '/api/messages' && typeof conversationId === 'string') {
      await perConversation.consume(conversationId);
    }
  };
  const refuse = (res: restify.Response, rejection: unknown): void => {
    const waitMs = rejection instanceof RateLimiterRes ? rejection.msBeforeNext : 60_000;
    res.header('Retry-After', String(Math.max(1, Math.ceil(waitMs / 1000))));
    res.json(429, { error: 'TooManyRequests', message: settings.refusalMessage });
  };
  // Callback style on purpose: restify lets only callback handlers stop the chain (next(false)).
  return (req, res, next) => {
    if (UNLIMITED_PATHS.has(req.getPath())) return next();
    check(req).then(
      () => next(),
      (rejection: unknown) => {
        refuse(res, rejection);
        next(false);
      },
    );
  };
}
