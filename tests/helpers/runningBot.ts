/** Starts the real bot (real restify server, real lowdb storage in a temp folder) on a free local port. */
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import type { Storage } from 'botbuilder';
import { createApp, type App } from '../../src/app';
import { parseConfig } from '../../src/config';
import { postActivity, type ReplyActivity } from '../../src/cli/directPost';
import { createLogger } from '../../src/observability/logger';
import { makeTempDir } from './tempDir';

export interface RunningBot {
  app: App;
  url: string;
  logs: string[];
  dataDir: string;
  stop(): Promise<void>;
}

/**
 * `levelled`: `logs` holds the JSON lines the operator's logger writes at LOG_LEVEL=warn (so a test can
 * tell a warning from information) instead of every plain message the parts of the bot log.
 */
export async function startBot(env: Record<string, string> = {}, storage?: Storage, { levelled = false } = {}): Promise<RunningBot> {
  const temp = makeTempDir('bot-http-');
  const logs: string[] = [];
  // Request logs would bury jest's report; tests that read logs capture them through `log`.
  const config = parseConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: temp.dir, REGION: 'UK', LOG_LEVEL: 'warn', ...env });
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs.push(chunk.toString());
      done();
    },
  });
  const logging = levelled ? { logger: createLogger('warn', sink) } : { log: (m: string) => logs.push(m) };
  const app = createApp(config, { ...logging, pickVariant: () => 0, storage });
  const url = await app.listen();
  return {
    app,
    url,
    logs,
    dataDir: temp.dir,
    stop: async () => {
      await app.close();
      temp.cleanup();
    },
  };
}

/** A user talking to the bot over HTTP with expectReplies, one conversation. */
export class HttpUser {
  readonly conversationId = `test-${randomUUID()}`;
  readonly user = { id: `user-${randomUUID().slice(0, 8)}`, name: 'Runner' };

  constructor(
    private readonly url: string,
    private readonly channelId = 'emulator',
  ) {}

  join(): Promise<ReplyActivity[]> {
    return postActivity(this.url, {
      type: 'conversationUpdate',
      conversationId: this.conversationId,
      user: this.user,
      membersAdded: [this.user],
      channelId: this.channelId,
    });
  }

  say(text: string, extra?: Record<string, unknown>): Promise<ReplyActivity[]> {
    return postActivity(this.url, {
      type: 'message',
      conversationId: this.conversationId,
      user: this.user,
      text,
      channelId: this.channelId,
      extra,
    });
  }
}

/**
 * A user of a channel whose identity the server verifies before the turn (Teams through Azure Bot
 * Service's token), run through the app's own adapter and bot: without an app id /api/messages refuses
 * such channels, and no Azure token can be minted here.
 */
export class VerifiedUser {
  readonly conversationId = `test-${randomUUID()}`;
  readonly user = { id: `user-${randomUUID().slice(0, 8)}`, name: 'Runner' };

  constructor(
    private readonly app: App,
    private readonly channelId: string,
  ) {}

  join(): Promise<ReplyActivity[]> {
    return this.run({ type: 'conversationUpdate', membersAdded: [this.user] });
  }

  say(text: string, extra?: Record<string, unknown>): Promise<ReplyActivity[]> {
    return this.run({ type: 'message', text, ...extra });
  }

  private async run(fields: Record<string, unknown>): Promise<ReplyActivity[]> {
    const replies = await this.app.runVerifiedTurn({
      id: randomUUID(),
      channelId: this.channelId,
      serviceUrl: 'https://smba.trafficmanager.net/teams/',
      from: this.user,
      recipient: { id: 'back-on-track', name: 'Back on Track' },
      conversation: { id: this.conversationId } as never,
      timestamp: new Date(),
      ...fields,
    });
    return replies as ReplyActivity[];
  }
}

export const messagesOf = (replies: ReplyActivity[]): ReplyActivity[] => replies.filter((r) => r.type === 'message');
export const textOf = (replies: ReplyActivity[]): string =>
  messagesOf(replies)
    .map((r) => r.text ?? '')
    .join('\n');
export const summaryOf = (replies: ReplyActivity[]) =>
  replies.find((r) => r.type === 'trace' && r.name === 'TurnSummary')?.value as
    { intent: string; score: number; triage: string | null; redFlags: string[] } | undefined;
export const buttonsOf = (replies: ReplyActivity[]): string[] =>
  messagesOf(replies).flatMap((r) => r.suggestedActions?.actions?.map((a) => String(a.title)) ?? []);
