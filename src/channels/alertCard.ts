/**
 * An escalation as an Adaptive Card, the same for Web Chat and Teams: a red-framed box, the action
 * first (the message's first sentence, its phone numbers as tel: links), the rest of the words, then
 * one button per call. The buttons are part of the message, so they stay when the chat moves on.
 */
import type { TriageCard } from '../conversation/botReply';
import { linkPhoneNumbers, withLineBreaks } from './markdownText';
import { ADAPTIVE_CARD_SCHEMA, ADAPTIVE_CARD_VERSION, type AdaptiveCard, type CardAction, type CardElement } from './teams/adaptiveCard';

/** The first sentence (the action) and the rest; a text of one sentence has no rest. */
export function splitAction(text: string): [string, string] {
  const match = /^(.+?[.!?])(?:\s+)([\s\S]+)$/.exec(text.trim());
  return match ? [match[1], match[2]] : [text.trim(), ''];
}

export function callActions(card: TriageCard): CardAction[] {
  return card.calls.map((call, i) => ({
    type: 'Action.OpenUrl' as const,
    title: call.label,
    url: call.url,
    // Red for the emergency call itself; the urgent route or crisis line, first on their messages, stands out too.
    ...(i === 0 && card.level === 'emergency' && !card.crisis
      ? { style: 'destructive' as const }
      : i === 0
        ? { style: 'positive' as const }
        : {}),
  }));
}

/** `text` is the message's markdown (sources excluded); `plain` is what a screen reader reads for it. */
export function alertCard(card: TriageCard, text: string, plain: string): AdaptiveCard {
  const [action, rest] = splitAction(linkPhoneNumbers(text, card.calls));
  const items: CardElement[] = [
    { type: 'TextBlock', text: action, wrap: true, weight: 'Bolder', size: 'Medium', color: 'Attention', style: 'heading' },
  ];
  if (rest) items.push({ type: 'TextBlock', text: withLineBreaks(rest), wrap: true, spacing: 'Small' });
  const actions = callActions(card);
  if (actions.length) items.push({ type: 'ActionSet', actions });
  return {
    $schema: ADAPTIVE_CARD_SCHEMA,
    type: 'AdaptiveCard',
    version: ADAPTIVE_CARD_VERSION,
    body: [{ type: 'Container', style: 'attention', items }],
    speak: plain,
    fallbackText: plain,
  };
}
