/**
 * Reading answers by question id, for scoring typed answers blind: readAnswer(questionId, text) uses
 * the shipped questions (knowledge/), exactly as the dialogs do. A batch file
 * (knowledge/evaluation/blind/answers-*.yaml) lists { question, text, expected } with `expected` the
 * canonical value ("yes", "7-41 days", "central", ...) or "unclear". Local phone numbers are read in
 * the batch's `region` (UK, US...), else in the bot's default region, as the booking dialog reads them.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import { loadBookingContent } from '../booking/bookingContent';
import { phoneCountryFor } from '../booking/contactDetails';
import { DEFAULT_REGION } from '../config';
import { DEFAULT_KNOWLEDGE_DIR, readYamlFile } from '../knowledge/loadKnowledge';
import { loadPrivacyContent } from '../privacy/privacyContent';
import { loadSymptomCheckContent } from '../symptoms/symptomCheckContent';
import { loadSafetyRules } from '../safety/loadSafetyRules';
import { loadNamedDays } from '../language/namedDays';
import { answerReadingOf, type AnswerReading } from './readContext';
import type { ReadContext } from './answerTypes';
import { buildQuestionCatalogue, questionById, type QuestionCatalogue } from './questionCatalogue';
import { readAnswerOf } from './readAnswer';

let shipped: QuestionCatalogue | undefined;
let shippedReading: Omit<AnswerReading, 'phoneCountry' | 'monthFirst'> | undefined;

export function loadQuestionCatalogue(dir: string = DEFAULT_KNOWLEDGE_DIR): QuestionCatalogue {
  return buildQuestionCatalogue({
    symptomCheck: loadSymptomCheckContent(dir),
    booking: loadBookingContent(dir),
    privacy: loadPrivacyContent(dir),
  });
}

/** The canonical value of a typed answer to one question, or 'unclear'. */
export function readAnswer(
  questionId: string,
  text: string,
  options: { today?: Date; phoneCountry?: ReadContext['phoneCountry'] } = {},
): string {
  shipped ??= loadQuestionCatalogue();
  // The bot's own language layer, as it builds it at start-up.
  if (!shippedReading) {
    const safety = loadSafetyRules(path.join(DEFAULT_KNOWLEDGE_DIR, 'safety'));
    shippedReading = answerReadingOf({
      language: safety.lexicon,
      concepts: safety.concepts,
      redFlags: safety,
      namedDays: loadNamedDays(DEFAULT_KNOWLEDGE_DIR),
    });
  }
  const phoneCountry = 'phoneCountry' in options ? options.phoneCountry : phoneCountryFor(DEFAULT_REGION);
  const context: ReadContext = {
    ...shippedReading,
    phoneCountry,
    monthFirst: phoneCountry === 'US',
    today: options.today ?? new Date(),
  };
  const result = readAnswerOf(questionById(shipped, questionId), text, undefined, context);
  return result.status === 'answered' ? result.canonical : 'unclear';
}

export const answerBatchSchema = z.object({
  /** The date the answers are read on ("since the 7th of November"), so durations are reproducible. */
  today: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  /** The bot's REGION the answers are read for (local phone numbers); the bot's default when absent. */
  region: z.string().optional(),
  answers: z.array(z.object({ question: z.string(), text: z.string(), expected: z.string() })).min(1),
});

export interface BatchScore {
  file: string;
  total: number;
  right: number;
  byQuestion: Record<string, { total: number; right: number }>;
  misses: Array<{ question: string; text: string; expected: string; got: string }>;
}

/**
 * The question sheet's duration format is "N days"; its authors write one day either as "1 day" or
 * "1 days". Both are the same reading, so the score compares day counts, never the plural.
 */
function sameAnswer(got: string, expected: string): boolean {
  const oneDay = (value: string) => value.replace(/^1 days$/, '1 day');
  return oneDay(got) === oneDay(expected);
}

export function scoreAnswerBatch(file: string): BatchScore {
  const batch = readYamlFile(file, answerBatchSchema);
  const today = batch.today ? new Date(`${batch.today}T12:00:00`) : new Date();
  const phoneCountry = phoneCountryFor(batch.region ?? DEFAULT_REGION);
  const score: BatchScore = { file: path.basename(file), total: 0, right: 0, byQuestion: {}, misses: [] };
  for (const { question, text, expected } of batch.answers) {
    const got = readAnswer(question, text, { today, phoneCountry });
    const ok = sameAnswer(got, expected);
    const row = (score.byQuestion[question] ??= { total: 0, right: 0 });
    row.total += 1;
    score.total += 1;
    if (ok) {
      row.right += 1;
      score.right += 1;
    } else {
      score.misses.push({ question, text, expected, got });
    }
  }
  return score;
}

export function answerBatchFiles(dir: string = path.join(DEFAULT_KNOWLEDGE_DIR, 'evaluation', 'blind')): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((name) => /^answers-.*\.ya?ml$/.test(name))
    .sort()
    .map((name) => path.join(dir, name));
}
