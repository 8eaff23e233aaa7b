/**
 * The Web Chat / Emulator / Direct Line renderer: markdown text and suggested-action buttons. The
 * renderer for a turn is picked by channel in renderForChannel.ts; dialogs never look at the channel.
 */
import { ActionTypes, ActivityTypes, type Activity, type CardAction } from 'botbuilder';
import type { BotReply, ReplyChoice } from '../conversation/botReply';
import { tapPayload } from '../questions/tap';

export interface RenderOptions {
  sourcesLabel: string;
}

/** The reply's text with its sources under it: what every renderer shows as the message itself. */
export function textWithSources(reply: BotReply, sourcesLabel: string): string {
  return reply.sources?.length ? `${reply.text}\n\n${sourcesLabel} ${reply.sources.join('; ')}` : reply.text;
}

/**
 * A button that answers a question is a messageBack: the label shows as what the user said, and the
 * question id with the canonical answer travel in `value`. Other buttons send their value as typed text.
 */
function choiceAction(choice: ReplyChoice): CardAction {
  if (!choice.questionId) return { type: ActionTypes.ImBack, title: choice.label, value: choice.value };
  return { type: ActionTypes.MessageBack, title: choice.label, text: choice.label, displayText: choice.label, value: tapPayload(choice.questionId, choice.value) };
}

export function renderReply(reply: BotReply, options: RenderOptions): Partial<Activity> {
  const activity: Partial<Activity> = { type: ActivityTypes.Message, text: textWithSources(reply, options.sourcesLabel), textFormat: 'markdown' };
  // The triage action (e.g. "Call 999", a tel: link) comes first: it is the one thing to do.
  const triageAction = reply.card?.kind === 'triage' ? reply.card.action : undefined;
  const actions: CardAction[] = [
    ...(triageAction ? [{ type: ActionTypes.OpenUrl, title: triageAction.label, value: triageAction.url }] : []),
    ...(reply.links ?? []).map((l) => ({ type: ActionTypes.OpenUrl, title: l.label, value: l.url })),
    ...(reply.choices ?? []).map(choiceAction),
  ];
  if (actions.length) activity.suggestedActions = { to: [], actions };
  return activity;
}
