/** Builds the whole bot from config: storage, services, dialogs, adapter, HTTP server. Used by `npm start`, the chat CLI and tests. */
import type { Activity, Storage } from 'botbuilder';
import type restify from 'restify';
import { createAdapter } from './adapter';
import { registerBookingsApi } from './booking/bookingsApi';
import { listenForMetrics, registerMetricsRoute, type MetricsListener } from './observability/metricsRoute';
import { createBot } from './bot/createBot';
import { createLogger, requestLoggerOf, type Logger } from './observability/logger';
import { createWebsiteChat } from './channels/webChat/websiteChat';
import { createSlackChannel } from './channels/slack/slackChannel';
import { createServices, type BotServices } from './services';
import type { AppConfig } from './config';
import { createServer } from './server';
import { clientKeyFor } from './http/clientKey';
import type { RedisConnection } from './storage/redisConnection';
import { createStorage, givenBackend } from './storage/createStorage';
import { startRetentionPurge, type RetentionPurge } from './storage/retentionPurge';

export interface App {
  logger: Logger;
  server: restify.Server;
  services: BotServices;
  storage: Storage;
  /** A turn for an activity whose sender the caller verified (as the Slack and Direct Line channels do); its replies. */
  runVerifiedTurn(activity: Partial<Activity>): Promise<Array<Partial<Activity>>>;
  /** The local metrics port's address once listening, when METRICS_PORT is set. */
  metricsUrl?: string;
  /** Milliseconds from the start of createApp until the bot could take a turn (loading + training). */
  startupMs: number;
  /** Resolves when the first turn on /api/messages has been answered. */
  firstReply: Promise<void>;
  listen(): Promise<string>;
  close(): Promise<void>;
}

export interface AppOptions {
  /** Structured logger; by default JSON lines on stdout at LOG_LEVEL. */
  logger?: Logger;
  /** Plain-message log used by the parts of the bot (tests capture it); by default the logger's info. */
  log?: (message: string) => void;
  storage?: Storage;
  pickVariant?: (n: number) => number;
  /** Start from the trained-knowledge cache in this file when it is current (see knowledgeCache.ts). */
  knowledgeCacheFile?: string;
}

export function createApp(config: AppConfig, options: AppOptions = {}): App {
  const started = performance.now();
  const logger = options.logger ?? createLogger(config.LOG_LEVEL);
  const log = options.log ?? ((message: string) => logger.info(message));
  const requestLogger = requestLoggerOf(logger);
  const warn = options.log ?? ((message: string) => logger.warn(message));
  const storageBackend = options.storage ? givenBackend(options.storage) : createStorage(config, log, warn);
  const storage = storageBackend.storage;
  // The HTTP edge's own connection (shared rate limits): state traffic never waits behind it.
  const edgeRedis = sharedRedis(config, warn);
  const clientKey = clientKeyFor(config.TRUST_PROXY);
  const retentionPurges: RetentionPurge[] = [];
  const services = createServices({
    config,
    storage,
    pickVariant: options.pickVariant,
    log,
    warn,
    knowledgeCacheFile: options.knowledgeCacheFile,
  });
  const bot = createBot(services);
  // A failed turn is an operator's business: at warn, so LOG_LEVEL=warn still shows the user's reference.
  const adapter = createAdapter(config, services.say('turn_error'), warn, services.region.locale);
  const websiteChat = createWebsiteChat(config, {
    adapter,
    bot,
    emergencyNumber: services.region.emergencyNumber,
    locale: services.region.locale,
    storage,
    clientKey,
    log,
  });
  const slack = createSlackChannel(config, {
    adapter,
    bot,
    apology: services.say('turn_error'),
    storage,
    marks: storageBackend.marks,
    log,
    warn,
  });
  let firstReplied = () => {};
  const firstReply = new Promise<void>((resolve) => (firstReplied = resolve));
  const server = createServer({
    adapter,
    onFirstReply: () => firstReplied(),
    bot,
    version: process.env.npm_package_version ?? '0.1.0',
    maxBodyBytes: config.MAX_BODY_BYTES,
    authEnabled: config.authEnabled,
    checkStorage: () => storage.read(['readyz-probe']),
    clientKey,
    log,
    requestLog: (entry) => requestLogger.info(entry, 'request'),
    rateLimits: {
      perClientPerMinute: config.RATE_LIMIT_PER_CLIENT,
      perConversationPerMinute: config.RATE_LIMIT_PER_CONVERSATION,
      clientKey,
      refusalMessage: services.say('rate_limited'),
      redis: edgeRedis?.client,
    },
    routes: [
      registerBookingsApi(services.bookings, config.BOOKINGS_API_KEY),
      registerMetricsRoute(services.metrics.registry, config.METRICS_KEY),
      websiteChat.register,
      slack.register,
    ],
  });
  const startupMs = performance.now() - started;
  if (!config.METRICS_KEY && config.METRICS_PORT === undefined) {
    log('metrics: /metrics is off; set METRICS_KEY (bearer key on this port) or METRICS_PORT (a port on 127.0.0.1) to serve it');
  }
  let metricsListener: MetricsListener | undefined;
  if (!config.authEnabled) {
    warn(
      'AUTH IS OFF: MicrosoftAppId is not set, so /api/messages checks no identity. It takes only Emulator traffic from this machine ' +
        '(channels such as Slack, Teams and Direct Line are refused with 401). Set MicrosoftAppId before exposing the bot to Azure Bot Service.',
    );
  }

  const app: App = {
    logger,
    server,
    services,
    storage,
    runVerifiedTurn: (activity) => adapter.runVerifiedTurn(activity, (context) => bot.run(context)),
    startupMs,
    firstReply,
    listen: async () => {
      // Redis must be reachable before the port opens, or every turn would fail.
      await storageBackend.ready();
      await edgeRedis?.ready;
      if (config.METRICS_PORT !== undefined) {
        metricsListener = await listenForMetrics(services.metrics.registry, config.METRICS_PORT);
        app.metricsUrl = metricsListener.url;
        log(`metrics: /metrics on ${metricsListener.url} (this machine only)`);
      }
      const firstRunAfterMs = config.RETENTION_FIRST_PURGE_SECONDS * 1000;
      if (storageBackend.purgeOlderThan) {
        const purgeOlderThan = storageBackend.purgeOlderThan;
        retentionPurges.push(
          startRetentionPurge({ purgeOlderThan, retentionDays: config.DATA_RETENTION_DAYS, log, warn, firstRunAfterMs }),
        );
      }
      retentionPurges.push(
        startRetentionPurge({
          describe: (removed, days) => `bookings: deleted ${removed} booking request(s) made more than ${days} days ago`,
          purgeOlderThan: (cutoff) => services.bookings.purgeOlderThan(cutoff),
          retentionDays: config.BOOKING_RETENTION_DAYS,
          log,
          warn,
          firstRunAfterMs,
        }),
      );
      return new Promise((resolve) => {
        server.listen(config.PORT, config.HOST, () => {
          // Requests confirmed before a crash or restart go out now.
          services.bookingOutbox.start();
          resolve(server.url);
        });
      });
    },
    close: async () => {
      websiteChat.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      // Slack turns run after their request was answered: let them finish before storage closes.
      await slack.drain();
      await services.bookingOutbox.stop();
      await Promise.all(retentionPurges.map((purge) => purge.stop()));
      await services.bookings.close();
      await websiteChat.flush();
      // Last: the writes of turns that were still finishing when the server closed land first.
      await storageBackend.close();
      await edgeRedis?.close();
      await metricsListener?.close();
    },
  };
  return app;
}

function sharedRedis(config: AppConfig, warn: (message: string) => void): RedisConnection | undefined {
  if (config.STORAGE !== 'redis' || !config.REDIS_URL) return undefined;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only when configured, to keep start-up lean
  const { connectRedis } = require('./storage/redisConnection') as typeof import('./storage/redisConnection');
  return connectRedis(config.REDIS_URL, warn);
}
