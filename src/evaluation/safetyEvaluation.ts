/**
 * Safety measurements for `npm run eval` and the tests: red-flag recall and precision per triage level
 * on labelled phrasings, and triage agreement on labelled symptom-check conversations.
 */
import * as path from 'node:path';
import { z } from 'zod';
import { DEFAULT_KNOWLEDGE_DIR, readYamlFile } from '../knowledge/loadKnowledge';
import { screenForRedFlags } from '../safety/redFlagDetector';
import { triageLevelSchema } from '../safety/schema';
import { TRIAGE_LEVELS, type RedFlagRules, type TriageLevel } from '../safety/types';
import type { RedFlagPhrase } from '../safety/schema';
import { InProcessBot } from './inProcessBot';

export interface LevelScore {
  level: TriageLevel;
  expected: number;
  predicted: number;
  recall: number;
  precision: number;
}

export interface RedFlagReport {
  total: number;
  perLevel: LevelScore[];
  /** Phrasings expected below urgent (or none) that the screen escalated to urgent or emergency. */
  overEscalated: string[];
  /** Emergency phrasings not caught at emergency. */
  missedEmergencies: string[];
}

export function redFlagReport(phrases: readonly RedFlagPhrase[], rules: RedFlagRules): RedFlagReport {
  const results = phrases.map((p) => ({ phrase: p, level: screenForRedFlags(p.text, rules).level }));
  const perLevel = TRIAGE_LEVELS.filter((l) => l !== 'self-care').map((level) => {
    const expected = results.filter((r) => r.phrase.level === level);
    const predicted = results.filter((r) => r.level === level);
    return {
      level,
      expected: expected.length,
      predicted: predicted.length,
      recall: expected.length ? expected.filter((r) => r.level === level).length / expected.length : 1,
      precision: predicted.length ? predicted.filter((r) => r.phrase.level === level).length / predicted.length : 1,
    };
  });
  const escalates = (level: TriageLevel | null) => level === 'emergency' || level === 'urgent';
  return {
    total: phrases.length,
    perLevel,
    overEscalated: results.filter((r) => !escalates(r.phrase.level) && escalates(r.level)).map((r) => r.phrase.text),
    missedEmergencies: results.filter((r) => r.phrase.level === 'emergency' && r.level !== 'emergency').map((r) => r.phrase.text),
  };
}

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
