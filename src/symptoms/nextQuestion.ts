/**
 * Which follow-up question to ask next, given what is known. Plain function: the dialog asks, this
 * decides. Safety screens come early (right after the basics), and the optional questions are asked
 * only when their answer can change the advice.
 */
import type { QuestionId } from './symptomCheckContent';
import type { StartBackItem, SymptomAnswers } from './types';

export type PendingQuestion = { kind: 'question'; id: QuestionId } | { kind: 'startBack'; item: StartBackItem };

const TWO_WEEKS = 14;
const THREE_MONTHS = 84;
const START_BACK_ITEMS: StartBackItem[] = [2, 3, 4, 5, 6, 7, 8, 9];

/**
 * True when the STarT Back items add value: its items ask about the last 2 weeks, so pain that has
 * lasted that long (a medium or high score changes the advice to physiotherapy), or pain that is strong.
 */
export function startBackApplies(answers: SymptomAnswers): boolean {
  return (answers.durationDays ?? 0) >= TWO_WEEKS || (answers.severity ?? 0) >= 6;
}

const CORE_ORDER: Array<{ id: QuestionId; applies: (a: SymptomAnswers) => boolean }> = [
  { id: 'location', applies: () => true },
  { id: 'durationDays', applies: () => true },
  { id: 'timing', applies: () => true },
  { id: 'severity', applies: () => true },
  { id: 'legSymptoms', applies: () => true },
  { id: 'caudaEquinaScreen', applies: () => true },
  { id: 'seriousSignsScreen', applies: () => true },
  { id: 'trainingChanges', applies: () => true },
  { id: 'painBendingBackwards', applies: (a) => (a.trainingChanges ?? []).some((c) => c === 'mileage' || c === 'speed' || c === 'hills') },
  { id: 'morningStiffness', applies: (a) => (a.durationDays ?? 0) >= THREE_MONTHS },
  { id: 'age', applies: (a) => a.morningStiffness === true },
  { id: 'pastInjury', applies: () => true },
];

export function nextQuestion(answers: SymptomAnswers, skipped: readonly string[] = []): PendingQuestion | null {
  for (const { id, applies } of CORE_ORDER) {
    if (answers[id] === undefined && !skipped.includes(id) && applies(answers)) return { kind: 'question', id };
  }
  if (startBackApplies(answers)) {
    for (const item of START_BACK_ITEMS) {
      if (answers.startBack?.[item] === undefined && !skipped.includes(`startBack${item}`)) return { kind: 'startBack', item };
    }
  }
  return null;
}

export const pendingKey = (pending: PendingQuestion): string => (pending.kind === 'question' ? pending.id : `startBack${pending.item}`);
