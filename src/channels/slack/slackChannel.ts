/**
 * The native Slack channel, ready to mount. On when both SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN are
 * set; otherwise its routes are not registered (404) and the log says what is missing.
 */
import type { ActivityHandler, Storage } from 'botbuilder';
import type restify from 'restify';
import type { BotAdapter } from '../../adapter';
import type { AppConfig } from '../../config';
import { inProcessTurnRunner } from '../inProcessTurn';
import type { FirstTimeMarks } from '../../storage/firstTimeMarks';
import { SlackBridge } from './slackBridge';
import { registerSlackRoutes, SLACK_EVENTS_PATH } from './slackRoutes';

export interface SlackChannelParts {
  adapter: BotAdapter;
  bot: ActivityHandler;
  apology: string;
  log: (message: string) => void;
  warn?: (message: string) => void;
  /** Where deliveries already taken are marked (retries, replays), beside the bot's state. */
  marks: FirstTimeMarks;
  /** The bot's storage: who has been greeted, which threads the bot is in. */
  storage?: Storage;
}

export interface SlackChannel {
  enabled: boolean;
  register(server: restify.Server): void;
  /** Waits for turns still running; call before the app closes storage. */
  drain(): Promise<void>;
}

export function createSlackChannel(config: AppConfig, parts: SlackChannelParts): SlackChannel {
  const { SLACK_SIGNING_SECRET: signingSecret, SLACK_BOT_TOKEN: token } = config;
  if (!signingSecret || !token) {
    if (signingSecret || token) parts.log(`slack: set both SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN to turn on ${SLACK_EVENTS_PATH}`);
    return { enabled: false, register: () => undefined, drain: async () => undefined };
  }
  // Loaded only when Slack is configured: a bot without it never pays for the Slack client at start-up.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- @slack/web-api is loaded only when Slack is configured
  const { LogLevel, WebClient } = require('@slack/web-api') as typeof import('@slack/web-api');
  const web = new WebClient(token, {
    slackApiUrl: config.SLACK_API_URL.endsWith('/') ? config.SLACK_API_URL : `${config.SLACK_API_URL}/`,
    // A few quick retries; Slack's default (ten over about 30 minutes) would hold a conversation's queue.
    retryConfig: { retries: 2, minTimeout: 200, maxTimeout: 2000 },
    timeout: 10_000,
    logLevel: LogLevel.ERROR,
  });
  const bridge = new SlackBridge({
    runTurn: inProcessTurnRunner(parts.adapter, parts.bot),
    web,
    apology: parts.apology,
    log: parts.log,
    storage: parts.storage,
  });
  parts.log(`slack: events at ${SLACK_EVENTS_PATH}, interactivity at /api/slack/interactions`);
  return {
    enabled: true,
    register: (server) => registerSlackRoutes(server, { signingSecret, bridge, marks: parts.marks, log: parts.log, warn: parts.warn }),
    drain: () => bridge.drain(),
  };
}
