/**
 * What dialogs say, independent of any channel. A dialog builds a BotReply; the renderer for the
 * channel at hand (src/channels) turns it into Web Chat buttons, a Teams card, Slack blocks or plain text.
 */
import type { TriageLevel } from '../safety/types';

export interface ReplyChoice {
  /** Button label. */
  label: string;
  /**
   * Without `questionId`: what the button sends, exactly as if the user had typed it. With it: the
   * canonical answer to that question (src/questions), sent with the label as the user's words.
   */
  value: string;
  /** The question this button answers: a tap is applied to that question only. */
  questionId?: string;
}

/** A web (or tel:) link offered as a button. */
export interface ReplyLink {
  label: string;
  url: string;
}

/**
 * The result of a red-flag screen or symptom check. The wording stays in `text`; the card tells a rich
 * channel how urgent it is and which calls matter, first the one to make now (e.g. "Call 999" as a
 * tel: link). Emergency, urgent and crisis messages are alerts: every channel shows them as such, the
 * calls as buttons that stay (not suggestions that vanish with the next message).
 */
export interface TriageCard {
  kind: 'triage';
  level: TriageLevel;
  /** Thoughts of suicide or self-harm: the crisis line comes first. */
  crisis?: boolean;
  /** tel: links, the one to use now first. */
  calls: ReplyLink[];
  /** What the user can do next when nothing urgent is needed (e.g. exercises, booking), as buttons. */
  nextSteps?: ReplyChoice[];
}

/** True for the messages every channel shows as an alert: act now, or today. */
export function isAlert(card: ReplyCard | undefined): boolean {
  return card?.kind === 'triage' && (card.crisis === true || card.level === 'emergency' || card.level === 'urgent');
}

/**
 * Details the user is asked to confirm (the booking request). `text` lists them as lines too, for
 * channels without tables; `linesInText` is that exact block, so a renderer that shows the fields as a
 * table (Teams facts, Slack fields) can drop it from the text instead of showing everything twice.
 */
export interface SummaryCard {
  kind: 'bookingSummary';
  fields: Array<{ label: string; value: string }>;
  linesInText: string;
}

export type ReplyCard = TriageCard | SummaryCard;

export interface BotReply {
  text: string;
  choices?: ReplyChoice[];
  /** Titles of the articles an answer is drawn from, shown under it. */
  sources?: string[];
  /** Web links offered as buttons (the text should carry the address too, for channels without buttons). */
  links?: ReplyLink[];
  /** Structure a rich channel can show as a card; the text alone must still say everything. */
  card?: ReplyCard;
}

export const choice = (label: string, value: string = label): ReplyChoice => ({ label, value });
