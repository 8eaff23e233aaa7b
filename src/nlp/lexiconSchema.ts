import { z } from 'zod';

/** knowledge/nlp/lexicon.yaml: text-speak and abbreviations mapped to the words the classifier knows. */
export const lexiconFileSchema = z.object({
  replacements: z.record(z.string().regex(/^[a-z0-9']+$/, 'keys are single lower-case words'), z.string().min(1)),
  /** Whole-text fixes for the normaliser ("can not" -> "cant"); keys may be several words. */
  phrases: z.record(z.string().min(1), z.string()).default({}),
});
export type LexiconFile = z.infer<typeof lexiconFileSchema>;
