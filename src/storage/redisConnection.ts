/**
 * One Redis connection for the bot's state. Two choices matter for a chatbot:
 * - start-up fails fast and says why when Redis cannot be reached, instead of retrying forever while the
 *   port is open and every turn hangs;
 * - once running, a lost connection is retried in the background, but commands fail at once meanwhile
 *   (no offline queue): the user gets the turn-error apology now rather than a reply that never comes.
 */
import { createClient } from 'redis';
import type { RedisClient } from './redisStorage';

const START_UP_ATTEMPTS = 3;
const MAX_RECONNECT_DELAY_MS = 2_000;

export interface RedisConnection {
  client: RedisClient;
  /** Resolves once connected; rejects with a message naming the server when it cannot be reached. */
  ready: Promise<void>;
  close(): Promise<void>;
}

export function connectRedis(url: string, log: (message: string) => void): RedisConnection {
  let connectedOnce = false;
  let reportedSinceReady = false;
  const client = createClient({
    url,
    disableOfflineQueue: true,
    socket: {
      connectTimeout: 5_000,
      // Gives up with `false` rather than by returning the error: the client tests `instanceof Error`, which
      // fails for errors from another realm (jest's sandbox) and would turn "give up" into "retry forever".
      reconnectStrategy: (retries) =>
        !connectedOnce && retries >= START_UP_ATTEMPTS ? false : Math.min(100 * 2 ** retries, MAX_RECONNECT_DELAY_MS),
    },
  });
  client.on('ready', () => {
    if (connectedOnce && reportedSinceReady) log('storage: Redis connection restored');
    connectedOnce = true;
    reportedSinceReady = false;
  });
  // Without an 'error' listener the client's errors would crash the process; one line per outage is enough.
  client.on('error', (error: Error) => {
    if (reportedSinceReady) return;
    reportedSinceReady = true;
    log(`storage: Redis error (${error.message || error.name}); retrying in the background`);
  });

  const where = redactedUrl(url);
  const ready = client.connect().then(
    () => undefined,
    (error: Error) => {
      throw new Error(`Redis at ${where} is not reachable (${error.message || error.name})`);
    },
  );
  // Marks the rejection handled for apps that never wait on it (built, then closed); awaiting still sees it.
  ready.catch(() => undefined);
  return {
    client,
    ready,
    close: async () => {
      if (client.isOpen) await client.close();
    },
  };
}

/** The URL without its password, for log lines and error messages. */
export function redactedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'the configured REDIS_URL';
  }
}
