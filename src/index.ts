/** `npm start`: validates config, builds the bot, listens. */
import './quietDotenv';
import 'dotenv/config';
import { createApp } from './app';
import { ConfigError, parseConfig } from './config';

async function main(): Promise<void> {
  const started = performance.now();
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
  const app = createApp(config);
  const url = await app.listen();
  console.log(`Back on Track listening on ${url}/api/messages (ready in ${Math.round(performance.now() - started)} ms; knowledge and classifier ${Math.round(app.startupMs)} ms)`);

  const shutdown = async (signal: string) => {
    console.log(`${signal} received: closing`);
    const timer = setTimeout(() => process.exit(1), 10_000);
    timer.unref();
    try {
      // Stops taking requests, lets running turns finish, then flushes their state writes and closes storage.
      await app.close();
      console.log('closed: conversation state saved');
      process.exit(0);
    } catch (error) {
      console.error(`shutdown failed: ${(error as Error).message}`);
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
