/**
 * What the current turn has done so far, in one record the pipeline and the dialogs share: what the
 * message was understood as (the TurnSummary's intent and score), the red flags it reported, the
 * highest escalation already said (so no reminder repeats it), and whether the user asked to be
 * forgotten (the bot deletes their state after the dialogs have finished writing to it).
 * The triage level itself is kept only in the conversation data (conversationData.ts).
 */
import { higherTriage } from '../safety/triage';
import type { TriageLevel } from '../safety/types';

export interface TurnRecord {
  intent: string;
  score: number;
  redFlags: string[];
  escalationSaid?: TriageLevel;
  forgetRequested: boolean;
}

/** Anything that carries the turn's own state (a Bot Framework TurnContext does). */
export interface WithTurnState {
  readonly turnState: Map<unknown, unknown>;
}

const TURN_RECORD = Symbol('turnRecord');

export function turnOf(context: WithTurnState): TurnRecord {
  let turn = context.turnState.get(TURN_RECORD) as TurnRecord | undefined;
  if (!turn) {
    turn = { intent: 'none', score: 0, redFlags: [], forgetRequested: false };
    context.turnState.set(TURN_RECORD, turn);
  }
  return turn;
}

/** Records what the turn was understood as; the last call in a turn wins. */
export function noteIntent(context: WithTurnState, intent: string, score: number): void {
  Object.assign(turnOf(context), { intent, score: Math.round(score * 1000) / 1000 });
}

export function noteRedFlags(context: WithTurnState, flagIds: string[]): void {
  const turn = turnOf(context);
  turn.redFlags = [...new Set([...turn.redFlags, ...flagIds])];
}

/** Notes that this turn has said the triage `level` (e.g. as a symptom-check result), so no reminder repeats it. */
export function markEscalationSaid(context: WithTurnState, level: TriageLevel): void {
  const turn = turnOf(context);
  turn.escalationSaid = higherTriage(turn.escalationSaid, level) ?? level;
}

/** True when this turn already said an escalation at `level` or higher: a reminder of it would only repeat it. */
export function escalatedThisTurn(context: WithTurnState, level: TriageLevel | null): boolean {
  const said = turnOf(context).escalationSaid;
  return said !== undefined && higherTriage(said, level) === said;
}

export function requestForget(context: WithTurnState): void {
  turnOf(context).forgetRequested = true;
}

export function isForgetRequested(context: WithTurnState): boolean {
  return turnOf(context).forgetRequested;
}
