/**
 * Slack's HTTP endpoints: POST /api/slack/events (Events API) and POST /api/slack/interactions
 * (button clicks). Every request must carry Slack's signature over the exact bytes sent; restify's body
 * parser keeps them as req.rawBody (JSON and form bodies). Requests are answered at once and the turn
 * runs afterwards: Slack retries anything not acknowledged within 3 seconds.
 */
import type restify from 'restify';
import { RecentEventIds } from './recentEventIds';
import type { SlackBridge } from './slackBridge';
import { readEventsRequest, readInteractionRequest } from './slackPayloads';
import { checkSlackSignature } from './slackSignature';

export const SLACK_EVENTS_PATH = '/api/slack/events';
export const SLACK_INTERACTIONS_PATH = '/api/slack/interactions';

export interface SlackRouteParts {
  signingSecret: string;
  bridge: SlackBridge;
  log: (message: string) => void;
  now?: () => number;
}

export function registerSlackRoutes(server: restify.Server, parts: SlackRouteParts): void {
  const seenEvents = new RecentEventIds();

  /** True when the request is Slack's; otherwise it has been answered 401. */
  const verified = (req: restify.Request, res: restify.Response): boolean => {
    const problem = checkSlackSignature(
      parts.signingSecret,
      {
        signature: req.header('x-slack-signature') || undefined,
        timestamp: req.header('x-slack-request-timestamp') || undefined,
        rawBody: rawBodyOf(req),
      },
      (parts.now ?? Date.now)() / 1000,
    );
    if (!problem) return true;
    parts.log(`slack: refused a request to ${req.getPath()}: ${problem}`);
    res.json(401, { error: 'Unauthorized', message: 'This request is not signed by Slack.' });
    return false;
  };

  server.post(SLACK_EVENTS_PATH, (req, res, next) => {
    if (!verified(req, res)) return next(false);
    if (!isContentType(req, 'application/json')) return refuse(res, next, 415, 'Slack events are JSON');
    const parsed = readEventsRequest(req.body);
    if (!parsed.ok) return refuse(res, next, 400, parsed.problem);
    const request = parsed.value;
    if (request.kind === 'url_verification') {
      res.json(200, { challenge: request.challenge });
      return next();
    }
    // Acknowledge first: the turn runs after the response, whatever it takes.
    res.send(200);
    if (request.kind !== 'event') return next();
    if (!seenEvents.firstTime(request.eventId)) {
      // A retry (X-Slack-Retry-Num) of an event already taken: acknowledged, not run again.
      parts.log(`slack: event retry ${req.header('x-slack-retry-num') || '?'} ignored (already taken)`);
    } else if (request.turn?.threadReply) {
      parts.bridge.acceptThreadReply(request.turn);
    } else if (request.turn) {
      parts.bridge.acceptMessage(request.turn);
    }
    return next();
  });

  server.post(SLACK_INTERACTIONS_PATH, (req, res, next) => {
    if (!verified(req, res)) return next(false);
    if (!isContentType(req, 'application/x-www-form-urlencoded')) return refuse(res, next, 415, 'Slack interactions are form-encoded');
    const parsed = readInteractionRequest(req.body);
    if (!parsed.ok) return refuse(res, next, 400, parsed.problem);
    res.send(200);
    if (parsed.value.kind === 'choice') parts.bridge.acceptChoice(parsed.value);
    return next();
  });
}

/** The bytes Slack signed: kept by restify's JSON and form parsers; other bodies as read. */
function rawBodyOf(req: restify.Request): string | Buffer {
  const raw = (req as restify.Request & { rawBody?: unknown }).rawBody;
  if (typeof raw === 'string' || Buffer.isBuffer(raw)) return raw;
  const body: unknown = req.body;
  return typeof body === 'string' || Buffer.isBuffer(body) ? body : '';
}

const isContentType = (req: restify.Request, type: string): boolean => req.contentType().toLowerCase() === type;

function refuse(res: restify.Response, next: restify.Next, status: number, message: string): void {
  res.json(status, { error: status === 415 ? 'UnsupportedMediaType' : 'BadRequest', message });
  next(false);
}
