/**
 * The REST half of Direct Line 3.0, as Web Chat and directlinejs call it, over DirectLineService.
 * Every refusal is a 4xx in Azure's error shape `{ error: { code, message } }`: 401 for no token, 403
 * for a token that is not ours, expired, or for another conversation, 404 for a conversation that is
 * not (or no longer) here, 400 for an activity we do not take, 413 (restify) for a body that is too big,
 * 429 for a client that starts too many conversations.
 */
import type restify from 'restify';
import { chatCookieOf, setChatCookie } from '../webChat/chatCookie';
import { readPostedActivity } from './directLineActivities';
import type { DirectLineConversation } from './directLineConversation';
import type { DirectLineService } from './directLineService';
import { bearerToken, type TokenClaims } from './directLineTokens';
import type { ClientKey } from '../../http/clientKey';
import { requestOrigin } from './requestOrigin';

export const DIRECT_LINE_PATH = '/v3/directline';
/** At most this many activities per GET; the client asks again from the returned watermark. */
const ACTIVITIES_PER_PAGE = 100;

function sendDirectLineError(res: restify.Response, status: number, code: string, message: string): void {
  res.json(status, { error: { code, message } });
}

function parseWatermark(raw: string | null): { ok: true; value: number | undefined } | { ok: false } {
  if (raw === null || raw === '' || raw === '-') return { ok: true, value: undefined };
  return /^\d{1,15}$/.test(raw) ? { ok: true, value: Number(raw) } : { ok: false };
}

function queryOf(req: restify.Request): URLSearchParams {
  return new URL(req.url ?? '/', 'http://localhost').searchParams;
}

export function registerDirectLineRoutes(server: restify.Server, service: DirectLineService, clientKey: ClientKey): void {
  /** The token's claims when it may be used on `conversationId` (or on any conversation when none is given). */
  const authorise = (req: restify.Request, res: restify.Response, conversationId?: string): TokenClaims | null => {
    const check = service.tokens.check(bearerToken(req.headers.authorization), 'conversation', conversationId);
    if (check.ok) return check.claims;
    sendDirectLineError(res, check.status, check.code, check.message);
    return null;
  };

  /** The conversation named in the path, if the token is for it and it is still here. */
  const conversationOf = async (req: restify.Request, res: restify.Response): Promise<DirectLineConversation | null> => {
    const conversationId = String(req.params.conversationId);
    if (!authorise(req, res, conversationId)) return null;
    let conversation: DirectLineConversation | undefined;
    try {
      conversation = await service.find(conversationId);
    } catch {
      sendDirectLineError(res, 503, 'ServiceUnavailable', 'the chat store cannot be reached right now; please try again shortly');
      return null;
    }
    if (!conversation) {
      sendDirectLineError(res, 404, 'NotFound', 'no such conversation (it may have ended after a long pause): start a new one');
      return null;
    }
    return conversation;
  };

  /** What start and reconnect answer: a fresh token and a stream URL that replays from `watermark`. */
  const conversationDescription = (req: restify.Request, conversation: DirectLineConversation, watermark?: number) => {
    const query = new URLSearchParams({ t: service.streamToken(conversation) });
    if (watermark !== undefined) query.set('watermark', String(watermark));
    return {
      ...service.refreshToken({ conversationId: conversation.id, userId: conversation.userId, scope: 'conversation' }),
      streamUrl: `${requestOrigin(req, 'ws')}${DIRECT_LINE_PATH}/conversations/${encodeURIComponent(conversation.id)}/stream?${query}`,
    };
  };

  // Anyone who can open the chat page can get a token, so this needs no secret either: each token is a
  // fresh conversation for a fresh anonymous user, and can reach nothing else.
  server.post(`${DIRECT_LINE_PATH}/tokens/generate`, (_req, res, next) => {
    res.header('Cache-Control', 'no-store');
    res.json(200, service.generateToken());
    return next();
  });

  server.post(`${DIRECT_LINE_PATH}/tokens/refresh`, (req, res, next) => {
    const claims = authorise(req, res);
    if (claims) {
      res.header('Cache-Control', 'no-store');
      const refreshed = service.refreshToken(claims);
      // The page's chat cookie follows the token, so the next page of the site resumes with a live one.
      if (chatCookieOf(req)) setChatCookie(res, refreshed.token);
      res.json(200, refreshed);
    }
    return next();
  });

  server.post(`${DIRECT_LINE_PATH}/conversations`, async (req, res) => {
    const claims = authorise(req, res);
    if (!claims) return;
    const locale = (req.body as { locale?: unknown } | undefined)?.locale;
    const { conversation, created } = await service.startConversation(
      claims,
      typeof locale === 'string' ? locale.slice(0, 20) : undefined,
      clientKey(req),
    );
    if (!conversation) {
      res.header('Retry-After', '600');
      sendDirectLineError(
        res,
        429,
        'TooManyRequests',
        'too many new chats from this address lately; please continue an open chat or try again in a few minutes',
      );
      return;
    }
    res.json(created ? 201 : 200, conversationDescription(req, conversation));
  });

  // directlinejs calls this to reconnect after the WebSocket dropped, with the watermark it has reached.
  server.get(`${DIRECT_LINE_PATH}/conversations/:conversationId`, async (req, res) => {
    const conversation = await conversationOf(req, res);
    if (conversation) {
      const watermark = parseWatermark(queryOf(req).get('watermark'));
      if (!watermark.ok) sendDirectLineError(res, 400, 'BadArgument', 'watermark must be a number');
      else res.json(200, conversationDescription(req, conversation, watermark.value));
    }
  });

  server.get(`${DIRECT_LINE_PATH}/conversations/:conversationId/activities`, async (req, res) => {
    const conversation = await conversationOf(req, res);
    if (conversation) {
      const watermark = parseWatermark(queryOf(req).get('watermark'));
      if (!watermark.ok) sendDirectLineError(res, 400, 'BadArgument', 'watermark must be a number');
      else res.json(200, conversation.activitiesAfter(watermark.value, ACTIVITIES_PER_PAGE));
    }
  });

  server.post(`${DIRECT_LINE_PATH}/conversations/:conversationId/activities`, async (req, res) => {
    const conversation = await conversationOf(req, res);
    if (!conversation) return;
    const posted = readPostedActivity(req.body);
    if (!posted.ok) {
      sendDirectLineError(res, 400, 'BadArgument', posted.message);
      return;
    }
    const userName = (req.body as { from?: { name?: unknown } }).from?.name;
    try {
      res.json(200, { id: await service.postActivity(conversation, posted.activity, userName) });
    } catch {
      // The visitor's message is logged; the bot's side failed (DirectLineService logged why).
      sendDirectLineError(res, 502, 'ServiceError', 'the bot could not answer this message; please try again');
    }
  });
}
