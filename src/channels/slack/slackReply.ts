/**
 * The Slack channel's renderer for services.send: the activity keeps the text (transcripts, tests and
 * other channels read it) and carries the Block Kit message in channelData, which is where both our own
 * Slack bridge and Azure Bot Service's Slack channel take a native Slack message from.
 */
import { ActivityTypes, type Activity } from 'botbuilder';
import type { BotReply } from '../../conversation/botReply';
import { textWithSources } from '../renderReply';
import { renderSlackMessage, type SlackMessage } from './slackBlocks';

export function renderSlackReply(reply: BotReply, options: { sourcesLabel: string }): Partial<Activity> {
  const channelData: SlackMessage = renderSlackMessage(reply, options);
  return { type: ActivityTypes.Message, text: textWithSources(reply, options.sourcesLabel), textFormat: 'markdown', channelData };
}

/** The Slack message a reply activity stands for: its rendered blocks, or its text as blocks. */
export function slackMessageOf(activity: { text?: unknown; channelData?: unknown }): SlackMessage | undefined {
  const data = activity.channelData as Partial<SlackMessage> | undefined;
  if (data && Array.isArray(data.blocks) && typeof data.text === 'string') return { text: data.text, blocks: data.blocks };
  // Sent without services.send (a reminder, the turn-error apology): text only.
  if (typeof activity.text !== 'string' || activity.text.trim() === '') return undefined;
  return renderSlackMessage({ text: activity.text }, { sourcesLabel: '' });
}
