/**
 * Reads the user's reply to one pending question into the answers. Returns false when the reply is
 * unclear, so the dialog re-asks with an example instead of guessing. Plain function.
 */
import {
  parseAge,
  parseDuration,
  parseLegSymptoms,
  parseLocation,
  parseSeverity,
  parseTiming,
  parseTrainingChanges,
  parseYesNo,
} from './answerParsers';
import type { PendingQuestion } from './nextQuestion';
import { parseBothersomeness } from './startBack';
import type { SymptomAnswers } from './types';

/** STarT Back is phrased as statements to agree with; "agree"/"disagree" are yes/no here. */
const agreement = (text: string): boolean | undefined => {
  const t = text.trim().toLowerCase();
  if (/^(strongly )?disagree\b/.test(t)) return false;
  if (/^(strongly )?agree\b/.test(t)) return true;
  return parseYesNo(text);
};

export function applyAnswer(answers: SymptomAnswers, pending: PendingQuestion, text: string): boolean {
  if (pending.kind === 'startBack') {
    const value = pending.item === 9 ? parseBothersomeness(text) : agreement(text);
    if (value === undefined) return false;
    answers.startBack = { ...answers.startBack, [pending.item]: value };
    return true;
  }
  type QuestionPending = Extract<PendingQuestion, { kind: 'question' }>;
  const parsers: { [K in QuestionPending['id']]: (t: string) => SymptomAnswers[K] | undefined } = {
    location: parseLocation,
    durationDays: parseDuration,
    timing: parseTiming,
    severity: parseSeverity,
    legSymptoms: parseLegSymptoms,
    caudaEquinaScreen: parseYesNo,
    seriousSignsScreen: parseYesNo,
    trainingChanges: parseTrainingChanges,
    painBendingBackwards: parseYesNo,
    morningStiffness: parseYesNo,
    age: parseAge,
    pastInjury: parseYesNo,
  };
  const value = parsers[pending.id](text);
  if (value === undefined) return false;
  (answers as Record<string, unknown>)[pending.id] = value;
  return true;
}
