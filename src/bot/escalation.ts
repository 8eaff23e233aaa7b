/**
 * Saying an escalation and remembering it: one place for the bot's red-flag screen and for a symptom
 * check answer that is itself a red flag, so both raise the triage the same (sticky) way.
 */
import type { TurnContext } from 'botbuilder';
import type { TriageCard } from '../conversation/botReply';
import { composeEscalation, higherTriage } from '../safety/triage';
import { TRIAGE_LEVELS, type RedFlagHit, type RedFlagScreen, type TriageLevel } from '../safety/types';
import { conversationDataOf, type BotServices } from './services';
import { noteIntent, turnSummaryOf } from './turnSummary';

/** Raises the conversation's triage (never lowers it) and records the flags in the turn summary. */
export async function recordTriage(services: BotServices, context: TurnContext, level: TriageLevel, flagIds: string[]): Promise<void> {
  const data = await conversationDataOf(services, context);
  data.triage = higherTriage(data.triage, level);
  data.redFlags = [...new Set([...data.redFlags, ...flagIds])];
  const summary = turnSummaryOf(context);
  summary.triage = data.triage;
  summary.redFlags = [...new Set([...summary.redFlags, ...flagIds])];
}

const ESCALATED_THIS_TURN = Symbol('escalatedThisTurn');

/** True when this turn already said an escalation at `level` or higher: a reminder of it would only repeat it. */
export function escalatedThisTurn(context: TurnContext, level: TriageLevel | null): boolean {
  const said = context.turnState.get(ESCALATED_THIS_TURN) as TriageLevel | undefined;
  return said !== undefined && higherTriage(said, level) === said;
}

/** Notes that this turn has said the triage `level` (e.g. as a symptom-check result), so no reminder repeats it. */
export function markEscalationSaid(context: TurnContext, level: TriageLevel): void {
  context.turnState.set(ESCALATED_THIS_TURN, higherTriage(context.turnState.get(ESCALATED_THIS_TURN) as TriageLevel | undefined, level));
}

export async function sendEscalation(services: BotServices, context: TurnContext, screen: RedFlagScreen): Promise<void> {
  if (!screen.level) return;
  await recordTriage(services, context, screen.level, screen.hits.map((hit) => hit.id));
  markEscalationSaid(context, screen.level);
  if (screen.crisis) (await conversationDataOf(services, context)).crisis = true;
  noteIntent(context, screen.crisis ? 'crisis' : 'red_flag', 1);
  // A routine result recommends a physio, so it carries the button that books one.
  const choices = screen.level === 'routine' ? [services.menu.intentChoices.book_physio] : undefined;
  await services.send(context, { text: composeEscalation(screen, services.region, services.safety), card: triageCard(services, screen.level, screen.crisis), choices });
}

/**
 * The card that goes with a triage message. Emergencies (and crises, whose message also says to call
 * the emergency number) get the call itself as the action: one tap on a phone.
 */
export function triageCard(services: BotServices, level: TriageLevel, crisis = false): TriageCard {
  const telUrl = telUrlOf(services.region.emergencyNumber);
  if (!telUrl || (level !== 'emergency' && !crisis)) return { kind: 'triage', level };
  return { kind: 'triage', level, action: { label: services.say('call_emergency_button'), url: telUrl } };
}

/** "999" -> "tel:999"; undefined for an EMERGENCY_NUMBER override that is not a dialable number. */
export function telUrlOf(number: string): string | undefined {
  const digits = number.replace(/[\s().-]/g, '');
  return /^\+?\d{2,15}$/.test(digits) ? `tel:${digits}` : undefined;
}

/** Builds a screen from hits found some other way (an answer in the symptom check). */
export function screenOf(hits: RedFlagHit[]): RedFlagScreen {
  const level = TRIAGE_LEVELS.find((l) => hits.some((hit) => hit.level === l)) ?? null;
  return { hits, level, unclear: [], crisis: false };
}
