/**
 * Picks the conversation-state backend from config (STORAGE=lowdb|redis|memory) and gives the app one
 * lifecycle for all of them: wait until ready, purge what is past retention, flush and close on shutdown.
 */
import * as path from 'node:path';
import { MemoryStorage, type Storage } from 'botbuilder';
import type { AppConfig } from '../config';
import { LowdbStorage } from './lowdbStorage';
import { connectRedis } from './redisConnection';
import { RedisStorage } from './redisStorage';

export type StorageKind = 'lowdb' | 'redis' | 'memory';

export interface StorageBackend {
  /** `given`: a Storage the caller built (tests), whatever its type. */
  readonly kind: StorageKind | 'given';
  readonly storage: Storage;
  /** Resolves once turns can be served; rejects with a message naming the problem (e.g. Redis unreachable). */
  ready(): Promise<void>;
  /**
   * Deletes records last written before `cutoff`. Only backends that keep data on their own need it:
   * Redis expires keys itself (set on every write), memory forgets everything when the process ends.
   */
  purgeOlderThan?(cutoff: Date): Promise<number>;
  /** Waits for pending writes and releases connections. */
  close(): Promise<void>;
}

export type StorageConfig = Pick<AppConfig, 'STORAGE' | 'REDIS_URL' | 'DATA_RETENTION_DAYS' | 'dataDir'>;

const DAY_MS = 24 * 60 * 60 * 1000;

export function createStorage(config: StorageConfig, log: (message: string) => void): StorageBackend {
  switch (config.STORAGE) {
    case 'redis': {
      // config.ts refuses STORAGE=redis without REDIS_URL; this guards callers that build config by hand.
      if (!config.REDIS_URL) throw new Error('STORAGE=redis needs REDIS_URL');
      const connection = connectRedis(config.REDIS_URL, log);
      const storage = new RedisStorage(connection.client, { ttlMs: config.DATA_RETENTION_DAYS * DAY_MS });
      return { kind: 'redis', storage, ready: () => connection.ready, close: () => connection.close() };
    }
    case 'memory': {
      log('storage: STORAGE=memory keeps conversations in this process only; they are lost on restart');
      return { kind: 'memory', storage: new MemoryStorage(), ready: async () => undefined, close: async () => undefined };
    }
    case 'lowdb':
      return lowdbBackend(new LowdbStorage(path.join(config.dataDir, 'state'), { warn: log }));
  }
}

export function lowdbBackend(storage: LowdbStorage): StorageBackend {
  return {
    kind: 'lowdb',
    storage,
    ready: async () => undefined,
    purgeOlderThan: (cutoff) => storage.purgeOlderThan(cutoff),
    close: () => storage.flush(),
  };
}

/** A Storage handed in by the caller (tests): the caller owns its lifecycle, so there is nothing to wait for or close. */
export function givenBackend(storage: Storage): StorageBackend {
  if (storage instanceof LowdbStorage) return lowdbBackend(storage);
  return { kind: 'given', storage, ready: async () => undefined, close: async () => undefined };
}
