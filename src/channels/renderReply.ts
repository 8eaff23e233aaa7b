/**
 * Turns a channel-neutral BotReply into a Bot Framework activity. This is the only place that knows
 * how a channel shows buttons and sources; dialogs never look at the channel.
 */
import { ActionTypes, ActivityTypes, type Activity } from 'botbuilder';
import type { BotReply } from '../conversation/botReply';

export interface RenderOptions {
  sourcesLabel: string;
}

export function renderReply(reply: BotReply, options: RenderOptions): Partial<Activity> {
  const sources = reply.sources?.length ? `\n\n${options.sourcesLabel} ${reply.sources.join('; ')}` : '';
  const activity: Partial<Activity> = { type: ActivityTypes.Message, text: reply.text + sources, textFormat: 'markdown' };
  const actions = [
    ...(reply.links ?? []).map((l) => ({ type: ActionTypes.OpenUrl, title: l.label, value: l.url })),
    ...(reply.choices ?? []).map((c) => ({ type: ActionTypes.ImBack, title: c.label, value: c.value })),
  ];
  if (actions.length) activity.suggestedActions = { to: [], actions };
  return activity;
}
