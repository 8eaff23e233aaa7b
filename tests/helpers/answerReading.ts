/** The shipped answer-reading context (language layer, named days, the bilateral-leg flag's words) on a given day. */
import * as path from 'node:path';
import { loadNamedDays } from '../../src/language/namedDays';
import type { ReadContext } from '../../src/questions/answerTypes';
import { answerReadingOf, type AnswerReading } from '../../src/questions/readContext';
import { loadSafetyRules } from '../../src/safety/loadSafetyRules';

const KNOWLEDGE = path.join(__dirname, '..', '..', 'knowledge');
let shipped: AnswerReading | undefined;

export function shippedReading(): AnswerReading {
  if (!shipped) {
    const safety = loadSafetyRules(path.join(KNOWLEDGE, 'safety'));
    shipped = answerReadingOf({
      language: safety.lexicon,
      concepts: safety.concepts,
      redFlags: safety,
      namedDays: loadNamedDays(KNOWLEDGE),
      phoneCountry: 'GB',
    });
  }
  return shipped;
}

export const readingOn = (today: Date): ReadContext => ({ ...shippedReading(), today });
