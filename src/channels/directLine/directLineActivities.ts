/**
 * What may cross the self-hosted Direct Line, in each direction. From the page: only the fields a
 * visitor may set (never `from`, `serviceUrl`, `deliveryMode`...), so a crafted request cannot pose
 * as another user or as a channel. To the page: only activities a chat client shows (no traces).
 */
export const CHANNEL_ID = 'directline';
export const BOT_ACCOUNT = { id: 'back-on-track', name: 'Back on Track', role: 'bot' } as const;

/** Web Chat posts messages (text, suggested-action clicks) and events; everything else is the service's to send. */
const POSTABLE_TYPES = new Set(['message', 'event']);
const CLIENT_FIELDS = [
  'text',
  'textFormat',
  'locale',
  'value',
  'name',
  'channelData',
  'entities',
  'localTimestamp',
  'localTimezone',
] as const;
/** The types a chat client renders or reacts to. Traces (TurnSummary) and invoke responses stay on the server. */
const DELIVERABLE_TYPES = new Set(['message', 'typing', 'event', 'endOfConversation']);

export type PostedActivity = Record<string, unknown> & { type: string };

export type PostedActivityCheck = { ok: true; activity: PostedActivity } | { ok: false; message: string };

export function readPostedActivity(body: unknown): PostedActivityCheck {
  if (!body || typeof body !== 'object' || Array.isArray(body))
    return { ok: false, message: 'the body must be a JSON object (an activity)' };
  const posted = body as Record<string, unknown>;
  if (typeof posted.type !== 'string' || !POSTABLE_TYPES.has(posted.type)) {
    return { ok: false, message: `the activity type must be one of: ${[...POSTABLE_TYPES].join(', ')}` };
  }
  if (posted.text !== undefined && posted.text !== null && typeof posted.text !== 'string')
    return { ok: false, message: 'the activity text must be a string' };
  if (Array.isArray(posted.attachments) && posted.attachments.length > 0)
    return { ok: false, message: 'this chat takes text only, not attachments' };
  if (posted.channelData !== undefined && (typeof posted.channelData !== 'object' || posted.channelData === null)) {
    return { ok: false, message: 'channelData must be an object' };
  }
  const activity: PostedActivity = { type: posted.type };
  for (const field of CLIENT_FIELDS) if (posted[field] !== undefined) activity[field] = posted[field];
  return { ok: true, activity };
}

/** The visitor's activity as the log (and so the echo to Web Chat) records it: sent by the token's user. */
export function fromVisitor(activity: PostedActivity, conversationId: string, userId: string, userName: unknown): Record<string, unknown> {
  const from: Record<string, unknown> = { id: userId, role: 'user' };
  if (typeof userName === 'string' && userName.length <= 100) from.name = userName;
  return { ...activity, channelId: CHANNEL_ID, conversation: { id: conversationId }, from, recipient: BOT_ACCOUNT };
}

/** A reply of the bot as the client gets it; the turn's plumbing (serviceUrl, delivery mode) is dropped. */
export function toClientReply(reply: Record<string, unknown>, conversationId: string, userId: string): Record<string, unknown> {
  const { serviceUrl: _serviceUrl, deliveryMode: _deliveryMode, id: _id, timestamp: _timestamp, ...rest } = reply;
  return {
    ...rest,
    channelId: CHANNEL_ID,
    conversation: { id: conversationId },
    from: BOT_ACCOUNT,
    recipient: { id: userId, role: 'user' },
  };
}

export function isDeliverableToClient(activity: { type?: unknown }): boolean {
  return typeof activity.type === 'string' && DELIVERABLE_TYPES.has(activity.type);
}
