/** knowledge/booking.yaml: the booking flow's wording, validated. */
import * as path from 'node:path';
import { z } from 'zod';
import { readYamlFile } from '../knowledge/loadKnowledge';
import { questionSchema as question } from '../questions/questionSchema';

export const bookingContentSchema = z.strictObject({
  consent: question.extend({ declined: z.string().min(5) }),
  name: question,
  contact: question,
  preferredTimes: question,
  notes: question,
  shareSummary: question,
  confirm: question.extend({
    text: z.string().includes('{summary}'),
    lines: z.strictObject({
      name: z.string(),
      contact: z.string(),
      preferredTimes: z.string(),
      notes: z.string(),
      summaryShared: z.string(),
      summaryNotShared: z.string(),
    }),
  }),
  cancelled: z.string().min(5),
  done: z.string().includes('{reference}'),
  doneWithBookingPage: z.string().includes('{bookingUrl}'),
  bookingPageOnly: z.string().includes('{bookingUrl}'),
  alreadySent: z.string().includes('{reference}'),
  /** The request could not be saved (full disk, I/O error): nothing was booked; the confirmation stays open. */
  notSaved: z.string().min(5),
  bookingPageButton: z.string().min(3).max(40),
  /** Asked when the user wants a change at the confirmation but did not say what. */
  changeField: question,
});

export type BookingContent = z.infer<typeof bookingContentSchema>;

export function loadBookingContent(knowledgeDir: string): BookingContent {
  return readYamlFile(path.join(knowledgeDir, 'booking.yaml'), bookingContentSchema);
}
