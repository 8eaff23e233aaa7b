/** The activity a channel (here: the Emulator channel, with expectReplies) posts for one bench turn. */
import type { BenchTurn } from './conversations';

export interface Speaker {
  conversationId: string;
  userId: string;
}

/** The ids of the i-th conversation seeded into the store (bench/seedState.ts). */
export function seededSpeaker(index: number): Speaker {
  return { conversationId: `seeded-${index}`, userId: `seeded-runner-${index}` };
}

export function benchActivity(turn: BenchTurn, speaker: Speaker, serviceUrl: string): Record<string, unknown> {
  const user = { id: speaker.userId, name: 'Runner' };
  return {
    type: turn.kind === 'join' ? 'conversationUpdate' : 'message',
    id: `${speaker.conversationId}-${Math.random().toString(36).slice(2, 10)}`,
    channelId: 'emulator',
    serviceUrl,
    // The replies come back in the HTTP response: no outgoing POSTs, so only the bot is measured.
    deliveryMode: 'expectReplies',
    from: user,
    recipient: { id: 'back-on-track', name: 'Back on Track' },
    conversation: { id: speaker.conversationId },
    timestamp: new Date().toISOString(),
    ...(turn.kind === 'join' ? { membersAdded: [user] } : { text: turn.text }),
  };
}
