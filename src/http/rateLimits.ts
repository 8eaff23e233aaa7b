/**
 * Per-client and per-conversation rate limits (rate-limiter-flexible, in memory). Over the limit a
 * request gets 429 with Retry-After, so a runaway client or a stuck retry loop cannot starve others.
 * A limit of 0 turns that limit off (the benchmark does this to measure the bot, not the limiter).
 */
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type restify from 'restify';

export interface RateLimitSettings {
  /** Requests per minute from one client address, on every route. */
  perClientPerMinute: number;
  /** Messages per minute in one conversation, on /api/messages. */
  perConversationPerMinute: number;
}

const limiter = (points: number) => (points > 0 ? new RateLimiterMemory({ points, duration: 60 }) : undefined);

function refuse(res: restify.Response, rejection: unknown): void {
  const waitMs = rejection instanceof RateLimiterRes ? rejection.msBeforeNext : 60_000;
  res.header('Retry-After', String(Math.max(1, Math.ceil(waitMs / 1000))));
  res.json(429, { error: 'TooManyRequests', message: 'Too many requests: please slow down and try again shortly.' });
}

export function rateLimitHandler(settings: RateLimitSettings): restify.RequestHandler {
  const perClient = limiter(settings.perClientPerMinute);
  const perConversation = limiter(settings.perConversationPerMinute);
  const check = async (req: restify.Request): Promise<void> => {
    await perClient?.consume(req.socket.remoteAddress ?? 'unknown');
    const conversationId = (req.body as { conversation?: { id?: unknown } } | undefined)?.conversation?.id;
    if (perConversation && req.getPath() === '/api/messages' && typeof conversationId === 'string') {
      await perConversation.consume(conversationId);
    }
  };
  // Callback style on purpose: restify lets only callback handlers stop the chain (next(false)).
  return (req, res, next) => {
    check(req).then(
      () => next(),
      (rejection: unknown) => {
        refuse(res, rejection);
        next(false);
      },
    );
  };
}
