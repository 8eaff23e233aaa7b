/**
 * The shape of every file under knowledge/. Clinicians edit those YAML files; this schema is what
 * `npm run kb:check` (and the test suite) holds them to, so a typo in a file fails loudly, not at 2 a.m.
 */
import { z } from 'zod';

/** Ids are kebab-case so they read well in logs, traces and file diffs. */
export const idSchema = z.string().regex(/^[a-z0-9]+(?:[-_][a-z0-9]+)*$/, 'ids are lower-case words joined by - or _');

export const sourceSchema = z.object({
  file: z.string().regex(/^\d{3}_[0-9a-f]{16}\.txt$/, 'a seed file name such as 000_458bfd5d931b6a87.txt'),
  title: z.string().min(3),
  publisher: z.string().min(2).optional(),
});

export const topicSchema = z.object({
  id: idSchema,
  /** Short label, used on suggestion buttons ("Weak glutes"). Kept short for phone screens. */
  title: z.string().min(3).max(40),
  /** Which group of the knowledge base the topic belongs to (causes, exercises, treatment...). */
  category: z.string().min(3),
  /** The chat-sized answer. */
  answer: z.string().min(40).max(700),
  /** Optional longer detail, shown when the user says "tell me more". */
  more: z.string().min(40).max(1200).optional(),
  /** Seed file names this answer is drawn from; every answer names at least one. */
  sources: z.array(z.string()).min(1),
  /** How real users might ask for this topic; the classifier trains on these. */
  examples: z.array(z.string().min(3)).min(8),
  /** Topic ids worth offering next. */
  related: z.array(idSchema).default([]),
});

export const topicFileSchema = z.object({ topics: z.array(topicSchema).min(1) });

/** Intents that are not knowledge answers: small talk and actions (start a symptom check, book...). */
export const conversationIntentSchema = z.object({
  id: idSchema,
  examples: z.array(z.string().min(2)).min(8),
});
export const conversationIntentFileSchema = z.object({ intents: z.array(conversationIntentSchema).min(1) });

export const sourcesFileSchema = z.object({ sources: z.array(sourceSchema).min(1) });

/** A held-out example: text as a real user would type it and the intent it should reach. */
export const labelledUtteranceSchema = z.object({ text: z.string().min(1), intent: idSchema });
export const heldOutFileSchema = z.object({ utterances: z.array(labelledUtteranceSchema).min(50) });

/** Bot wording: each key maps to one message or to several variants picked at random. */
export const wordingFileSchema = z.object({
  messages: z.record(z.string(), z.union([z.string().min(1), z.array(z.string().min(1)).min(1)])),
});

export type Topic = z.infer<typeof topicSchema>;
export type ConversationIntent = z.infer<typeof conversationIntentSchema>;
export type Source = z.infer<typeof sourceSchema>;
export type LabelledUtterance = z.infer<typeof labelledUtteranceSchema>;
export type Wording = Record<string, string | string[]>;

/** A suggestion button: the label shown and the text it sends (typing that text works the same). */
export const menuChoiceSchema = z.object({ label: z.string().min(1).max(40), value: z.string().min(1) });

/** knowledge/menu.yaml: the suggestions offered at the start, after help, and for action intents. */
export const menuFileSchema = z.object({
  starters: z.array(menuChoiceSchema).min(2).max(5),
  /** Buttons for a yes/no question. */
  yesNo: z.array(menuChoiceSchema).length(2),
  /** Button for an intent that is not a topic (symptom_check, book_physio...), used in clarifying replies. */
  intentChoices: z.record(idSchema, menuChoiceSchema),
  /** What to do next where a flow ends without a question: after a booking request, after a self-care result. */
  nextSteps: z.object({
    afterBooking: z.array(menuChoiceSchema).min(1).max(4),
    afterSelfCare: z.array(menuChoiceSchema).min(1).max(4),
  }),
});
export type Menu = z.infer<typeof menuFileSchema>;
