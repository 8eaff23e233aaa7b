/**
 * The renderer for channels that show no buttons or formatting (SMS). Every button's value is
 * something the user can type, so choices become one "Reply with: ..." line and links are spelled out.
 */
import { ActivityTypes, type Activity } from 'botbuilder';
import type { BotReply } from '../conversation/botReply';
import { textWithSources } from './renderReply';

export interface PlainTextOptions {
  sourcesLabel: string;
  /** The choices line with a {choices} placeholder, e.g. "Reply with: {choices}". */
  replyWithChoices: string;
}

/** Markdown emphasis and links as plain text: `**BT-7K3Q9**` -> `BT-7K3Q9`, `[site](https://x)` -> `site (https://x)`. */
export function markdownToPlain(text: string): string {
  return text
    .replace(/\[([^\]\n]+)\]\(([^)\s]+)\)/g, (_whole, label: string, url: string) => (label === url ? url : `${label} (${url})`))
    .replace(/(\*\*|__)(?=\S)([^\n]*?\S)\1/g, '$2')
    .replace(/(^|[\s(])([*_])(?=\S)([^*_\n]*?\S)\2(?=[\s).,!?:;]|$)/g, '$1$3');
}

export function renderPlainText(reply: BotReply, options: PlainTextOptions): Partial<Activity> {
  const parts = [markdownToPlain(textWithSources(reply, options.sourcesLabel))];
  const links = [...(reply.links ?? [])].filter((link) => !parts[0].includes(link.url));
  if (links.length) parts.push(links.map((link) => `${link.label}: ${link.url}`).join('\n'));
  const choices = [...(reply.choices ?? []), ...(reply.card?.kind === 'triage' ? (reply.card.nextSteps ?? []) : [])];
  if (choices.length) {
    // " / " rather than "A, B or C": it needs no translation and stays clear when a value has commas.
    // An answer button's label is what to type (typing it gives the same answer as tapping it).
    const values = [...new Set(choices.map((c) => (c.questionId ? c.label : c.value)))].join(' / ');
    parts.push(options.replyWithChoices.replace('{choices}', values));
  }
  return { type: ActivityTypes.Message, text: parts.join('\n\n'), textFormat: 'plain' };
}
