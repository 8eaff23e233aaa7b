/** "What do you know about me": everything kept about the user, in plain words. Plain function. */
import { maskContact } from '../booking/contactDetails';
import type { BookingRequest } from '../booking/bookingTypes';
import type { ConversationData } from '../conversation/conversationData';
import type { UserData } from '../conversation/userData';
import { fillPlaceholders } from '../conversation/wording';
import type { PrivacyContent } from './privacyContent';

export function storedDataReport(
  content: PrivacyContent,
  user: UserData,
  conversation: ConversationData,
  bookings: BookingRequest[],
): string {
  const items: string[] = [];
  if (user.storageConsent !== undefined) items.push(user.storageConsent ? content.consentGiven : content.consentDeclined);
  if (conversation.lastSymptomCheck) {
    const { triage, reasons } = conversation.lastSymptomCheck;
    items.push(fillPlaceholders(content.symptomCheck, { triage, reasons: reasons.join(', ') }));
  }
  for (const booking of bookings) {
    items.push(
      booking.redactedAt
        ? fillPlaceholders(content.bookingRedacted, { reference: booking.reference })
        : fillPlaceholders(content.booking, {
            reference: booking.reference,
            status: content.statusNames[booking.status],
            contact: maskContact(booking.contact),
          }),
    );
  }
  if (items.length === 0) return content.nothingStored;
  return [content.storedIntro, ...items.map((item) => `- ${item}`), content.forgetHint].join('\n');
}
