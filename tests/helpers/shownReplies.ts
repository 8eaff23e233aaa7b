/**
 * What a reply shows on its channel, in reading order: Web Chat and Teams show an Adaptive Card in place
 * of the words it carries (suggested actions under the message), Slack its Block Kit blocks, other
 * channels the text. For tests that check what a user sees rather than how an activity is built.
 */
import type { ReplyActivity } from '../../src/cli/directPost';
import { messagesOf } from './runningBot';

interface CardNode {
  type: string;
  text?: string;
  title?: string;
  items?: CardNode[];
  actions?: CardNode[];
  selectAction?: CardNode;
  facts?: unknown[];
}
interface SlackBlock {
  type: string;
  text?: { text: string };
  fields?: unknown[];
  elements?: Array<{ type: string; text?: { text: string } | string }>;
}

export type Shown = { words: string } | { button: string };

/** A card in reading order: its words, and its buttons (action sets, and stacked boxes that are a tap each). */
export function cardInOrder(nodes: CardNode[]): Shown[] {
  return nodes.flatMap((node): Shown[] => {
    if (node.selectAction) return [{ button: String(node.selectAction.title) }];
    if (node.type === 'TextBlock') return [{ words: node.text ?? '' }];
    if (node.type === 'FactSet') return [{ words: 'facts' }];
    if (node.type === 'ActionSet') return (node.actions ?? []).map((a) => ({ button: String(a.title) }));
    return cardInOrder(node.items ?? []);
  });
}

/** Slack blocks in reading order; a line of tel: links ("📞 Call 111") is the call buttons Slack cannot have. */
export function slackInOrder(blocks: SlackBlock[]): Shown[] {
  return blocks.flatMap((block): Shown[] => {
    if (block.type === 'actions')
      return (block.elements ?? []).map((e) => ({ button: typeof e.text === 'string' ? e.text : (e.text?.text ?? '') }));
    const text = block.text?.text ?? '';
    if (block.type === 'section' && /^(:telephone_receiver: \*<tel:[^|]+\|[^>]+>\*\s*)+$/.test(text))
      return [...text.matchAll(/<tel:[^|]+\|([^>]+)>/g)].map((m) => ({ button: m[1] }));
    if (block.type === 'context') return [];
    return [{ words: text || 'fields' }];
  });
}

/** What the last message of a turn shows, top to bottom, on the channel it was sent to. */
export function lastMessageInOrder(channel: string, replies: ReplyActivity[]): Shown[] {
  const last = messagesOf(replies).at(-1);
  if (!last) return [];
  // Slack: the blocks the renderer made; a message sent as text only (a reminder) shows its text.
  const blocks = (last as { channelData?: { blocks?: SlackBlock[] } }).channelData?.blocks;
  if (channel === 'slack') return blocks ? slackInOrder(blocks) : [{ words: last.text ?? '' }];
  const cards = ((last.attachments ?? []) as Array<{ contentType: string; content: { body: CardNode[] } }>)
    .filter((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')
    .flatMap((a) => cardInOrder(a.content.body));
  // Web Chat shows the card in place of the words it carries; suggested actions come under the message.
  const shown: Shown[] = cards.length ? cards : [{ words: last.text ?? '' }];
  return [...shown, ...(last.suggestedActions?.actions ?? []).map((a) => ({ button: String(a.title) }))];
}

/** The buttons after the message's last words (none when it ends with words). */
export function endingButtons(channel: string, replies: ReplyActivity[]): string[] {
  const shown = lastMessageInOrder(channel, replies);
  const lastWords = shown.map((s) => 'words' in s).lastIndexOf(true);
  return shown.slice(lastWords + 1).map((s) => ('button' in s ? s.button : ''));
}

/** What the user reads in a turn, whichever channel: each message's text and the words its card or blocks show. */
export const wordsOf = (channel: string, replies: ReplyActivity[]): string =>
  messagesOf(replies)
    .flatMap((r) => [r.text ?? '', ...lastMessageInOrder(channel, [r]).map((s) => ('words' in s ? s.words : ''))])
    .join('\n');
