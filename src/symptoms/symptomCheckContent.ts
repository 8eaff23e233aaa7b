/** knowledge/symptom-check.yaml: the wording of the symptom check and its advice map, validated. */
import * as path from 'node:path';
import { z } from 'zod';
import { readYamlFile } from '../knowledge/loadKnowledge';
import { questionSchema } from '../questions/questionSchema';

export const QUESTION_IDS = [
  'location',
  'durationDays',
  'timing',
  'severity',
  'legSymptoms',
  'caudaEquinaScreen',
  'seriousSignsScreen',
  'trainingChanges',
  'painBendingBackwards',
  'morningStiffness',
  'age',
  'pastInjury',
] as const;
export type QuestionId = (typeof QUESTION_IDS)[number];

export const symptomCheckContentSchema = z.strictObject({
  intro: z.string().min(10),
  consent: questionSchema,
  questions: z.object(Object.fromEntries(QUESTION_IDS.map((id) => [id, questionSchema])) as Record<QuestionId, typeof questionSchema>),
  startBack: z.object({
    intro: z.string().min(10),
    items: z.object(
      Object.fromEntries([2, 3, 4, 5, 6, 7, 8, 9].map((n) => [String(n), questionSchema])) as Record<
        '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9',
        typeof questionSchema
      >,
    ),
  }),
  result: z.object({
    summary: z.string().includes('{reasons}'),
    noDetail: z.string().min(3),
    adviceIntro: z.string().min(5),
    declinedConsent: z.string().min(10),
    cancelled: z.string().min(10),
    /** Said when an urgent answer comes before the cauda equina screen: that one question first. */
    urgentScreenFirst: z.string().min(10),
    /** Said when consent stayed unclear: the check runs without keeping anything. */
    consentAssumedNo: z.string().min(10),
  }),
  advice: z.record(z.string(), z.array(z.string()).min(1)),
});

export type SymptomCheckContent = z.infer<typeof symptomCheckContentSchema>;

export function loadSymptomCheckContent(knowledgeDir: string): SymptomCheckContent {
  return readYamlFile(path.join(knowledgeDir, 'symptom-check.yaml'), symptomCheckContentSchema);
}
