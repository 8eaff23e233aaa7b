/** Posts one activity to a running bot with deliveryMode "expectReplies" and returns the turn's replies. */
export interface ReplyActivity {
  type: string;
  text?: string;
  name?: string;
  value?: unknown;
  suggestedActions?: { actions?: Array<{ title?: string; value?: unknown }> };
  attachments?: unknown[];
}

export interface OutgoingActivity {
  type: string;
  conversationId: string;
  user: { id: string; name?: string };
  text?: string;
  membersAdded?: Array<{ id: string; name?: string }>;
  channelId?: string;
  extra?: Record<string, unknown>;
}

export async function postActivity(baseUrl: string, outgoing: OutgoingActivity): Promise<ReplyActivity[]> {
  const activity = {
    type: outgoing.type,
    id: `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`,
    channelId: outgoing.channelId ?? 'emulator',
    serviceUrl: baseUrl,
    deliveryMode: 'expectReplies',
    from: outgoing.user,
    recipient: { id: 'back-on-track', name: 'Back on Track' },
    conversation: { id: outgoing.conversationId },
    text: outgoing.text,
    membersAdded: outgoing.membersAdded,
    timestamp: new Date().toISOString(),
    ...outgoing.extra,
  };
  const response = await fetch(`${baseUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(activity),
  });
  if (!response.ok) throw new Error(`the bot answered HTTP ${response.status}`);
  const body = (await response.json().catch(() => ({}))) as { activities?: ReplyActivity[] };
  return body.activities ?? [];
}
