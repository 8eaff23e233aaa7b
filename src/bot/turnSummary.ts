/**
 * The TurnSummary trace: one per turn, on the emulator channel, for tests, evaluation and debugging.
 * Its shape is a contract (see README): intent, score, triage, redFlags.
 */
import type { TurnContext } from 'botbuilder';
import type { TriageLevel } from '../safety/types';

export interface TurnSummary {
  intent: string;
  score: number;
  triage: TriageLevel | null;
  redFlags: string[];
}

const TURN_SUMMARY = Symbol('turnSummary');

export function turnSummaryOf(context: TurnContext): TurnSummary {
  let summary = context.turnState.get(TURN_SUMMARY) as TurnSummary | undefined;
  if (!summary) {
    summary = { intent: 'none', score: 0, triage: null, redFlags: [] };
    context.turnState.set(TURN_SUMMARY, summary);
  }
  return summary;
}

/** Records what the turn was understood as; the last call in a turn wins. */
export function noteIntent(context: TurnContext, intent: string, score: number): void {
  Object.assign(turnSummaryOf(context), { intent, score: Math.round(score * 1000) / 1000 });
}

export async function sendTurnSummary(context: TurnContext): Promise<void> {
  // Trace activities only reach the Emulator (and tests posing as it); other channels drop them.
  await context.sendTraceActivity(
    'TurnSummary',
    turnSummaryOf(context),
    'https://backontrack.example/schemas/turn-summary',
    'Back on Track turn summary',
  );
}
