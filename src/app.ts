/** Builds the whole bot from config: storage, services, dialogs, adapter, HTTP server. Used by `npm start`, the chat CLI and tests. */
import * as path from 'node:path';
import type { Storage } from 'botbuilder';
import type restify from 'restify';
import { createAdapter } from './adapter';
import { createBot } from './bot/createBot';
import { createServices, type BotServices } from './bot/services';
import type { AppConfig } from './config';
import { createServer } from './server';
import { LowdbStorage } from './storage/lowdbStorage';

export interface App {
  server: restify.Server;
  services: BotServices;
  storage: Storage;
  /** Milliseconds from the start of createApp until the bot could take a turn (loading + training). */
  startupMs: number;
  listen(): Promise<string>;
  close(): Promise<void>;
}

export interface AppOptions {
  log?: (message: string) => void;
  storage?: Storage;
  pickVariant?: (n: number) => number;
}

export function createApp(config: AppConfig, options: AppOptions = {}): App {
  const started = performance.now();
  const log = options.log ?? ((message: string) => console.log(message));
  const storage = options.storage ?? new LowdbStorage(path.join(config.dataDir, 'state'), { warn: log });
  const services = createServices({ config, storage, pickVariant: options.pickVariant });
  const bot = createBot(services);
  const adapter = createAdapter(config, services.say('turn_error'), log);
  const server = createServer({ adapter, bot, version: process.env.npm_package_version ?? '0.1.0' });
  const startupMs = performance.now() - started;

  return {
    server,
    services,
    storage,
    startupMs,
    listen: () =>
      new Promise((resolve) => {
        server.listen(config.PORT, config.HOST, () => resolve(server.url));
      }),
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (storage instanceof LowdbStorage) await storage.flush();
    },
  };
}
