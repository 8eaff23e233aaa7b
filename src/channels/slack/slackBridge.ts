/**
 * Slack conversations as turns of the same bot: each Slack message (or button click) becomes a
 * Bot Framework message activity on channel "slack", runs in-process through the app's adapter and bot
 * (replies returned, as for the self-hosted Direct Line), and each reply is posted back with
 * chat.postMessage as Block Kit. Turns of one conversation run one after another, in arrival order;
 * different conversations run side by side. A user's first contact starts with the bot's welcome
 * (with the "general information, not a diagnosis, not for emergencies" notice the safety spec asks
 * for at the start), once per user. A thread the bot has answered in is a conversation with it: later
 * replies there are answered without an @mention. Both are remembered in the bot's storage, and
 * "forget me" deletes both records with the rest: the user's next message is a first contact again.
 */
import type { Activity, Storage } from 'botbuilder';
import type { KnownBlock, WebClient } from '@slack/web-api';
import type { TurnRunner } from '../inProcessTurn';
import { markdownToMrkdwn } from './slackMrkdwn';
import { conversationIdOf, type SlackTurn } from './slackPayloads';
import { slackMessageOf } from './slackReply';

/**
 * Resolves true when this delivery is the first of its kind, false for a Slack retry or a replay (then
 * nothing runs). Asked in the conversation's queue, so turns still run in arrival order.
 */
export type FirstDeliveryCheck = () => Promise<boolean>;

const FIRST_DELIVERY: FirstDeliveryCheck = async () => true;

export interface SlackBridgeParts {
  runTurn: TurnRunner;
  web: WebClient;
  /** The turn-error wording, posted when a turn fails before the bot could say anything. */
  apology: string;
  log: (message: string) => void;
  /** Where first contacts and the bot's threads are remembered; in memory when absent (tests, no state). */
  storage?: Storage;
}

export interface ClickedChoice {
  turn: SlackTurn;
  label: string;
  /** The message whose button was clicked: its buttons are replaced by the choice made. */
  message?: { ts: string; blocks: unknown[] };
}

export class SlackBridge {
  private readonly queues = new Map<string, Promise<void>>();
  private readonly remembered = new Set<string>();

  constructor(private readonly parts: SlackBridgeParts) {}

  /** Queues a user's message; returns at once (Slack wants its 200 within 3 seconds). */
  acceptMessage(turn: SlackTurn, firstDelivery = FIRST_DELIVERY): void {
    this.enqueue(conversationIdOf(turn), async () => {
      if (await firstDelivery()) await this.runAndReply(turn);
    });
  }

  /** Queues a thread reply without a mention: answered only in a thread the bot is already in. */
  acceptThreadReply(turn: SlackTurn, firstDelivery = FIRST_DELIVERY): void {
    this.enqueue(conversationIdOf(turn), async () => {
      if ((await firstDelivery()) && (await this.recall(threadKey(turn)))) await this.runAndReply(turn);
    });
  }

  /** Queues a button click: the click is shown as made, then the choice is the user's message. */
  acceptChoice(click: ClickedChoice, firstDelivery = FIRST_DELIVERY): void {
    this.enqueue(conversationIdOf(click.turn), async () => {
      if (!(await firstDelivery())) return;
      if (click.message) await this.markChosen(click.turn.channel, click.message, click.label);
      await this.runAndReply(click.turn);
    });
  }

  /** Resolves when every queued turn has finished (before the app closes its storage). */
  async drain(): Promise<void> {
    while (this.queues.size > 0) await Promise.all([...this.queues.values()]);
  }

  private enqueue(conversationId: string, work: () => Promise<void>): void {
    const previous = this.queues.get(conversationId) ?? Promise.resolve();
    const next = previous.then(work).catch((error: unknown) => this.parts.log(`slack: turn failed: ${describe(error)}`));
    this.queues.set(conversationId, next);
    void next.finally(() => {
      if (this.queues.get(conversationId) === next) this.queues.delete(conversationId);
    });
  }

  private async runAndReply(turn: SlackTurn): Promise<void> {
    if (!(await this.recall(greetedKey(turn)))) {
      // First contact: the welcome and its safety notice come before the answer, and only once.
      await this.runAndPost(turn, joinActivityOf(turn));
      await this.remember(greetedKey(turn));
    }
    const forgotten = await this.runAndPost(turn, activityOf(turn));
    if (forgotten) await this.forget([greetedKey(turn), threadKey(turn)]);
    else if (turn.threadTs) await this.remember(threadKey(turn));
  }

  /** Runs the turn and posts its replies; true when the user asked to be forgotten in it. */
  private async runAndPost(turn: SlackTurn, activity: Partial<Activity>): Promise<boolean> {
    let replies: Array<Partial<Activity>>;
    let forgotten = false;
    try {
      const outcome = await this.parts.runTurn(activity as Record<string, unknown>);
      replies = outcome.replies as Array<Partial<Activity>>;
      forgotten = outcome.forgotten;
    } catch (error) {
      this.parts.log(`slack: the bot's turn failed: ${describe(error)}`);
      replies = activity.type === 'message' ? [{ type: 'message', text: this.parts.apology }] : [];
    }
    for (const reply of replies) {
      if (reply.type !== 'message') continue;
      const message = slackMessageOf(reply);
      if (!message) continue;
      await this.parts.web.chat.postMessage({
        channel: turn.channel,
        text: message.text,
        ...(message.blocks.length ? { blocks: message.blocks as KnownBlock[] } : {}),
        ...(turn.threadTs ? { thread_ts: turn.threadTs } : {}),
        unfurl_links: false,
        unfurl_media: false,
      });
    }
    return forgotten;
  }

  private async recall(key: string): Promise<boolean> {
    if (this.remembered.has(key)) return true;
    if (!this.parts.storage) return false;
    try {
      const found = key in (await this.parts.storage.read([key]));
      if (found) this.remembered.add(key);
      return found;
    } catch (error) {
      this.parts.log(`slack: could not read what the bot remembers: ${describe(error)}`);
      return false;
    }
  }

  private async remember(key: string): Promise<void> {
    if (this.remembered.has(key)) return;
    this.remembered.add(key);
    // Bounded: a long-running process forgets the oldest; storage still has them.
    if (this.remembered.size > 10_000) this.remembered.delete(this.remembered.values().next().value as string);
    try {
      await this.parts.storage?.write({ [key]: { at: new Date().toISOString(), eTag: '*' } });
    } catch (error) {
      this.parts.log(`slack: could not save what the bot remembers: ${describe(error)}`);
    }
  }

  /** "Forget me": the user's first-contact record and this conversation's thread record go with the bot's state. */
  private async forget(keys: string[]): Promise<void> {
    for (const key of keys) this.remembered.delete(key);
    try {
      await this.parts.storage?.delete(keys);
    } catch (error) {
      this.parts.log(`slack: could not delete what the bot remembers: ${describe(error)}`);
    }
  }

  /** Replaces the clicked message's buttons with the choice, so old buttons cannot be clicked again. */
  private async markChosen(channel: string, message: { ts: string; blocks: unknown[] }, label: string): Promise<void> {
    const kept = message.blocks.filter((block) => (block as { type?: unknown } | null)?.type !== 'actions') as KnownBlock[];
    const chosen: KnownBlock = { type: 'context', elements: [{ type: 'mrkdwn', text: `:white_check_mark: ${markdownToMrkdwn(label)}` }] };
    try {
      await this.parts.web.chat.update({ channel, ts: message.ts, text: label, blocks: [...kept, chosen] });
    } catch (error) {
      // Cosmetic only: the choice itself still goes to the bot.
      this.parts.log(`slack: could not mark the clicked message: ${describe(error)}`);
    }
  }
}

/** The Bot Framework activity for a Slack message. Ids follow Azure's Slack channel: user:team. */
export function activityOf(turn: SlackTurn): Partial<Activity> {
  const inChannel = Boolean(turn.threadTs);
  return {
    type: 'message',
    id: turn.id,
    channelId: 'slack',
    // Replies are returned by the in-process turn; nothing is ever posted to this address.
    serviceUrl: 'https://slack.com/api/',
    timestamp: new Date(),
    from: { id: `${turn.user}:${turn.team}`, name: '', role: 'user' },
    recipient: { id: `bot:${turn.team}`, name: 'Back on Track', role: 'bot' },
    conversation: { id: conversationIdOf(turn), isGroup: inChannel, conversationType: inChannel ? 'channel' : 'personal', name: '' },
    text: turn.text,
    ...(turn.tap ? { value: turn.tap } : {}),
    channelData: { slack: { team: turn.team, channel: turn.channel, ...(turn.threadTs ? { thread_ts: turn.threadTs } : {}) } },
  };
}

/** The conversationUpdate Slack never sends: the user joins the conversation, and the bot welcomes them. */
export function joinActivityOf(turn: SlackTurn): Partial<Activity> {
  const { text: _text, ...message } = activityOf(turn);
  return { ...message, type: 'conversationUpdate', id: `${turn.id}-join`, membersAdded: [{ id: `${turn.user}:${turn.team}`, name: '' }] };
}

const greetedKey = (turn: SlackTurn): string => `slack-greeted/${turn.team}/${turn.user}`;
const threadKey = (turn: SlackTurn): string => `slack-thread/${conversationIdOf(turn)}`;

/** Names a failure without quoting anything the user said: Slack's error code, or the error's name. */
function describe(error: unknown): string {
  const err = error as { code?: unknown; data?: { error?: unknown }; name?: unknown };
  return [err?.name, err?.code, err?.data?.error].filter((part) => typeof part === 'string').join(' ') || 'unknown error';
}
