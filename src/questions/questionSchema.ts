/** The shape of one question in knowledge/*.yaml: id, wording, answer type and buttons with canonical values. */
import { z } from 'zod';
import { ANSWER_TYPES, type AnswerType } from './answerTypes';

export const questionIdSchema = z.string().regex(/^[a-z]+\.[a-zA-Z0-9]+$/, 'question ids look like "symptoms.location"');

export const questionChoiceSchema = z.object({
  label: z.string().min(1).max(40),
  /** The canonical answer the button stands for, as its answer type's reader writes it (e.g. "7-41 days"). */
  value: z.string().min(1),
});

export const questionSchema = z.object({
  id: questionIdSchema,
  answer: z.enum(ANSWER_TYPES as [AnswerType, ...AnswerType[]]),
  text: z.string().min(5),
  reask: z.string().min(5),
  choices: z.array(questionChoiceSchema).max(6).optional(),
  /**
   * A yes/no question answered by saying what it asks about ("sprained my ankle last year" to "any
   * injury before?"): red flags (red-flags.yaml ids) the red-flag screen finds in the answer, and words
   * (the concept files' term syntax: "sprain*", "plantar fasci*") said as the user's own. `lastsMinutes`:
   * a length of time said ("stiff for 5 minutes", "about an hour") of at least this many minutes is a
   * yes and a shorter one a no.
   */
  yesWhen: z
    .object({
      flags: z.array(z.string().min(1)).optional(),
      said: z.array(z.string().min(1)).optional(),
      lastsMinutes: z.number().int().positive().optional(),
    })
    .strict()
    .optional(),
});

export type QuestionEntry = z.infer<typeof questionSchema>;
