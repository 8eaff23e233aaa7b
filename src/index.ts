/** `npm start`: validates config, builds the bot, listens. */
import { codeCache } from './codeCacheStart';
import './quietDotenv';
import 'dotenv/config';
import { createApp } from './app';
import { ConfigError, parseConfig } from './config';
import { DEFAULT_CACHE_FILE } from './knowledge/knowledgeCache';

async function main(): Promise<void> {
  let config;
  try {
    config = parseConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const app = createApp(config, { knowledgeCacheFile: DEFAULT_CACHE_FILE });
  const url = await app.listen();
  // Node's performance clock starts with the process, so these count module loading too.
  const readyMs = Math.round(performance.now());
  app.logger.info(
    { readyMs, loadAndTrainMs: Math.round(app.startupMs) },
    `Back on Track listening on ${url}/api/messages (ready in ${readyMs} ms)`,
  );
  // Start-up as a user meets it: the first turn also compiles the code and regexes a turn runs.
  void app.firstReply.then(() => {
    const firstReplyMs = Math.round(performance.now());
    app.logger.info({ firstReplyMs }, `first reply ${firstReplyMs} ms after the process started`);
    // After the reply, not before it: saving compiles nothing new, but takes ~0.1 s once per build.
    setImmediate(() => app.logger.info(codeCache.save()));
  });

  const shutdown = async (signal: string) => {
    app.logger.info(`${signal} received: closing`);
    const timer = setTimeout(() => process.exit(1), 10_000);
    timer.unref();
    try {
      // Stops taking requests, lets running turns finish, then flushes their state writes and closes storage.
      await app.close();
      app.logger.info('closed: conversation state saved');
      process.exit(0);
    } catch (error) {
      app.logger.error({ error: (error as Error).name }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: Error) => {
  console.error(`Back on Track could not start: ${error.message}`);
  process.exit(1);
});
