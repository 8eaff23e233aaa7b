import { createHash } from 'node:crypto';
import type { TurnContext } from 'botbuilder';

/**
 * A one-way key for the user behind a turn (channel + user id), stored with their booking requests so
 * "what do you know about me" and "forget me" can find them without keeping the raw id beside them.
 */
export function userKeyOf(context: TurnContext): string {
  const { channelId, from } = context.activity;
  return createHash('sha256')
    .update(`${channelId}\u0000${from?.id ?? ''}`)
    .digest('hex')
    .slice(0, 32);
}
