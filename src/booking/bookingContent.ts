/** knowledge/booking.yaml: the booking flow's wording, validated. */
import * as path from 'node:path';
import { z } from 'zod';
import { readYamlFile } from '../knowledge/loadKnowledge';
import { menuChoiceSchema } from '../knowledge/schema';

const question = z.object({ text: z.string().min(5), reask: z.string().min(5), choices: z.array(menuChoiceSchema).optional() });

export const bookingContentSchema = z.object({
  consent: question.extend({ declined: z.string().min(5) }),
  name: question,
  contact: question,
  preferredTimes: question,
  notes: z.object({ text: z.string().min(5), choices: z.array(menuChoiceSchema).optional() }),
  shareSummary: question,
  confirm: question.extend({
    text: z.string().includes('{summary}'),
    lines: z.object({
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
  bookingPageButton: z.string().min(3).max(40),
});

export type BookingContent = z.infer<typeof bookingContentSchema>;

export function loadBookingContent(knowledgeDir: string): BookingContent {
  return readYamlFile(path.join(knowledgeDir, 'booking.yaml'), bookingContentSchema);
}
