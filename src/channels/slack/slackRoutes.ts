/**
 * Slack's HTTP endpoints: POST /api/slack/events (Events API) and POST /api/slack/interactions
 * (button clicks). Every request must carry Slack's signature over the exact bytes sent; restify's body
 * parser keeps them as req.rawBody (JSON and form bodies). Requests are answered at once and the turn
 * runs afterwards: Slack retries anything not acknowledged within 3 seconds.
 *
 * A delivery runs once: an event Slack retries (X-Slack-Retry-Num, same event_id) and an interaction
 * replayed while its signature is still fresh (the same signed bytes) are acknowledged and dropped. The
 * marks live in the bot's storage (firstTimeMarks.ts), so this holds across restarts and instances.
 */
import { createHash } from 'node:crypto';
import type restify from 'restify';
import type { FirstTimeMarks } from '../../storage/firstTimeMarks';
import type { FirstDeliveryCheck, SlackBridge } from './slackBridge';
import { readEventsRequest, readInteractionRequest } from './slackPayloads';
import { checkSlackSignature, SLACK_TIMESTAMP_WINDOW_SECONDS } from './slackSignature';

export const SLACK_EVENTS_PATH = '/api/slack/events';
export const SLACK_INTERACTIONS_PATH = '/api/slack/interactions';

export interface SlackRouteParts {
  signingSecret: string;
  bridge: SlackBridge;
  marks: FirstTimeMarks;
  log: (message: string) => void;
  /** What an operator must see: a repeat that could not be checked. */
  warn?: (message: string) => void;
  now?: () => number;
}

/** Slack retries an event for up to about an hour after the first try. */
const EVENT_RETRY_MS = 60 * 60 * 1000;
/** A signature is accepted up to 5 minutes either side of its timestamp: a replay is possible for 10. */
const REPLAY_WINDOW_MS = 2 * SLACK_TIMESTAMP_WINDOW_SECONDS * 1000;

export function registerSlackRoutes(server: restify.Server, parts: SlackRouteParts): void {
  const warn = parts.warn ?? parts.log;
  const firstDelivery =
    (key: string, ttlMs: number, repeat: string): FirstDeliveryCheck =>
    async () => {
      try {
        if (await parts.marks.firstTime(key, ttlMs)) return true;
        parts.log(`slack: ${repeat} ignored (already taken)`);
        return false;
      } catch (error) {
        // Answering twice is better than not at all: nothing the user sent is dropped for an outage.
        warn(`slack: could not check whether a delivery was a repeat (${(error as Error).name}); answered it`);
        return true;
      }
    };

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
    if (request.turn) {
      const retry = req.header('x-slack-retry-num');
      const check = firstDelivery(`slack-event:${request.eventId}`, EVENT_RETRY_MS, retry ? `event retry ${retry}` : 'repeated event');
      if (request.turn.threadReply) parts.bridge.acceptThreadReply(request.turn, check);
      else parts.bridge.acceptMessage(request.turn, check);
    }
    return next();
  });

  server.post(SLACK_INTERACTIONS_PATH, (req, res, next) => {
    if (!verified(req, res)) return next(false);
    if (!isContentType(req, 'application/x-www-form-urlencoded')) return refuse(res, next, 415, 'Slack interactions are form-encoded');
    const parsed = readInteractionRequest(req.body);
    if (!parsed.ok) return refuse(res, next, 400, parsed.problem);
    res.send(200);
    if (parsed.value.kind === 'choice') {
      const signed = createHash('sha256').update(rawBodyOf(req)).digest('hex');
      parts.bridge.acceptChoice(parsed.value, firstDelivery(`slack-interaction:${signed}`, REPLAY_WINDOW_MS, 'replayed interaction'));
    }
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
