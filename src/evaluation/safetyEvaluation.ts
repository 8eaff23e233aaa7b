/**
 * Triage agreement on labelled symptom-check conversations, for `npm run eval` and the tests.
 * (Red-flag recall and precision per level live beside the detector: src/safety/evaluation.ts.)
 */
import * as path from 'node:path';
import { z } from 'zod';
import { DEFAULT_KNOWLEDGE_DIR, readYamlFile } from '../knowledge/loadKnowledge';
import { triageLevelSchema } from '../safety/schema';
import type { TriageLevel } from '../safety/types';
import { InProcessBot } from './inProcessBot';

const conversationsFileSchema = z.object({
  conversations: z.array(z.object({ name: z.string(), expect: triageLevelSchema, messages: z.array(z.coerce.string()).min(1) })).min(1),
});
export type LabelledConversation = z.infer<typeof conversationsFileSchema>['conversations'][number];

export function loadLabelledConversations(dir: string = DEFAULT_KNOWLEDGE_DIR): LabelledConversation[] {
  return readYamlFile(path.join(dir, 'evaluation', 'symptom-check-conversations.yaml'), conversationsFileSchema).conversations;
}

export interface TriageAgreement {
  agreement: number;
  rows: Array<{ name: string; expected: TriageLevel; got: TriageLevel | null }>;
}

/** Replays each conversation through the whole bot and compares the final triage with the label. */
export async function triageAgreement(conversations: readonly LabelledConversation[]): Promise<TriageAgreement> {
  const rows: TriageAgreement['rows'] = [];
  for (const conversation of conversations) {
    const bot = new InProcessBot();
    const last = await bot.sayAll(conversation.messages);
    rows.push({ name: conversation.name, expected: conversation.expect, got: last.summary.triage });
  }
  return { agreement: rows.filter((r) => r.expected === r.got).length / Math.max(rows.length, 1), rows };
}
