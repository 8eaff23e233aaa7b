/**
 * The small part of the Adaptive Card 1.5 schema our Teams replies use, typed so the compiler rejects
 * an element or property Teams would not render. 1.5 is the newest version Teams renders everywhere
 * (desktop, web, mobile); a card of a newer version would show as an error there.
 */
export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';
export const ADAPTIVE_CARD_VERSION = '1.5';
export const ADAPTIVE_CARD_SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';

/** What a choice button submits. Teams posts `msteams.value` as the user's own message (imBack);
 * other hosts send `choice` as the activity's value, which incomingText reads as the typed text. */
export interface ChoiceSubmitData {
  choice: string;
  msteams:
    | { type: 'imBack'; value: string }
    | { type: 'messageBack'; text: string; displayText: string; value: { questionId: string; answer: string } };
  /** An answer button: the question it answers and its canonical answer (see src/questions/tap.ts). */
  questionId?: string;
  answer?: string;
}

export type CardAction =
  | { type: 'Action.Submit'; title: string; data: ChoiceSubmitData }
  | { type: 'Action.OpenUrl'; title: string; url: string; style?: 'default' | 'positive' | 'destructive' };

export type TextBlock = {
  type: 'TextBlock';
  text: string;
  wrap: true;
  weight?: 'Default' | 'Bolder';
  isSubtle?: boolean;
  size?: 'Small' | 'Default' | 'Medium' | 'Large';
  color?: 'Default' | 'Attention' | 'Warning';
  /** "heading" (1.5): announced as a heading by screen readers. */
  style?: 'default' | 'heading';
  spacing?: 'None' | 'Small' | 'Default';
};

export type CardElement =
  | TextBlock
  | { type: 'FactSet'; facts: Array<{ title: string; value: string }> }
  | { type: 'ActionSet'; actions: CardAction[] }
  /** A framed group; with selectAction the whole box is one button (its label wraps, unlike a button's). */
  | {
      type: 'Container';
      items: CardElement[];
      style?: 'emphasis' | 'attention' | 'warning';
      selectAction?: CardAction;
      spacing?: 'None' | 'Small' | 'Default';
      bleed?: boolean;
    };

export interface AdaptiveCard {
  $schema: typeof ADAPTIVE_CARD_SCHEMA;
  type: 'AdaptiveCard';
  version: typeof ADAPTIVE_CARD_VERSION;
  body: CardElement[];
  actions?: CardAction[];
  /** Shown by hosts that cannot render the card. */
  fallbackText?: string;
  /** Read out by screen readers for the whole card. */
  speak?: string;
}
