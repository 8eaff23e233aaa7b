/**
 * The Microsoft Teams renderer. The message's words stay in the activity's `text` (Teams shows them
 * above the card, and uses them for notifications and search); an Adaptive Card 1.5 under it carries
 * what text cannot: choice buttons, the triage action (e.g. a tel: link to call 999) and the booking
 * summary as a table of facts.
 */
import { ActivityTypes, CardFactory, type Activity } from 'botbuilder';
import type { BotReply } from '../../conversation/botReply';
import { textWithSources } from '../renderReply';
import { tapPayload } from '../../questions/tap';
import { ADAPTIVE_CARD_SCHEMA, ADAPTIVE_CARD_VERSION, type AdaptiveCard, type CardAction, type CardElement } from './adaptiveCard';

export interface TeamsRenderOptions {
  sourcesLabel: string;
  /** "Reply with: {choices}", the card's fallback text for hosts that cannot show it. */
  replyWithChoices: string;
}

/** Teams shows at most six actions at a card's foot; more go into action sets in the body. */
const MAX_FOOT_ACTIONS = 6;
const ACTIONS_PER_SET = 5;

export function renderTeamsReply(reply: BotReply, options: TeamsRenderOptions): Partial<Activity> {
  const activity: Partial<Activity> = { type: ActivityTypes.Message, text: teamsText(reply, options.sourcesLabel), textFormat: 'markdown' };
  const card = teamsCard(reply, options);
  if (card) activity.attachments = [CardFactory.adaptiveCard(card)];
  return activity;
}

/** The text, without the lines the card shows as facts (they would otherwise appear twice). */
function teamsText(reply: BotReply, sourcesLabel: string): string {
  const text = textWithSources(reply, sourcesLabel);
  if (reply.card?.kind !== 'bookingSummary' || !reply.card.linesInText) return text;
  return text.replace(reply.card.linesInText, '').replace(/\n{3,}/g, '\n\n').trim();
}

export function teamsCard(reply: BotReply, options: TeamsRenderOptions): AdaptiveCard | undefined {
  const body: CardElement[] = [];
  if (reply.card?.kind === 'bookingSummary') {
    body.push({ type: 'FactSet', facts: reply.card.fields.map((field) => ({ title: field.label, value: field.value })) });
  }
  const actions = cardActions(reply);
  if (body.length === 0 && actions.length === 0) return undefined;

  const card: AdaptiveCard = { $schema: ADAPTIVE_CARD_SCHEMA, type: 'AdaptiveCard', version: ADAPTIVE_CARD_VERSION, body };
  if (actions.length <= MAX_FOOT_ACTIONS) {
    if (actions.length) card.actions = actions;
  } else {
    for (let i = 0; i < actions.length; i += ACTIONS_PER_SET) body.push({ type: 'ActionSet', actions: actions.slice(i, i + ACTIONS_PER_SET) });
  }
  if (reply.choices?.length) card.fallbackText = options.replyWithChoices.replace('{choices}', reply.choices.map((c) => (c.questionId ? c.label : c.value)).join(' / '));
  return card;
}

function cardActions(reply: BotReply): CardAction[] {
  const actions: CardAction[] = [];
  if (reply.card?.kind === 'triage' && reply.card.action) {
    // Red for the levels that mean "act now"; Teams opens tel: links in the phone's dialler.
    const urgent = reply.card.level === 'emergency' || reply.card.level === 'urgent';
    actions.push({ type: 'Action.OpenUrl', title: reply.card.action.label, url: reply.card.action.url, ...(urgent ? { style: 'destructive' as const } : {}) });
  }
  for (const link of reply.links ?? []) actions.push({ type: 'Action.OpenUrl', title: link.label, url: link.url });
  for (const choice of reply.choices ?? []) {
    if (choice.questionId) {
      // Teams posts msteams.value as the activity's value and shows displayText as the user's words;
      // other card hosts post `data` itself (choice is then the text, questionId/answer the tap).
      const tap = tapPayload(choice.questionId, choice.value);
      actions.push({ type: 'Action.Submit', title: choice.label, data: { choice: choice.label, ...tap, msteams: { type: 'messageBack', text: choice.label, displayText: choice.label, value: tap } } });
    } else {
      actions.push({ type: 'Action.Submit', title: choice.label, data: { choice: choice.value, msteams: { type: 'imBack', value: choice.value } } });
    }
  }
  return actions;
}
