/**
 * The TurnSummary trace: one per turn, on the emulator channel, for tests, evaluation and debugging.
 * Its shape is a contract (see README): intent, score, triage, redFlags, and redFlagQuestion when one is
 * open. It is built once, at the end of the turn, from the turn's record (src/conversation/turn.ts) and
 * the conversation's triage and pending red-flag question (set only by a reply that ends with it: every
 * message clears it first).
 */
import type { TurnContext } from 'botbuilder';
import { turnOf } from '../conversation/turn';
import type { ConversationData } from '../conversation/conversationData';
import type { TriageLevel } from '../safety/types';

export interface TurnSummary {
  intent: string;
  score: number;
  triage: TriageLevel | null;
  redFlags: string[];
  /** Set when the reply ends with a red-flag yes/no question: the flag it asks about. */
  redFlagQuestion?: string;
}

export function turnSummaryOf(
  context: TurnContext,
  conversation: Pick<ConversationData, 'triage' | 'pendingRedFlagQuestion'>,
): TurnSummary {
  const { intent, score, redFlags } = turnOf(context);
  const { triage, pendingRedFlagQuestion } = conversation;
  return { intent, score, triage, redFlags, ...(pendingRedFlagQuestion ? { redFlagQuestion: pendingRedFlagQuestion } : {}) };
}

export async function sendTurnSummary(context: TurnContext, summary: TurnSummary): Promise<void> {
  // Trace activities only reach the Emulator (and tests posing as it); other channels drop them.
  await context.sendTraceActivity('TurnSummary', summary, 'https://backontrack.example/schemas/turn-summary', 'Back on Track turn summary');
}
