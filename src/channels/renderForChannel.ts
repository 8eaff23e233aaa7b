/**
 * Picks the renderer for the channel a turn came from. The only place that maps channel ids to
 * looks: dialogs build channel-neutral BotReplys and services.send renders them here.
 */
import type { Activity } from 'botbuilder';
import type { BotReply } from '../conversation/botReply';
import { renderPlainText } from './plainTextReply';
import { renderReply } from './renderReply';
import { renderSlackReply } from './slack/slackReply';
import { renderTeamsReply } from './teams/teamsReply';

export interface ChannelRenderOptions {
  sourcesLabel: string;
  /** "Reply with: {choices}" for channels (or card hosts) without buttons. */
  replyWithChoices: string;
}

/** Channels that show neither buttons nor formatting. */
export const PLAIN_TEXT_CHANNELS: ReadonlySet<string> = new Set(['sms', 'twilio-sms']);

export function renderForChannel(channelId: string | undefined, reply: BotReply, options: ChannelRenderOptions): Partial<Activity> {
  if (channelId === 'msteams') return renderTeamsReply(reply, options);
  if (channelId === 'slack') return renderSlackReply(reply, options);
  if (channelId && PLAIN_TEXT_CHANNELS.has(channelId)) return renderPlainText(reply, options);
  // Web Chat, Direct Line, the Emulator, tests and anything else that shows suggested actions.
  return renderReply(reply, options);
}
