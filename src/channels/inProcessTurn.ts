/**
 * Runs one activity through the SAME adapter and bot as /api/messages, in-process, as a turn whose
 * sender this server verified itself (the visitor's Direct Line token, Slack's signature): the replies
 * come back in the adapter's response instead of being posted to a serviceUrl, so no HTTP leaves the
 * process. Both channels keep records of their own, and learn here when "forget me" must delete them.
 */
import type { ActivityHandler, Activity } from 'botbuilder';
import type { BotAdapter } from '../adapter';
import { isForgetRequested } from '../conversation/turn';

export interface TurnOutcome {
  replies: Array<Record<string, unknown>>;
  /** The user asked to be forgotten this turn ("forget me"): the channel deletes its own copy too. */
  forgotten: boolean;
}

export type TurnRunner = (activity: Record<string, unknown>) => Promise<TurnOutcome>;

export function inProcessTurnRunner(adapter: BotAdapter, bot: ActivityHandler): TurnRunner {
  return async (activity) => {
    let forgotten = false;
    const replies = await adapter.runVerifiedTurn(activity as Partial<Activity>, async (context) => {
      await bot.run(context);
      forgotten = isForgetRequested(context);
    });
    return { replies: replies as Array<Record<string, unknown>>, forgotten };
  };
}
