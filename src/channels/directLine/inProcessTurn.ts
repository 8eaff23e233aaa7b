/**
 * Runs one activity through the SAME adapter and bot as /api/messages, in-process: the activity goes
 * to CloudAdapter.process with deliveryMode "expectReplies", so the adapter hands the turn's replies
 * back in its response body instead of posting them to a serviceUrl. No HTTP leaves the process.
 * Only valid without auth: with a MicrosoftAppId the adapter demands a channel JWT we cannot mint.
 */
import type { ActivityHandler, CloudAdapter, Request, Response } from 'botbuilder';
import { isForgetRequested } from '../../conversation/turn';

export interface TurnOutcome {
  replies: Array<Record<string, unknown>>;
  /** The user asked to be forgotten this turn ("forget me"): the channel deletes its own copy too. */
  forgotten: boolean;
}

export type TurnRunner = (activity: Record<string, unknown>) => Promise<TurnOutcome>;

export class TurnFailedError extends Error {
  constructor(
    readonly status: number,
    detail: unknown,
  ) {
    super(`the bot's turn ended with HTTP ${status}${typeof detail === 'string' && detail ? `: ${detail.split('\n')[0]}` : ''}`);
    this.name = 'TurnFailedError';
  }
}

/** Collects what the adapter would have written to the HTTP response. */
class CapturedResponse implements Response {
  socket: unknown = null;
  statusCode = 200;
  body: unknown;

  status(code: number): void {
    this.statusCode = code;
  }

  send(body: unknown): void {
    this.body = body;
  }

  header(): void {}

  end(): void {}
}

export function inProcessTurnRunner(adapter: CloudAdapter, bot: ActivityHandler): TurnRunner {
  return async (activity) => {
    const request: Request = { method: 'POST', headers: {}, body: { ...activity, deliveryMode: 'expectReplies' } };
    const response = new CapturedResponse();
    let forgotten = false;
    await adapter.process(request, response, async (context) => {
      await bot.run(context);
      forgotten = isForgetRequested(context);
    });
    if (response.statusCode !== 200) throw new TurnFailedError(response.statusCode, response.body);
    const replies = (response.body as { activities?: unknown } | undefined)?.activities;
    return { replies: Array.isArray(replies) ? (replies as Array<Record<string, unknown>>) : [], forgotten };
  };
}
