/**
 * Saying an escalation and remembering it: one place for the bot's red-flag screen and for a symptom
 * check answer that is itself a red flag, so both raise the triage the same (sticky) way.
 */
import type { TurnContext } from 'botbuilder';
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

export async function sendEscalation(services: BotServices, context: TurnContext, screen: RedFlagScreen): Promise<void> {
  if (!screen.level) return;
  await recordTriage(services, context, screen.level, screen.hits.map((hit) => hit.id));
  if (screen.crisis) (await conversationDataOf(services, context)).crisis = true;
  noteIntent(context, screen.crisis ? 'crisis' : 'red_flag', 1);
  await context.sendActivity(composeEscalation(screen, services.region, services.safety));
}

/** Builds a screen from hits found some other way (an answer in the symptom check). */
export function screenOf(hits: RedFlagHit[]): RedFlagScreen {
  const level = TRIAGE_LEVELS.find((l) => hits.some((hit) => hit.level === l)) ?? null;
  return { hits, level, unclear: [], crisis: false };
}
