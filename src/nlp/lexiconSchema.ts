import { z } from 'zod';

/** knowledge/nlp/lexicon.yaml: text-speak and abbreviations mapped to the words the classifier knows. */
export const lexiconFileSchema = z.object({
  replacements: z.record(z.string().regex(/^[a-z0-9']+$/, 'keys are single lower-case words'), z.string().min(1)),
  /** Words or phrases that say nothing about what is asked ("apparently", "ngl", "just in case"): the classifier drops them. */
  fillers: z.array(z.string().regex(/^[a-z0-9]+(?: [a-z0-9]+)*$/, 'fillers are lower-case words')).default([]),
  /** Whole-text fixes for the normaliser ("can not" -> "cant"); keys may be several words. */
  phrases: z.record(z.string().min(1), z.string()).default({}),
  /** Single words as typed in a short answer -> what the symptom-check readers look for ("lft" -> "left"). */
  answerWords: z.record(z.string().regex(/^[a-z0-9]+$/, 'keys are single lower-case words'), z.string().regex(/^[a-z0-9 ]+$/)).default({}),
  /** Contractions as typed -> in full ("can't" -> "can not"); see src/language/contractions.ts. */
  contractions: z
    .object({
      words: z.record(
        z.string().regex(/^[a-z']+$/, 'contractions are lower-case words, apostrophe and all'),
        z.string().regex(/^[a-z ]+$/),
      ),
      notShortened: z.array(z.string()).default([]),
      endings: z.record(z.string().regex(/^'[a-z]+$/, 'an ending starts with its apostrophe, like "\'re"'), z.string().regex(/^[a-z]*$/)),
    })
    .default({ words: {}, notShortened: [], endings: {} }),
  /**
   * Words for how bad the pain is, each with the 0-10 band it stands for ("mild" -> "2-3"), as the
   * normaliser leaves them (lower case, no apostrophes). The pain-score reader reads them.
   */
  severity: z
    .record(
      z.string().regex(/^[a-z0-9 ]+$/, 'severity words are lower-case words'),
      z
        .string()
        .regex(/^(\d|10)-(\d|10)$/, 'a band is two scores from 0 to 10, like "4-6"')
        .refine((band) => Number(band.split('-')[0]) <= Number(band.split('-')[1]), 'a band goes from the lower score to the higher'),
    )
    .default({}),
  /** Subjects the bot does not cover though a message borrows its words (see src/nlp/otherSubjects.ts). */
  otherSubjects: z
    .object({
      back: z.array(z.string().min(1)).min(1),
      notTheBack: z.array(z.string().min(1)).optional(),
      rules: z.array(
        z.object({
          id: z.string().min(1),
          terms: z.array(z.string().min(1)).min(1),
          with: z.array(z.string().min(1)).optional(),
          unless: z.array(z.string().min(1)).optional(),
          notWith: z.array(z.string().min(1)).optional(),
          evenWithBack: z.boolean().optional(),
        }),
      ),
    })
    .optional(),
});
export type LexiconFile = z.infer<typeof lexiconFileSchema>;
