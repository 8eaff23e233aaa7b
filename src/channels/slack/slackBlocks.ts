/**
 * The Slack renderer: a BotReply as a Block Kit message. Text in mrkdwn sections, choices as buttons
 * (five to an actions block, so they stay on one or two lines), the booking summary as section fields,
 * sources in a context block. Slack refuses a whole message when one block breaks a limit
 * (invalid_blocks), so every limit below is enforced here rather than hoped for.
 */
import { isAlert, type BotReply, type ReplyChoice } from '../../conversation/botReply';
import { tapPayload } from '../../questions/tap';
import { splitAction } from '../alertCard';
import { linkPhoneNumbers } from '../markdownText';
import { escapeSlack, markdownToMrkdwn } from './slackMrkdwn';

export const SLACK_LIMITS = {
  blocksPerMessage: 50,
  sectionText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  buttonText: 75,
  buttonValue: 2000,
  buttonsPerActionsBlock: 5,
  contextText: 2000,
  /** Slack truncates a message's top-level text beyond 40,000 characters; notifications show far less. */
  fallbackText: 3000,
} as const;

type MrkdwnText = { type: 'mrkdwn'; text: string };
type PlainText = { type: 'plain_text'; text: string; emoji: true };
export type SlackButton = { type: 'button'; text: PlainText; action_id: string; value?: string; url?: string };
export type SlackBlock =
  | { type: 'section'; text: MrkdwnText }
  | { type: 'section'; fields: MrkdwnText[] }
  | { type: 'actions'; elements: SlackButton[] }
  | { type: 'context'; elements: MrkdwnText[] };

export interface SlackMessage {
  /** Shown in notifications and by clients that cannot show blocks. */
  text: string;
  blocks: SlackBlock[];
}

/** Button action ids start with this; the interactivity endpoint only answers such buttons. */
export const CHOICE_ACTION_PREFIX = 'choice_';
export const LINK_ACTION_PREFIX = 'link_';

const TRIAGE_MARKS = { emergency: ':rotating_light: ', urgent: ':warning: ', routine: '', 'self-care': '' } as const;

export function renderSlackMessage(reply: BotReply, options: { sourcesLabel: string }): SlackMessage {
  const card = reply.card;
  const words =
    card?.kind === 'bookingSummary' && card.linesInText
      ? reply.text
          .replace(card.linesInText, '')
          .replace(/\n{3,}/g, '\n\n')
          .trim()
      : reply.text;
  const mark = card?.kind === 'triage' ? TRIAGE_MARKS[card.crisis ? 'urgent' : card.level] : '';
  const calls = card?.kind === 'triage' ? card.calls : [];
  let mrkdwn = mark + markdownToMrkdwn(linkPhoneNumbers(words, calls));
  if (card?.kind === 'triage' && isAlert(card)) {
    // Action first and bold; Slack has no red frame, so the mark and the bold line stand in for it.
    const [action, rest] = splitAction(markdownToMrkdwn(linkPhoneNumbers(words, calls)));
    mrkdwn = `${mark}*${action.replace(/\*/g, '')}*${rest ? `\n${rest}` : ''}`;
  }

  const sections = (text: string): SlackBlock[] =>
    splitText(text, SLACK_LIMITS.sectionText).map((part) => ({ type: 'section', text: { type: 'mrkdwn', text: part } }));
  // The booking summary is read in order: the words before it, its fields, then the question about them.
  const [before, after] =
    card?.kind === 'bookingSummary' && card.linesInText && reply.text.includes(card.linesInText)
      ? reply.text.split(card.linesInText).map((part) => markdownToMrkdwn(part.trim()))
      : [mrkdwn, ''];
  const blocks: SlackBlock[] = sections(before);
  // Slack buttons open web links only, so each call is a tel: link of its own line, which stays in the message.
  if (calls.length)
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: calls.map((c) => `:telephone_receiver: *<${c.url}|${escapeSlack(c.label)}>*`).join('   ') },
    });
  if (card?.kind === 'bookingSummary') {
    // Values are what the user typed: escaped, never read as mrkdwn links or mentions.
    const fields = card.fields.map((field) => ({
      type: 'mrkdwn' as const,
      text: clip(`*${markdownToMrkdwn(field.label)}*\n${escapeSlack(field.value)}`, SLACK_LIMITS.fieldText),
    }));
    for (let i = 0; i < fields.length; i += SLACK_LIMITS.sectionFields)
      blocks.push({ type: 'section', fields: fields.slice(i, i + SLACK_LIMITS.sectionFields) });
  }
  if (after) blocks.push(...sections(after));
  const buttons: SlackButton[] = [
    ...(reply.links ?? [])
      .filter((link) => /^https?:\/\//i.test(link.url))
      .map((link, i) => ({ type: 'button' as const, text: plain(link.label), action_id: `${LINK_ACTION_PREFIX}${i}`, url: link.url })),
    ...[...(reply.choices ?? []), ...(card?.kind === 'triage' ? (card.nextSteps ?? []) : [])].map((c, i) => ({
      type: 'button' as const,
      text: plain(c.label),
      action_id: `${CHOICE_ACTION_PREFIX}${i}`,
      value: clip(slackButtonValue(c), SLACK_LIMITS.buttonValue),
    })),
  ];
  for (let i = 0; i < buttons.length; i += SLACK_LIMITS.buttonsPerActionsBlock)
    blocks.push({ type: 'actions', elements: buttons.slice(i, i + SLACK_LIMITS.buttonsPerActionsBlock) });
  if (reply.sources?.length) {
    blocks.push({
      type: 'context',
      elements: [
        { type: 'mrkdwn', text: clip(`${options.sourcesLabel} ${markdownToMrkdwn(reply.sources.join('; '))}`, SLACK_LIMITS.contextText) },
      ],
    });
  }
  return { text: clip(mrkdwn, SLACK_LIMITS.fallbackText), blocks: blocks.slice(0, SLACK_LIMITS.blocksPerMessage) };
}

/** An answer button carries its question and canonical answer as JSON (read back by slackPayloads). */
export function slackButtonValue(choice: ReplyChoice): string {
  return choice.questionId ? JSON.stringify({ ...tapPayload(choice.questionId, choice.value), label: choice.label }) : choice.value;
}

/** The text and tap a clicked button's value stands for. */
export function readSlackButtonValue(
  value: string,
  label: string | undefined,
): { text: string; tap?: { questionId: string; answer: string } } {
  if (value.startsWith('{')) {
    try {
      const parsed = JSON.parse(value) as { questionId?: unknown; answer?: unknown; label?: unknown };
      if (typeof parsed.questionId === 'string' && typeof parsed.answer === 'string') {
        return {
          text: typeof parsed.label === 'string' ? parsed.label : (label ?? parsed.answer),
          tap: { questionId: parsed.questionId, answer: parsed.answer },
        };
      }
    } catch {
      // Not ours: read it as text.
    }
  }
  return { text: value };
}

const plain = (text: string): PlainText => ({ type: 'plain_text', text: clip(text, SLACK_LIMITS.buttonText), emoji: true });

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Splits at paragraph, then line, then word boundaries so no section passes Slack's limit (none for no text). */
export function splitText(text: string, max: number): string[] {
  const chunks: string[] = [];
  let rest = text.trim();
  while (rest.length > max) {
    const window = rest.slice(0, max);
    const cut = [window.lastIndexOf('\n\n'), window.lastIndexOf('\n'), window.lastIndexOf(' ')].find((at) => at > max / 2) ?? max;
    chunks.push(rest.slice(0, cut).trim());
    rest = rest.slice(cut).trim();
  }
  if (rest) chunks.push(rest);
  return chunks;
}
