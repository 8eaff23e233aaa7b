/**
 * Bot Framework `Storage` on Redis, for running several bot instances behind one load balancer: every
 * instance reads and writes the same records, so a conversation can move between instances turn by turn.
 *
 * Each record is a hash { eTag, doc }. The eTag check and the write happen in one Lua script, which Redis
 * runs atomically, so two instances writing the same key with the same eTag cannot both succeed (a
 * read-then-write from the client could interleave). eTags follow MemoryStorage's rules exactly. With a
 * retention set, every write (re)sets the key's expiry: Redis drops idle conversations itself.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Storage, StoreItems } from 'botbuilder';
import type { createClient } from 'redis';
import { EtagConflictError, isUnconditional } from './etagConflictError';
import type { ReportsUnreadableRecords } from './unreadableRecords';

export type RedisClient = ReturnType<typeof createClient>;

export interface RedisStorageOptions {
  /** Prepended to every storage key, so the bot can share a Redis database with other programs. */
  keyPrefix?: string;
  /** Records not written for this long expire (milliseconds); 0 or absent keeps them until deleted. */
  ttlMs?: number;
  /**
   * Longest wait for Redis's answer (milliseconds, default 2000). The client's own command timeout stops
   * counting once a command is sent, so a paused server would hold a turn for as long as it stays paused.
   */
  timeoutMs?: number;
  /** Where an operator is told about a record set aside as unreadable (default console.warn). */
  warn?: (message: string) => void;
}

/** A storage call that got no answer in time: the turn fails now (apology with a reference) instead of hanging. */
export class StorageTimeoutError extends Error {
  constructor(operation: string, ms: number) {
    super(`Redis did not answer a ${operation} within ${ms} ms`);
    this.name = 'StorageTimeoutError';
  }
}

/** Redis's answer, or a StorageTimeoutError once `timeoutMs` has passed without one. */
export function timedRedisCall<T>(operation: string, timeoutMs: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StorageTimeoutError(operation, timeoutMs)), timeoutMs);
  });
  // A late answer or error after the timeout has nobody waiting for it: keep it from becoming unhandled.
  work.catch(() => undefined);
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

const NO_CONDITION = '';

/**
 * KEYS[1] the record. ARGV: [1] the eTag the caller read ('' = write unconditionally), [2] the new eTag,
 * [3] the item as JSON, [4] time to live in ms ('0' = none). Returns 1 when written, 0 on an eTag conflict.
 * A missing record accepts any eTag, as MemoryStorage does.
 */
const CHECK_AND_SET = `
if ARGV[1] ~= '' then
  local current = redis.call('HGET', KEYS[1], 'eTag')
  if current and current ~= ARGV[1] then return 0 end
end
redis.call('HSET', KEYS[1], 'eTag', ARGV[2], 'doc', ARGV[3])
if ARGV[4] ~= '0' then redis.call('PEXPIRE', KEYS[1], ARGV[4]) else redis.call('PERSIST', KEYS[1]) end
return 1
`;
const CHECK_AND_SET_SHA1 = createHash('sha1').update(CHECK_AND_SET).digest('hex');

/** Suffix of the copy an unreadable record is renamed to: kept for an operator, same expiry, deleted with its record. */
const UNREADABLE_SUFFIX = ':unreadable';
/** Keys reported unreadable but not yet taken by the bot; bounded so a flood of damaged records cannot grow memory. */
const MAX_UNREADABLE_KEYS = 10_000;

export class RedisStorage implements Storage, ReportsUnreadableRecords {
  private readonly keyPrefix: string;
  private readonly ttl: string;
  private readonly timeoutMs: number;
  private readonly warn: (message: string) => void;
  private readonly unreadable = new Set<string>();

  constructor(
    private readonly client: RedisClient,
    options: RedisStorageOptions = {},
  ) {
    this.keyPrefix = options.keyPrefix ?? 'back-on-track:';
    this.ttl = String(Math.max(0, Math.round(options.ttlMs ?? 0)));
    this.timeoutMs = options.timeoutMs ?? 2000;
    this.warn = options.warn ?? ((message) => console.warn(message));
  }

  takeUnreadable(key: string): boolean {
    return this.unreadable.delete(key);
  }

  async read(keys: string[]): Promise<StoreItems> {
    if (!keys) throw new ReferenceError('Keys are required when reading.');
    const items: StoreItems = {};
    // Issued together, the client sends these in one pipeline: one round trip for the turn's reads.
    await this.timed(
      'read',
      Promise.all(
        keys.map(async (key) => {
          const [eTag, doc] = await this.fieldsOf(key);
          if (eTag === null || doc === null) return;
          const item = await this.parsedOrSetAside(key, doc);
          if (item) items[key] = { ...item, eTag };
        }),
      ),
    );
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    if (!changes) throw new ReferenceError('Changes are required when writing.');
    await this.timed(
      'write',
      Promise.all(
        Object.entries(changes).map(async ([key, newItem]) => {
          const { eTag: requested, ...item } = newItem ?? {};
          const condition = isUnconditional(requested) ? NO_CONDITION : String(requested);
          const written = await this.checkAndSet(this.redisKey(key), [condition, randomUUID(), JSON.stringify(item), this.ttl]);
          if (Number(written) !== 1) throw new EtagConflictError(key);
        }),
      ),
    );
  }

  async delete(keys: string[]): Promise<void> {
    if (!keys) throw new ReferenceError('Keys are required when deleting.');
    const redisKeys = keys.flatMap((key) => [this.redisKey(key), this.redisKey(key) + UNREADABLE_SUFFIX]);
    if (keys.length > 0) await this.timed('delete', this.client.del(redisKeys));
  }

  /**
   * A record that is not valid JSON (written by a broken client or edited by hand) would otherwise fail
   * every turn of that conversation for good. It is renamed aside (RENAME keeps its expiry), never
   * overwritten, and the conversation starts afresh; the bot tells the user once (takeUnreadable).
   */
  private async parsedOrSetAside(key: string, doc: string): Promise<Record<string, unknown> | null> {
    try {
      return JSON.parse(doc) as Record<string, unknown>;
    } catch (error) {
      await this.setAside(key, (error as Error).name);
      return null;
    }
  }

  /**
   * The record's eTag and doc. A key of another type (a plain string of JSON, or anything else, SET by
   * hand or by another program) is unreadable too: set aside like bad JSON, not a failure of every turn.
   */
  private async fieldsOf(key: string): Promise<Array<string | null>> {
    try {
      return (await this.client.hmGet(this.redisKey(key), ['eTag', 'doc'])) as Array<string | null>;
    } catch (error) {
      if (!String((error as Error).message).startsWith('WRONGTYPE')) throw error;
      await this.setAside(key, 'WRONGTYPE');
      return [null, null];
    }
  }

  private async setAside(key: string, why: string): Promise<void> {
    const redisKey = this.redisKey(key);
    await this.client.rename(redisKey, redisKey + UNREADABLE_SUFFIX).catch(() => undefined);
    this.unreadable.add(key);
    if (this.unreadable.size > MAX_UNREADABLE_KEYS) this.unreadable.delete(this.unreadable.values().next().value as string);
    // The key names a user or conversation id, so the log gets a short hash of it, never the key itself.
    const reference = createHash('sha256').update(redisKey).digest('hex').slice(0, 12);
    this.warn(`storage: unreadable Redis record ${reference} renamed aside (${why}); that record starts afresh`);
  }

  private timed<T>(operation: string, work: Promise<T>): Promise<T> {
    return timedRedisCall(operation, this.timeoutMs, work);
  }

  private redisKey(key: string): string {
    return `${this.keyPrefix}${key}`;
  }

  /** EVALSHA saves sending the script each time; a server that has not seen it yet (or restarted) gets it once. */
  private async checkAndSet(redisKey: string, args: string[]): Promise<unknown> {
    const options = { keys: [redisKey], arguments: args };
    try {
      return await this.client.evalSha(CHECK_AND_SET_SHA1, options);
    } catch (error) {
      if (!String((error as Error).message).startsWith('NOSCRIPT')) throw error;
      return this.client.eval(CHECK_AND_SET, options);
    }
  }
}
