/**
 * What dialogs say, independent of any channel. A dialog builds a BotReply; the renderer for the
 * channel at hand (src/channels) turns it into Web Chat buttons, a Teams card, Slack blocks or plain text.
 */
export interface ReplyChoice {
  /** Button label. */
  label: string;
  /** What the button sends, exactly as if the user had typed it (so typing always works too). */
  value: string;
}

export interface BotReply {
  text: string;
  choices?: ReplyChoice[];
  /** Titles of the articles an answer is drawn from, shown under it. */
  sources?: string[];
  /** Web links offered as buttons (the text should carry the address too, for channels without buttons). */
  links?: Array<{ label: string; url: string }>;
}

export const choice = (label: string, value: string = label): ReplyChoice => ({ label, value });
