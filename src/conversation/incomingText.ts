/**
 * Reads the user's text from an activity and names what is wrong with it, if anything, so every kind of
 * odd input gets a short helpful reply instead of a crash or an echo of raw markup. Plain function.
 */
import { sanitizeUserText } from '../nlp/textNormalizer';

export type InputProblem = 'empty_message' | 'attachment_only' | 'markup_only' | 'emoji_only' | 'too_long';

export interface IncomingText {
  /** Clean text: markup and control characters removed. Safe to screen, classify and quote. */
  text: string;
  problem: InputProblem | null;
}

interface ActivityLike {
  text?: unknown;
  attachments?: unknown[];
  value?: unknown;
  entities?: unknown[];
  recipient?: { id?: unknown };
}

export function readIncomingText(activity: ActivityLike, maxLength: number): IncomingText {
  const raw = typedTextOf(activity);
  const { text, hadMarkup } = sanitizeUserText(raw);
  if (!text) {
    if (Array.isArray(activity.attachments) && activity.attachments.length > 0) return { text, problem: 'attachment_only' };
    return { text, problem: hadMarkup ? 'markup_only' : 'empty_message' };
  }
  if (!/[\p{L}\p{N}]/u.test(text)) return { text, problem: /\p{Extended_Pictographic}/u.test(text) ? 'emoji_only' : 'empty_message' };
  if (text.length > maxLength) return { text, problem: 'too_long' };
  return { text, problem: null };
}

/**
 * What the user said, whatever the channel's way of saying it:
 *   - in a Teams group chat or channel the message starts with the bot's @mention ("<at>Back on
 *     Track</at> book a physio"); the mention is not part of the request, so it goes;
 *   - a card button submitted without text (Adaptive Card Action.Submit outside Teams' imBack) carries
 *     the choice in `value.choice`, which is exactly what the user would have typed.
 */
export function typedTextOf(activity: ActivityLike): string {
  let text = typeof activity.text === 'string' ? activity.text : '';
  const botId = activity.recipient?.id;
  for (const entity of activity.entities ?? []) {
    const mention = entity as { type?: unknown; text?: unknown; mentioned?: { id?: unknown } } | null;
    if (
      mention?.type === 'mention' &&
      botId !== undefined &&
      mention.mentioned?.id === botId &&
      typeof mention.text === 'string' &&
      mention.text
    ) {
      text = text.split(mention.text).join(' ');
    }
  }
  if (text.trim() === '') {
    const submitted = (activity.value as { choice?: unknown } | null | undefined)?.choice;
    if (typeof submitted === 'string') return submitted;
  }
  return text;
}

/** True when most letters are outside the Latin alphabet (Cyrillic, Arabic, CJK...). */
export function isMostlyNonLatin(text: string): boolean {
  const letters = text.match(/\p{L}/gu) ?? [];
  const latin = letters.filter((ch) => /\p{Script=Latin}/u.test(ch));
  return letters.length > 0 && latin.length / letters.length < 0.5;
}
