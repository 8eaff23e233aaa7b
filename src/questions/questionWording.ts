/** knowledge/questions.yaml: wording shared by every question flow, validated. */
import * as path from 'node:path';
import { z } from 'zod';
import { readYamlFile } from '../knowledge/loadKnowledge';

export const questionWordingSchema = z.strictObject({
  staleButton: z.string().min(10),
  staleButtonNoQuestion: z.string().min(10),
  cancelled: z.string().min(10),
});

export type QuestionWording = z.infer<typeof questionWordingSchema>;

export const loadQuestionWording = (knowledgeDir: string): QuestionWording =>
  readYamlFile(path.join(knowledgeDir, 'questions.yaml'), questionWordingSchema);
