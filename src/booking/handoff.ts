/**
 * The Bot Framework handoff event (`handoff.initiate`), so an agent hub can take the conversation over
 * after a booking. The transcript is the conversation's recent messages, kept in memory only, and sent
 * only when the user agreed to share their details with the clinic.
 */
import { EventFactory, type Activity, type TurnContext } from 'botbuilder';
import type { BookingRequest } from './bookingTypes';

/** The last messages of each conversation, in memory, bounded (oldest conversations are dropped first). */
export class RecentTranscripts {
  private readonly byConversation = new Map<string, Partial<Activity>[]>();

  constructor(
    private readonly perConversation = 50,
    private readonly conversations = 1_000,
  ) {}

  record(conversationId: string, activity: Partial<Activity>): void {
    const list = this.byConversation.get(conversationId) ?? [];
    this.byConversation.delete(conversationId);
    list.push({ type: activity.type, text: activity.text, from: activity.from, timestamp: activity.timestamp ?? new Date() });
    this.byConversation.set(conversationId, list.slice(-this.perConversation));
    if (this.byConversation.size > this.conversations) this.byConversation.delete(this.byConversation.keys().next().value as string);
  }

  of(conversationId: string): Partial<Activity>[] {
    return [...(this.byConversation.get(conversationId) ?? [])];
  }

  forget(conversationId: string): void {
    this.byConversation.delete(conversationId);
  }
}

export async function sendHandoff(
  context: TurnContext,
  request: BookingRequest,
  transcript: Partial<Activity>[] | undefined,
): Promise<void> {
  const event = EventFactory.createHandoffInitiation(
    context,
    { reference: request.reference, reason: 'physio-booking' },
    transcript ? { activities: transcript as Activity[] } : undefined,
  );
  await context.sendActivity(event);
}
