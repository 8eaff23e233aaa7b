/**
 * What Slack sends, read into what the bot needs: a turn (who said what, where to answer) or a reason
 * to ignore it. Checked with zod so a malformed payload is a 400, never a crash. Plain functions.
 */
import { z } from 'zod';
import { CHOICE_ACTION_PREFIX, readSlackButtonValue } from './slackBlocks';
import { slackTextToPlain } from './slackMrkdwn';

/** One user message to run through the bot. */
export interface SlackTurn {
  /** Slack's id of the event or click, kept as the activity id. */
  id: string;
  team: string;
  channel: string;
  user: string;
  text: string;
  /** A tapped answer button: the question it answers and the canonical answer (see src/questions). */
  tap?: { questionId: string; answer: string };
  /** The thread to answer in: a channel conversation lives in a thread; a DM has none. */
  threadTs?: string;
  /** A reply in a channel thread without a mention: a turn only if the bot is in that thread. */
  threadReply?: boolean;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string };

const id = z.string().min(1).max(64);
const slackEvent = z.object({
  type: z.string(),
  subtype: z.string().optional(),
  bot_id: z.string().optional(),
  user: id.optional(),
  text: z.string().max(40_000).optional(),
  channel: id.optional(),
  channel_type: z.string().optional(),
  ts: z.string().max(32).optional(),
  thread_ts: z.string().max(32).optional(),
  team: id.optional(),
});
const eventsBody = z.discriminatedUnion('type', [
  z.object({ type: z.literal('url_verification'), challenge: z.string().min(1).max(500) }),
  z.object({
    type: z.literal('event_callback'),
    team_id: id,
    event_id: id,
    event: slackEvent,
    authorizations: z.array(z.object({ user_id: id.optional(), is_bot: z.boolean().optional() })).optional(),
  }),
]);

export type EventsRequest =
  | { kind: 'url_verification'; challenge: string }
  | { kind: 'event'; eventId: string; turn: SlackTurn | null }
  /** Another kind of callback (app_rate_limited...): acknowledged, nothing to do. */
  | { kind: 'other' };

export function readEventsRequest(body: unknown): Parsed<EventsRequest> {
  const type = (body as { type?: unknown } | null)?.type;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { ok: false, problem: 'the body must be a JSON object' };
  if (type !== 'url_verification' && type !== 'event_callback') return { ok: true, value: { kind: 'other' } };
  const parsed = eventsBody.safeParse(body);
  if (!parsed.success) return { ok: false, problem: `not a Slack ${String(type)} payload` };
  const payload = parsed.data;
  if (payload.type === 'url_verification') return { ok: true, value: { kind: 'url_verification', challenge: payload.challenge } };
  const botUsers = (payload.authorizations ?? []).filter((a) => a.is_bot !== false && a.user_id).map((a) => a.user_id!);
  return {
    ok: true,
    value: { kind: 'event', eventId: payload.event_id, turn: turnOfEvent(payload.event, payload.team_id, payload.event_id, botUsers) },
  };
}

/** DMs and @mentions become turns; the bot's own posts, edits, joins and other subtypes do not. */
function turnOfEvent(event: z.infer<typeof slackEvent>, teamId: string, eventId: string, botUsers: string[]): SlackTurn | null {
  if (event.subtype || event.bot_id || !event.user || !event.channel || event.text === undefined) return null;
  if (botUsers.includes(event.user)) return null;
  const direct = isDirectChannel(event.channel, event.channel_type);
  let text: string;
  if (event.type === 'message' && direct) {
    text = slackTextToPlain(event.text, { dropMentionsOf: botUsers });
  } else if (event.type === 'app_mention' && !direct) {
    // Without authorizations in the payload, the mention that starts the message is the bot's.
    const mentioned = botUsers.length ? botUsers : [/^\s*<@([A-Z0-9]+)/i.exec(event.text)?.[1] ?? ''];
    text = slackTextToPlain(event.text, { dropMentionsOf: mentioned });
  } else if (event.type === 'message' && !direct && event.thread_ts && event.thread_ts !== event.ts && !mentionsAny(event.text, botUsers)) {
    // A reply in a thread, without a mention (with one, app_mention brings the same message).
    return {
      id: eventId,
      team: event.team ?? teamId,
      channel: event.channel,
      user: event.user,
      text: slackTextToPlain(event.text),
      threadTs: event.thread_ts,
      threadReply: true,
    };
  } else {
    // Other channel messages, and mentions inside DMs (the DM's message event covers them).
    return null;
  }
  return {
    id: eventId,
    team: event.team ?? teamId,
    channel: event.channel,
    user: event.user,
    text,
    ...(direct ? {} : { threadTs: event.thread_ts ?? event.ts }),
  };
}

/** True when the text mentions one of the bot's users (or, not knowing them, starts with any mention). */
const mentionsAny = (text: string, botUsers: string[]): boolean =>
  botUsers.length ? botUsers.some((user) => text.includes(`<@${user}>`) || text.includes(`<@${user}|`)) : /^\s*<@/.test(text);

/** Slack DM channel ids start with D; events also say channel_type "im". */
const isDirectChannel = (channel: string, channelType?: string): boolean => channelType === 'im' || channel.startsWith('D');

const blockActions = z.object({
  type: z.literal('block_actions'),
  trigger_id: z.string().max(200).optional(),
  team: z.object({ id }),
  user: z.object({ id }),
  channel: z.object({ id }),
  container: z.object({ message_ts: z.string().max(32).optional(), thread_ts: z.string().max(32).optional() }).optional(),
  message: z
    .object({ ts: z.string().max(32), thread_ts: z.string().max(32).optional(), blocks: z.array(z.unknown()).optional() })
    .optional(),
  actions: z
    .array(
      z.object({ action_id: z.string().max(255), value: z.string().max(2000).optional(), text: z.object({ text: z.string() }).optional() }),
    )
    .min(1),
});

export type InteractionRequest =
  | { kind: 'choice'; turn: SlackTurn; label: string; message?: { ts: string; blocks: unknown[] } }
  /** Link buttons and other interactions: acknowledged, nothing to do. */
  | { kind: 'other' };

/** Reads an interactivity request's form body (`payload=<json>`). */
export function readInteractionRequest(form: unknown): Parsed<InteractionRequest> {
  const payloadText = (form as { payload?: unknown } | null)?.payload;
  if (typeof payloadText !== 'string') return { ok: false, problem: 'the form has no payload' };
  let payload: unknown;
  try {
    payload = JSON.parse(payloadText);
  } catch {
    return { ok: false, problem: 'the payload is not JSON' };
  }
  if ((payload as { type?: unknown } | null)?.type !== 'block_actions') return { ok: true, value: { kind: 'other' } };
  const parsed = blockActions.safeParse(payload);
  if (!parsed.success) return { ok: false, problem: 'not a Slack block_actions payload' };
  const click = parsed.data;
  const action = click.actions.find((a) => a.action_id.startsWith(CHOICE_ACTION_PREFIX) && a.value !== undefined);
  if (!action) return { ok: true, value: { kind: 'other' } };
  const channel = click.channel.id;
  const threadTs = isDirectChannel(channel) ? undefined : (click.message?.thread_ts ?? click.container?.thread_ts ?? click.message?.ts);
  const turn: SlackTurn = {
    id: click.trigger_id ?? `${channel}-${click.message?.ts ?? Date.now()}`,
    team: click.team.id,
    channel,
    user: click.user.id,
    ...readSlackButtonValue(action.value!, action.text?.text),
    ...(threadTs ? { threadTs } : {}),
  };
  const message = click.message?.blocks ? { ts: click.message.ts, blocks: click.message.blocks } : undefined;
  return { ok: true, value: { kind: 'choice', turn, label: action.text?.text ?? turn.text, ...(message ? { message } : {}) } };
}

/** One bot conversation per DM, and per thread in a channel. */
export function conversationIdOf(turn: Pick<SlackTurn, 'team' | 'channel' | 'threadTs'>): string {
  return [turn.team, turn.channel, turn.threadTs].filter(Boolean).join(':');
}
