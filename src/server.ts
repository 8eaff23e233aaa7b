/**
 * The HTTP surface: POST /api/messages for the Bot Framework channels, GET /healthz for load balancers.
 * Activities are checked before the adapter sees them, so malformed input gets a 400 with a reason
 * instead of the adapter's 500 or a reply that hangs for want of a serviceUrl.
 */
import type restify from 'restify';
import { randomUUID } from 'node:crypto';
import type { Activity, ActivityHandler } from 'botbuilder';
import type { BotAdapter } from './adapter';
import { clientKeyFor, isLoopback, type ClientKey } from './http/clientKey';
import { refuseEncodedBodies } from './http/encodedBodies';
import { bodyParser, createRestifyServer } from './http/restifyServer';
import { rateLimitHandler, type RateLimitSettings } from './http/rateLimits';

export interface ServerParts {
  adapter: BotAdapter;
  /** True when MicrosoftAppId is set: then a request that fails before the turn runs is refused as 401. */
  authEnabled?: boolean;
  log?: (message: string) => void;
  /** One structured entry per request: id, method, path, status, time. Never bodies or query strings. */
  requestLog?: (entry: Record<string, unknown>) => void;
  bot: ActivityHandler;
  version: string;
  /** Request bodies above this many bytes are refused with 413. */
  maxBodyBytes?: number;
  /** Per-client and per-conversation limits (429 with Retry-After). */
  rateLimits?: RateLimitSettings;
  /** The real client (TRUST_PROXY); without auth only this machine's Emulator may post activities. */
  clientKey?: ClientKey;
  /** Resolves when storage answers; /readyz reports 503 when it rejects or takes over 2 s. */
  checkStorage?: () => Promise<unknown>;
  /** Further routes (channel endpoints, the clinic API...), each registered by the module that owns it. */
  routes?: Array<(server: restify.Server) => void>;
  /** Called once, when the first turn on /api/messages has been answered (start-up is measured to it). */
  onFirstReply?: () => void;
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
  if (activity.text !== undefined && activity.text !== null && typeof activity.text !== 'string')
    return 'the activity text must be a string';
  return null;
}

const FORWARDING_HEADERS = ['x-forwarded-for', 'forwarded', 'x-real-ip'];

/**
 * Without a MicrosoftAppId nobody's identity is checked, so only the Emulator's kind of traffic is
 * taken: from this machine, on the emulator channel, replying in the response or to a local Emulator.
 * Anything claiming a real channel (Slack, Teams, Direct Line) would be a stranger posing as its users,
 * and a serviceUrl elsewhere would make the bot post wherever a stranger points it.
 */
export function describeUnauthenticatedProblem(activity: Record<string, unknown>, client: string, forwarded: boolean): string | null {
  // A proxy on this host makes every visitor's socket look local; the Emulator never sends forwarding headers.
  if (!isLoopback(client) || forwarded) return 'without MicrosoftAppId only local Emulator traffic is accepted';
  if (activity.channelId !== 'emulator') return 'without MicrosoftAppId only the emulator channel is accepted';
  if (activity.deliveryMode === 'expectReplies') return null;
  let host = '';
  try {
    host = new URL(String(activity.serviceUrl)).hostname.replace(/^\[|\]$/g, '');
  } catch {
    // An unparsable serviceUrl is refused below like a remote one.
  }
  return host === 'localhost' || isLoopback(host) ? null : 'without MicrosoftAppId replies go only to a local Emulator';
}

export function createServer(parts: ServerParts): restify.Server {
  const { adapter, bot, version, maxBodyBytes = 256 * 1024, rateLimits, routes = [], authEnabled = false } = parts;
  let onFirstReply = parts.onFirstReply;
  const clientKey = parts.clientKey ?? clientKeyFor(0);
  const log = parts.log ?? (() => undefined);
  const server = createRestifyServer('back-on-track');
  if (parts.requestLog) {
    const requestLog = parts.requestLog;
    server.on('after', (req: restify.Request, res: restify.Response) => {
      requestLog({
        requestId: res.getHeader('x-request-id') ?? req.id(),
        method: req.method,
        path: req.getPath(),
        status: res.statusCode,
        ms: Math.round(Date.now() - req.time()),
      });
    });
  }
  server.pre(refuseEncodedBodies());
  server.use(bodyParser({ maxBodySize: maxBodyBytes, mapParams: false }));
  if (rateLimits) server.use(rateLimitHandler(rateLimits));

  server.get('/healthz', (_req, res, next) => {
    res.json(200, { status: 'ok', name: 'back-on-track', version, uptimeSeconds: Math.round(process.uptime()) });
    return next();
  });

  // Readiness, unlike /healthz (liveness): can this instance serve a turn now? A turn needs storage.
  server.get('/readyz', async (_req, res) => {
    const check = parts.checkStorage ?? (async () => undefined);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), 2_000)));
    try {
      await Promise.race([check(), timeout]);
      res.json(200, { status: 'ready', storage: 'ok' });
    } catch {
      res.json(503, { status: 'not ready', storage: 'unreachable' });
    } finally {
      clearTimeout(timer);
    }
  });

  server.post('/api/messages', async (req, res) => {
    const problem = describeActivityProblem(req.body);
    if (problem) {
      res.json(400, { error: 'BadRequest', message: problem });
      return;
    }
    const requestId = randomUUID().slice(0, 8);
    res.header('x-request-id', requestId);
    const unauthenticated = authEnabled
      ? null
      : describeUnauthenticatedProblem(
          req.body as Record<string, unknown>,
          clientKey(req),
          FORWARDING_HEADERS.some((name) => req.headers[name] !== undefined),
        );
    if (unauthenticated) {
      log(`request ${requestId} refused: ${unauthenticated}`);
      res.json(401, { error: 'Unauthorized', message: `This request could not be authenticated: ${unauthenticated}.`, requestId });
      return;
    }
    const authHeader = req.header('authorization') ?? '';
    try {
      const response = await adapter.handleActivity(authHeader, req.body as Activity, (context) => bot.run(context));
      res.status(response?.status ?? 200);
      if (response?.body !== undefined) res.json(response.status ?? 200, response.body);
      else res.end();
      if (onFirstReply) {
        onFirstReply();
        onFirstReply = undefined;
      }
    } catch (error) {
      // Turn errors are handled inside the turn (onTurnError); what reaches here failed before the turn:
      // authentication (a missing, forged or unverifiable token) or the protocol itself.
      const err = error as Error & { statusCode?: number };
      log(`request ${requestId} refused: ${err.name}${err.statusCode ? ` (${err.statusCode})` : ''}`);
      if (authEnabled || err.statusCode === 401) {
        res.json(401, { error: 'Unauthorized', message: 'This request could not be authenticated.', requestId });
      } else {
        res.json(500, { error: 'InternalError', message: 'Something went wrong on our side. Please try again.', requestId });
      }
    }
  });

  for (const register of routes) register(server);

  return server;
}
