/**
 * The Microsoft Teams renderer. A reply with anything text cannot carry (choices, calls, the booking
 * summary, sources) is one Adaptive Card 1.5 holding the words too, so the question and its answers sit
 * together (Teams would otherwise show the text above an empty-looking card). Choices are stacked,
 * full-width boxes whose labels wrap, so none is cut to "Why d..." at 360 px. Escalations use the
 * shared alert card. The activity's `summary` carries the plain words for notifications; a reply
 * with words only stays a plain markdown message.
 */
import { ActivityTypes, CardFactory, type Activity } from 'botbuilder';
import { isAlert, type BotReply, type ReplyChoice } from '../../conversation/botReply';
import { alertCard, callActions } from '../alertCard';
import { withLineBreaks } from '../markdownText';
import { markdownToPlain } from '../plainTextReply';
import { textWithSources } from '../renderReply';
import { tapPayload } from '../../questions/tap';
import { ADAPTIVE_CARD_SCHEMA, ADAPTIVE_CARD_VERSION, type AdaptiveCard, type CardAction, type CardElement } from './adaptiveCard';

export interface TeamsRenderOptions {
  sourcesLabel: string;
  /** "Reply with: {choices}", the card's fallback text for hosts that cannot show it. */
  replyWithChoices: string;
}

export function renderTeamsReply(reply: BotReply, options: TeamsRenderOptions): Partial<Activity> {
  const card = teamsCard(reply, options);
  if (!card)
    return { type: ActivityTypes.Message, text: withLineBreaks(textWithSources(reply, options.sourcesLabel)), textFormat: 'markdown' };
  return { type: ActivityTypes.Message, summary: markdownToPlain(reply.text), attachments: [CardFactory.adaptiveCard(card)] };
}

const paragraphs = (text: string): CardElement[] =>
  text
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => ({ type: 'TextBlock' as const, text: withLineBreaks(p), wrap: true as const }));

/**
 * Teams posts msteams.value (messageBack) or the label (imBack) as the user's message; other card hosts
 * post `data` itself. An answer button carries its question and canonical answer (src/questions/tap.ts).
 */
function choiceSubmit(choice: ReplyChoice): CardAction {
  if (!choice.questionId)
    return { type: 'Action.Submit', title: choice.label, data: { choice: choice.value, msteams: { type: 'imBack', value: choice.value } } };
  const tap = tapPayload(choice.questionId, choice.value);
  return {
    type: 'Action.Submit',
    title: choice.label,
    data: { choice: choice.label, ...tap, msteams: { type: 'messageBack', text: choice.label, displayText: choice.label, value: tap } },
  };
}

function choiceBox(choice: ReplyChoice): CardElement {
  const submit = choiceSubmit(choice);
  return {
    type: 'Container',
    style: 'emphasis',
    spacing: 'Small',
    selectAction: submit,
    items: [{ type: 'TextBlock', text: choice.label, wrap: true, weight: 'Bolder', color: 'Default' }],
  };
}

export function teamsCard(reply: BotReply, options: TeamsRenderOptions): AdaptiveCard | undefined {
  const summary = reply.card;
  const choices = [...(reply.choices ?? []), ...(summary?.kind === 'triage' ? (summary.nextSteps ?? []) : [])];
  const links = reply.links ?? [];
  const hasRichPart =
    choices.length > 0 ||
    links.length > 0 ||
    !!reply.sources?.length ||
    summary?.kind === 'bookingSummary' ||
    (summary?.kind === 'triage' && (isAlert(summary) || summary.calls.length > 0));
  if (!hasRichPart) return undefined;

  let card: AdaptiveCard;
  if (summary?.kind === 'triage' && isAlert(summary)) {
    card = alertCard(summary, reply.text, markdownToPlain(reply.text));
  } else {
    const body: CardElement[] = [];
    if (summary?.kind === 'bookingSummary' && summary.linesInText && reply.text.includes(summary.linesInText)) {
      // The words before the details, the details as a table, then the question about them.
      const [before, after] = reply.text.split(summary.linesInText);
      body.push(
        ...paragraphs(before),
        { type: 'FactSet', facts: summary.fields.map((f) => ({ title: f.label, value: f.value })) },
        ...paragraphs(after),
      );
    } else {
      body.push(...paragraphs(reply.text));
      if (summary?.kind === 'bookingSummary')
        body.push({ type: 'FactSet', facts: summary.fields.map((f) => ({ title: f.label, value: f.value })) });
    }
    if (summary?.kind === 'triage' && summary.calls.length) body.push({ type: 'ActionSet', actions: callActions(summary) });
    card = {
      $schema: ADAPTIVE_CARD_SCHEMA,
      type: 'AdaptiveCard',
      version: ADAPTIVE_CARD_VERSION,
      body,
      fallbackText: markdownToPlain(reply.text),
    };
  }
  if (reply.sources?.length)
    card.body.push({
      type: 'TextBlock',
      text: `${options.sourcesLabel} ${reply.sources.join('; ')}`,
      wrap: true,
      isSubtle: true,
      size: 'Small',
    });
  if (links.length)
    card.body.push({ type: 'ActionSet', actions: links.map((l) => ({ type: 'Action.OpenUrl' as const, title: l.label, url: l.url })) });
  card.body.push(...choices.map(choiceBox));
  if (choices.length)
    card.fallbackText =
      `${card.fallbackText ?? ''}\n\n${options.replyWithChoices.replace('{choices}', choices.map((c) => (c.questionId ? c.label : c.value)).join(' / '))}`.trim();
  return card;
}
