/**
 * The whole bot (pipeline + dialogs, real knowledge and safety rules, in-memory state) on botbuilder's
 * TestAdapter: every reply and the TurnSummary of a turn. Used by the tests and by `npm run eval` to
 * replay labelled conversations without a server.
 */
import { randomUUID } from 'node:crypto';
import * as os from 'node:os';
import * as path from 'node:path';
import { ActivityTypes, MemoryStorage, TestAdapter, type Activity } from 'botbuilder';
import { createBot } from '../bot/createBot';
import { createServices, type BotServices } from '../bot/services';
import type { TurnSummary } from '../bot/turnSummary';
import { parseConfig } from '../config';

export interface Turn {
  texts: string[];
  text: string;
  buttons: string[];
  summary: TurnSummary;
}

/**
 * The bot's real services (knowledge, classifier, safety rules) on fresh in-memory state; bookings go to
 * a private temp file, so in-process runs never touch the real data folder. `env` overrides settings.
 */
export function inMemoryServices(env: Record<string, string> = {}): BotServices {
  const config = parseConfig({ REGION: 'UK', ...env });
  const bookingsFile = path.join(os.tmpdir(), `bot-bookings-${randomUUID()}.json`);
  return createServices({ config, storage: new MemoryStorage(), pickVariant: () => 0, bookingsFile });
}

export class InProcessBot {
  readonly services: BotServices;
  private readonly adapter: TestAdapter;
  private replies: Partial<Activity>[] = [];

  constructor(env: Record<string, string> = {}) {
    this.services = inMemoryServices(env);
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

  async say(text: string): Promise<Turn> {
    this.replies = [];
    await this.adapter.receiveActivity({ type: ActivityTypes.Message, text, channelId: 'emulator' });
    const messages = this.replies.filter((a) => a.type === ActivityTypes.Message);
    const trace = this.replies.find((a) => a.type === ActivityTypes.Trace && a.name === 'TurnSummary');
    const texts = messages.map((m) => String(m.text ?? ''));
    return {
      texts,
      text: texts.join('\n'),
      buttons: messages.flatMap((m) => m.suggestedActions?.actions.map((a) => String(a.title)) ?? []),
      summary: trace?.value as TurnSummary,
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
