/** knowledge/privacy.yaml: the wording of "what do you know about me" and "forget me", validated. */
import * as path from 'node:path';
import { z } from 'zod';
import { readYamlFile } from '../knowledge/loadKnowledge';
import { questionSchema } from '../questions/questionSchema';

export const privacyContentSchema = z.strictObject({
  storedIntro: z.string(),
  nothingStored: z.string(),
  consentGiven: z.string(),
  consentDeclined: z.string(),
  symptomCheck: z.string().includes('{reasons}'),
  booking: z.string().includes('{reference}'),
  bookingRedacted: z.string().includes('{reference}'),
  statusNames: z.strictObject({ new: z.string(), sent: z.string(), failed: z.string() }),
  forgetHint: z.string(),
  /** The forget-me confirmation question. */
  forget: questionSchema,
  forgetDone: z.string(),
  forgetAlreadySent: z.string().includes('{references}'),
  forgetCancelled: z.string(),
});

export type PrivacyContent = z.infer<typeof privacyContentSchema>;

export const loadPrivacyContent = (knowledgeDir: string): PrivacyContent =>
  readYamlFile(path.join(knowledgeDir, 'privacy.yaml'), privacyContentSchema);
