/**
 * Puts the answer to one pending question, as its reader read it (src/questions), into the answers.
 * Plain function. A range from a button is kept as the range (ranges), with its lower bound for the
 * duration rules and its upper bound for the pain score, so a tap never understates the pain.
 */
import type { DurationAnswer } from '../questions/readers/duration';
import type { ScoreAnswer } from '../questions/readers/score';
import type { PendingQuestion } from './nextQuestion';
import type { SymptomAnswers } from './types';

export function applyAnswer(answers: SymptomAnswers, pending: PendingQuestion, value: unknown): void {
  if (pending.kind === 'startBack') {
    answers.startBack = { ...answers.startBack, [pending.item]: value as boolean };
    return;
  }
  if (pending.id === 'durationDays') {
    const duration = value as DurationAnswer;
    answers.durationDays = duration.days;
    if (duration.range) answers.ranges = { ...answers.ranges, durationDays: duration.range };
    return;
  }
  if (pending.id === 'severity') {
    const score = value as ScoreAnswer;
    answers.severity = score.score;
    if (score.range) answers.ranges = { ...answers.ranges, severity: score.range };
    return;
  }
  (answers as Record<string, unknown>)[pending.id] = value;
}
