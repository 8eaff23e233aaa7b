/**
 * Saying an escalation and remembering it: one place for the bot's red-flag screen and for a symptom
 * check answer that is itself a red flag, so both raise the triage the same (sticky) way.
 */
import type { TurnContext } from 'botbuilder';
import type { TriageCard } from './botReply';
import { composeEscalation, composeReminder, higherTriage, isEscalation } from '../safety/triage';
import { TRIAGE_LEVELS, type RedFlagHit, type RedFlagScreen, type TriageLevel } from '../safety/types';
import { conversationDataOf, type BotServices } from '../services';
import { escalatedThisTurn, markEscalationSaid, noteIntent, noteRedFlags } from './turn';

/** Raises the conversation's triage (never lowers it) and records the flags, in the conversation and in this turn. */
export async function recordTriage(services: BotServices, context: TurnContext, level: TriageLevel, flagIds: string[]): Promise<void> {
  const data = await conversationDataOf(services, context);
  data.triage = higherTriage(data.triage, level);
  data.redFlags = [...new Set([...data.redFlags, ...flagIds])];
  noteRedFlags(context, flagIds);
}

export async function sendEscalation(services: BotServices, context: TurnContext, screen: RedFlagScreen): Promise<void> {
  if (!screen.level) return;
  await recordTriage(
    services,
    context,
    screen.level,
    screen.hits.map((hit) => hit.id),
  );
  markEscalationSaid(context, screen.level);
  if (screen.crisis) (await conversationDataOf(services, context)).crisis = true;
  noteIntent(context, screen.crisis ? 'crisis' : 'red_flag', 1);
  // A routine result recommends a physio, so it carries the button that books one.
  const choices = screen.level === 'routine' ? [services.menu.intentChoices.book_physio] : undefined;
  await services.send(context, {
    text: composeEscalation(screen, services.region, services.safety),
    card: triageCard(services, screen.level, screen.crisis),
    choices,
  });
}

/** A routine flag (sciatica in one leg) noticed outside a symptom check: said after the answer, with the button that books a physio. */
export async function sendRoutineAdvice(services: BotServices, context: TurnContext, screen: RedFlagScreen): Promise<void> {
  await services.send(context, {
    text: composeEscalation(screen, services.region, services.safety),
    choices: [services.menu.intentChoices.book_physio],
  });
}

/** With storage down: the escalation from the screen alone, so an outage never swallows a red flag. */
export async function sendEscalationWithoutState(services: BotServices, context: TurnContext, screen: RedFlagScreen): Promise<void> {
  await services.send(context, { text: composeEscalation(screen, services.region, services.safety) });
}

/**
 * Once emergency or urgent has been said, every later turn ends with a reminder, unless this turn said
 * it already. Read after the dialogs: "start over" replaces the conversation data (and keeps the escalation).
 */
export async function sendReminderIfOwed(services: BotServices, context: TurnContext): Promise<void> {
  const { triage, crisis } = await conversationDataOf(services, context);
  if (isEscalation(triage) && !escalatedThisTurn(context, triage))
    await context.sendActivity(composeReminder(triage, services.region, services.safety, { crisis }));
}

/**
 * The card that goes with a triage message: the calls it asks for, the one to make now first, as
 * tel: links (one tap on a phone). Emergency: the emergency number. Crisis: the crisis line, then the
 * emergency number. Urgent: the urgent route's number when it has one (NHS 111), then the emergency
 * number the message gives for "if it suddenly gets worse". Self-care: what to do next, as buttons,
 * since nothing needs a call.
 */
export function triageCard(services: BotServices, level: TriageLevel, crisis = false): TriageCard {
  const { region, menu } = services;
  const numbers = crisis
    ? [numberIn(region.crisisLine), region.emergencyNumber]
    : level === 'emergency'
      ? [region.emergencyNumber]
      : level === 'urgent'
        ? [numberIn(region.urgentRoute), region.emergencyNumber]
        : [];
  const calls = [...new Set(numbers)].flatMap((number) => {
    const url = number ? telUrlOf(number) : undefined;
    return url ? [{ label: services.say('call_emergency_button', { emergencyNumber: number! }), url }] : [];
  });
  const card: TriageCard = { kind: 'triage', level, calls, ...(crisis ? { crisis } : {}) };
  if (level === 'self-care' && !crisis) card.nextSteps = menu.nextSteps.afterSelfCare;
  return card;
}

/** The first phone number in a region's wording ("Samaritans on 116 123 (free...)" -> "116 123"), if any. */
export function numberIn(text: string): string | undefined {
  return /(?<![\w-])\+?\d[\d ]{1,14}\d(?![\w-])/.exec(text)?.[0];
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
