/**
 * The file format of a blind red-flag batch (knowledge/evaluation/blind/red-flags-*.yaml): each phrasing
 * with the level its author gave it and the sign in the author's words. Read by the blind evaluation and
 * by the second opinion's training (only the batches knowledge/safety/second-opinion.yaml lists).
 */
import { z } from 'zod';
import { readYamlFile } from '../knowledge/loadKnowledge';

const blindPhraseSchema = z.object({
  text: z.string().min(1),
  level: z.enum(['emergency', 'urgent', 'routine', 'none']),
  crisis: z.boolean().default(false),
  sign: z.string().default(''),
  kind: z.enum(['positive', 'near-miss']).default('positive'),
  ambiguous: z.boolean().default(false),
});
const blindPhrasesFileSchema = z.object({ phrases: z.array(blindPhraseSchema).min(1) });
export type BlindPhrase = z.infer<typeof blindPhraseSchema>;

export const loadBlindPhrases = (file: string): BlindPhrase[] => readYamlFile(file, blindPhrasesFileSchema).phrases;
