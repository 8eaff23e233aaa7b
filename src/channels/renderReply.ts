/**
 * The Web Chat / Emulator / Direct Line renderer: markdown text and suggested-action buttons. The
 * renderer for a turn is picked by channel in renderForChannel.ts; dialogs never look at the channel.
 * Line breaks show as written, the booking summary's values (what the user typed) show as plain text, and an escalation is an alert card with its calls as tel: buttons that stay.
 */
import { ActionTypes, ActivityTypes, CardFactory, type Activity, type CardAction } from 'botbuilder';
import { isAlert, type BotReply, type ReplyChoice } from '../conversation/botReply';
import { tapPayload } from '../questions/tap';
import { alertCard } from './alertCard';
import { escapeMarkdown, withLineBreaks } from './markdownText';
import { markdownToPlain } from './plainTextReply';

export interface RenderOptions {
  sourcesLabel: string;
}

/** The reply's text with its sources under it: what every renderer shows as the message itself. */
export function textWithSources(reply: BotReply, sourcesLabel: string): string {
  return reply.sources?.length ? `${reply.text}\n\n${sourcesLabel} ${reply.sources.join('; ')}` : reply.text;
}

/**
 * A button that answers a question is a messageBack: the label shows as what the user said, and the
 * question id with the canonical answer travel in `value`. Other buttons send their value as typed text.
 */
function choiceAction(choice: ReplyChoice): CardAction {
  if (!choice.questionId) return { type: ActionTypes.ImBack, title: choice.label, value: choice.value };
  return {
    type: ActionTypes.MessageBack,
    title: choice.label,
    text: choice.label,
    displayText: choice.label,
    value: tapPayload(choice.questionId, choice.value),
  };
}

/**
 * The booking summary's lines as written, each value (what the user typed) escaped: a name like
 * "[x](http://...)" shows as typed, never as a link, an image or HTML.
 */
function withSummaryEscaped(reply: BotReply, text: string): string {
  if (reply.card?.kind !== 'bookingSummary' || !reply.card.linesInText || !text.includes(reply.card.linesInText)) return text;
  let lines = reply.card.linesInText;
  let at = 0;
  for (const field of reply.card.fields) {
    const found = lines.indexOf(field.value, at);
    if (found < 0 || !field.value) continue;
    const escaped = escapeMarkdown(field.value);
    lines = lines.slice(0, found) + escaped + lines.slice(found + field.value.length);
    at = found + escaped.length;
  }
  return text.replace(reply.card.linesInText, () => lines);
}

/**
 * The reply's markdown for a host that renders CommonMark (Web Chat's markdown-it). The words stay as
 * written (transcripts and other clients read them); an alert's tel: links are in its card.
 */
export function markdownOf(reply: BotReply, sourcesLabel: string): string {
  return withLineBreaks(withSummaryEscaped(reply, textWithSources(reply, sourcesLabel)));
}

export function renderReply(reply: BotReply, options: RenderOptions): Partial<Activity> {
  const activity: Partial<Activity> = {
    type: ActivityTypes.Message,
    text: markdownOf(reply, options.sourcesLabel),
    textFormat: 'markdown',
  };
  const card = reply.card;
  if (card?.kind === 'triage' && isAlert(card)) {
    // The card repeats the words inside the red frame; the chat page shows the card in place of the plain bubble.
    activity.attachments = [CardFactory.adaptiveCard(alertCard(card, reply.text, markdownToPlain(reply.text)))];
  }
  const calls = card?.kind === 'triage' && !isAlert(card) ? card.calls : [];
  const actions: CardAction[] = [
    ...calls.map((c) => ({ type: ActionTypes.OpenUrl, title: c.label, value: c.url })),
    ...(reply.links ?? []).map((l) => ({ type: ActionTypes.OpenUrl, title: l.label, value: l.url })),
    ...(reply.choices ?? []).map(choiceAction),
    ...(card?.kind === 'triage' ? (card.nextSteps ?? []) : []).map(choiceAction),
  ];
  if (actions.length) activity.suggestedActions = { to: [], actions: dedupe(actions) };
  return activity;
}

/** A next step the dialog already offers (e.g. "Book a physio") is shown once. */
function dedupe(actions: CardAction[]): CardAction[] {
  const seen = new Set<string>();
  return actions.filter((a) => {
    const key = `${a.type}|${a.title}|${JSON.stringify(a.value)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
