/**
 * Picks the conversation-state backend from config (STORAGE=lowdb|redis|memory) and gives the app one
 * lifecycle for all of them: wait until ready, purge what is past retention, flush and close on shutdown.
 */
import * as path from 'node:path';
import { MemoryStorage, type Storage } from 'botbuilder';
import type { AppConfig } from '../config';
import { FileMarks } from './fileMarks';
import { MemoryMarks, type FirstTimeMarks } from './firstTimeMarks';
import { LowdbStorage } from './lowdbStorage';

export type StorageKind = 'lowdb' | 'redis' | 'memory';

export interface StorageBackend {
  /** `given`: a Storage the caller built (tests), whatever its type. */
  readonly kind: StorageKind | 'given';
  readonly storage: Storage;
  /** First-time marks (Slack retries and replays) kept beside the state: across restarts and instances. */
  readonly marks: FirstTimeMarks;
  /** Resolves once turns can be served; rejects with a message naming the problem (e.g. Redis unreachable). */
  ready(): Promise<void>;
  /**
   * Deletes records last written before `cutoff`. Only backends that keep data on their own need it:
   * Redis expires keys itself (set on every write), memory forgets everything when the process ends.
   * Expired first-time marks go in the same run.
   */
  purgeOlderThan?(cutoff: Date, signal?: AbortSignal): Promise<number>;
  /** Waits for pending writes and releases connections. */
  close(): Promise<void>;
}

export type StorageConfig = Pick<AppConfig, 'STORAGE' | 'REDIS_URL' | 'DATA_RETENTION_DAYS' | 'dataDir'> &
  Partial<Pick<AppConfig, 'STATE_FSYNC'>>;

const DAY_MS = 24 * 60 * 60 * 1000;

/** `log` for information, `warn` for what an operator must see (unreadable files, failures). */
export function createStorage(
  config: StorageConfig,
  log: (message: string) => void,
  warn: (message: string) => void = log,
): StorageBackend {
  switch (config.STORAGE) {
    case 'redis': {
      // config.ts refuses STORAGE=redis without REDIS_URL; this guards callers that build config by hand.
      if (!config.REDIS_URL) throw new Error('STORAGE=redis needs REDIS_URL');
      // Loaded only here: the Redis client costs ~70 ms of start-up that a lowdb bot never needs.
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only when configured, to keep start-up lean
      const { connectRedis } = require('./redisConnection') as typeof import('./redisConnection');
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only when configured, to keep start-up lean
      const { RedisStorage } = require('./redisStorage') as typeof import('./redisStorage');
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only when configured, to keep start-up lean
      const { RedisMarks } = require('./redisMarks') as typeof import('./redisMarks');
      const connection = connectRedis(config.REDIS_URL, warn);
      const storage = new RedisStorage(connection.client, { ttlMs: config.DATA_RETENTION_DAYS * DAY_MS, warn });
      const marks = new RedisMarks(connection.client);
      return { kind: 'redis', storage, marks, ready: () => connection.ready, close: () => connection.close() };
    }
    case 'memory': {
      log('storage: STORAGE=memory keeps conversations in this process only; they are lost on restart');
      return {
        kind: 'memory',
        storage: new MemoryStorage(),
        marks: new MemoryMarks(),
        ready: async () => undefined,
        close: async () => undefined,
      };
    }
    case 'lowdb': {
      const fsync = config.STATE_FSYNC ?? false;
      const marks = new FileMarks(path.join(config.dataDir, 'marks'), { fsync });
      return lowdbBackend(new LowdbStorage(path.join(config.dataDir, 'state'), { warn, fsync }), marks);
    }
  }
}

/** `marks`: where first-time marks persist; in memory when not given (a storage handed in by a test). */
export function lowdbBackend(storage: LowdbStorage, marks: FirstTimeMarks = new MemoryMarks()): StorageBackend {
  return {
    kind: 'lowdb',
    storage,
    marks,
    ready: async () => undefined,
    purgeOlderThan: async (cutoff, signal) => {
      // Marks carry their own expiry (minutes to an hour), far inside the retention period.
      await marks.purgeExpired?.(new Date(), signal);
      return storage.purgeOlderThan(cutoff, signal);
    },
    close: () => storage.close(),
  };
}

/** A Storage handed in by the caller (tests): the caller owns its lifecycle, so there is nothing to wait for or close. */
export function givenBackend(storage: Storage): StorageBackend {
  if (storage instanceof LowdbStorage) return lowdbBackend(storage);
  return { kind: 'given', storage, marks: new MemoryMarks(), ready: async () => undefined, close: async () => undefined };
}
