/**
 * The HTTP surface: POST /api/messages for the Bot Framework channels, GET /healthz for load balancers.
 * Activities are checked before the adapter sees them, so malformed input gets a 400 with a reason
 * instead of the adapter's 500 or a reply that hangs for want of a serviceUrl.
 */
import restify from 'restify';
import type { ActivityHandler, CloudAdapter } from 'botbuilder';
import { rateLimitHandler, type RateLimitSettings } from './http/rateLimits';

export interface ServerParts {
  adapter: CloudAdapter;
  bot: ActivityHandler;
  version: string;
  /** Request bodies above this many bytes are refused with 413. */
  maxBodyBytes?: number;
  /** Per-client and per-conversation limits (429 with Retry-After). */
  rateLimits?: RateLimitSettings;
  /** Further routes (channel endpoints, the clinic API...), each registered by the module that owns it. */
  routes?: Array<(server: restify.Server) => void>;
}

export function describeActivityProblem(body: unknown): string | null {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return 'the body must be a JSON object (an activity)';
  const activity = body as Record<string, unknown>;
  if (typeof activity.type !== 'string' || activity.type === '') return 'the activity has no type';
  const conversation = activity.conversation as Record<string, unknown> | undefined;
  if (!conversation || typeof conversation.id !== 'string' || conversation.id === '') return 'the activity has no conversation.id';
  if (activity.deliveryMode !== 'expectReplies' && (typeof activity.serviceUrl !== 'string' || activity.serviceUrl === '')) {
    return 'the activity has no serviceUrl to reply to (or use deliveryMode "expectReplies")';
  }
  if (activity.text !== undefined && activity.text !== null && typeof activity.text !== 'string') return 'the activity text must be a string';
  return null;
}

export function createServer({ adapter, bot, version, maxBodyBytes = 256 * 1024, rateLimits, routes = [] }: ServerParts): restify.Server {
  const server = restify.createServer({ name: 'back-on-track' });
  server.use(restify.plugins.bodyParser({ maxBodySize: maxBodyBytes, mapParams: false }));
  if (rateLimits) server.use(rateLimitHandler(rateLimits));

  server.get('/healthz', (_req, res, next) => {
    res.json(200, { status: 'ok', name: 'back-on-track', version, uptimeSeconds: Math.round(process.uptime()) });
    return next();
  });

  server.post('/api/messages', async (req, res) => {
    const problem = describeActivityProblem(req.body);
    if (problem) {
      res.json(400, { error: 'BadRequest', message: problem });
      return;
    }
    await adapter.process(req, res, (context) => bot.run(context));
  });

  for (const register of routes) register(server);

  return server;
}
