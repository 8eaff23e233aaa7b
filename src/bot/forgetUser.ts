/**
 * Deleting a user's state happens after the turn's dialogs have finished (they still write to the
 * state while they end), so a dialog only asks for it here and the bot does it last.
 */
import type { TurnContext } from 'botbuilder';

const FORGET_REQUESTED = Symbol('forgetRequested');

export function requestForget(context: TurnContext): void {
  context.turnState.set(FORGET_REQUESTED, true);
}

export function isForgetRequested(context: TurnContext): boolean {
  return context.turnState.get(FORGET_REQUESTED) === true;
}
