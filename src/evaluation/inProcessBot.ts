/**
 * The whole bot (pipeline + dialogs, real knowledge and safety rules, in-memory state) on botbuilder's
 * TestAdapter: every reply and the TurnSummary of a turn. Used by the tests and by `npm run eval` to
 * replay labelled conversations without a server.
 */
import { randomUUID } from 'node:crypto';
import * as os from 'node:os';
import * as path from 'node:path';
import { ActivityTypes, MemoryStorage, TestAdapter, type Activity, type CardAction, type Storage } from 'botbuilder';
import { createBot } from '../bot/createBot';
import { createServices, type BotServices } from '../services';
import type { TurnSummary } from '../bot/turnSummary';
import { parseConfig } from '../config';

export interface Turn {
  texts: string[];
  text: string;
  buttons: string[];
  /** The buttons as sent: what a tap on each would post back. */
  actions: CardAction[];
  summary: TurnSummary;
  /** Every activity the bot sent this turn (events such as handoff.initiate included). */
  activities: Partial<Activity>[];
}

/**
 * The bot's real services (knowledge, classifier, safety rules) on fresh in-memory state; bookings go to
 * a private temp file, so in-process runs never touch the real data folder. `env` overrides settings.
 */
export function inMemoryServices(env: Record<string, string> = {}, storage: Storage = new MemoryStorage()): BotServices {
  const config = parseConfig({ REGION: 'UK', ...env });
  const bookingsFile = path.join(os.tmpdir(), `bot-bookings-${randomUUID()}.json`);
  return createServices({ config, storage, pickVariant: () => 0, bookingsFile });
}

export class InProcessBot {
  readonly services: BotServices;
  private readonly adapter: TestAdapter;
  private replies: Partial<Activity>[] = [];

  /**
   * `storage`: state elsewhere than in memory (a test's lowdb folder), e.g. to read it back with a CLI.
   * `overrides`: services to use instead of the real ones (the evaluation's safety rules with a second
   * opinion trained without the batch under test).
   */
  constructor(env: Record<string, string> = {}, storage?: Storage, overrides: Partial<BotServices> = {}) {
    this.services = { ...inMemoryServices(env, storage), ...overrides };
    const bot = createBot(this.services);
    this.adapter = new TestAdapter((context) => bot.run(context), { channelId: 'emulator' });
    this.adapter.use({
      onTurn: async (context, next) => {
        context.onSendActivities(async (_ctx, activities, nextSend) => {
          this.replies.push(...activities);
          return nextSend();
        });
        await next();
      },
    });
  }

  /** The last turn's buttons, for tap(). */
  private lastActions: CardAction[] = [];

  async say(text: string): Promise<Turn> {
    return this.send({ text });
  }

  /**
   * Taps a button of the last turn by its label, as Web Chat posts it: an answer button sends its label
   * as text with the question id and canonical answer as value; other buttons send their value as text.
   */
  async tap(label: string, action: CardAction | undefined = this.lastActions.find((a) => a.title === label)): Promise<Turn> {
    if (!action) throw new Error(`no button "${label}" in the last reply`);
    if (action.type === 'messageBack') return this.send({ text: String(action.text ?? action.title), value: action.value });
    return this.send({ text: String(action.value) });
  }

  private async send(message: { text: string; value?: unknown }): Promise<Turn> {
    this.replies = [];
    await this.adapter.receiveActivity({ type: ActivityTypes.Message, ...message, channelId: 'emulator' });
    const messages = this.replies.filter((a) => a.type === ActivityTypes.Message);
    const trace = this.replies.find((a) => a.type === ActivityTypes.Trace && a.name === 'TurnSummary');
    const texts = messages.map((m) => String(m.text ?? ''));
    const actions = messages.flatMap((m) => m.suggestedActions?.actions ?? []);
    this.lastActions = actions;
    return {
      texts,
      text: texts.join('\n'),
      buttons: actions.map((a) => String(a.title)),
      actions,
      summary: trace?.value as TurnSummary,
      activities: [...this.replies],
    };
  }

  /** The texts the bot sent in the last turn, also when that turn then failed. */
  lastTexts(): string[] {
    return this.replies.filter((a) => a.type === ActivityTypes.Message).map((m) => String(m.text ?? ''));
  }

  /** Says each line in turn; returns the last turn. */
  async sayAll(lines: string[]): Promise<Turn> {
    let last: Turn | undefined;
    for (const line of lines) last = await this.say(line);
    return last!;
  }
}
