/**
 * Bot Framework `Storage` on lowdb, one JSON file per storage key. lowdb rewrites a whole file on every
 * write, so one file for all conversations would make every turn slower as users accumulate; a file per
 * key keeps a turn's cost flat. Writes go through lowdb's steno-backed adapter (temp file + rename), so a
 * crash mid-write leaves the previous version, never half a file. eTags follow MemoryStorage's rules exactly.
 *
 * One bot process owns the folder (for several instances use Redis): so the last text this process read
 * or wrote for a key is what the disk holds, and recently used records are served from memory. Every
 * write still goes to disk before it resolves, so a turn's state survives a crash right after the turn.
 */
import { createHash, randomUUID } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { Storage, StoreItems } from 'botbuilder';
import { TextFile } from 'lowdb/node';
import { EtagConflictError, isUnconditional } from './etagConflictError';

export { EtagConflictError };

interface StoredRecord {
  key: string;
  eTag: string;
  updatedAt: string;
  item: Record<string, unknown>;
}

interface RecordFile {
  adapter: TextFile;
  /** The file's JSON as last read or written by this process; null: no file; undefined: not read yet. */
  text: string | null | undefined;
}

export interface LowdbStorageOptions {
  /** Called with a short description when a file is unreadable and moved aside (no file content). */
  warn?: (message: string) => void;
  /** How many recently used records to keep in memory; others are read from disk when next needed. */
  cacheSize?: number;
}

export class LowdbStorage implements Storage {
  /** Least recently used first, so the first key is the one to drop. */
  private readonly files = new Map<string, RecordFile>();
  /** Shard folders known to exist, so a write costs no mkdir once its folder is there. */
  private readonly shards = new Set<string>();
  /** Per-key queue: a read-compare-write of one key never interleaves with another on the same key. */
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly warn: (message: string) => void;
  private readonly cacheSize: number;

  constructor(private readonly dir: string, options: LowdbStorageOptions = {}) {
    this.warn = options.warn ?? ((message) => console.warn(message));
    this.cacheSize = options.cacheSize ?? 1000;
  }

  async read(keys: string[]): Promise<StoreItems> {
    if (!keys) throw new ReferenceError('Keys are required when reading.');
    const items: StoreItems = {};
    await Promise.all(
      keys.map((key) =>
        this.withKey(key, async () => {
          // Parsed afresh on every read: callers get their own copy to change.
          const record = await this.load(key, this.open(key));
          if (record) items[key] = { ...record.item, eTag: record.eTag };
        }),
      ),
    );
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    if (!changes) throw new ReferenceError('Changes are required when writing.');
    await Promise.all(
      Object.entries(changes).map(([key, newItem]) =>
        this.withKey(key, async () => {
          const file = this.open(key);
          const requested = newItem?.eTag;
          if (!isUnconditional(requested)) {
            const old = await this.load(key, file);
            if (old && requested !== old.eTag) throw new EtagConflictError(key);
          }
          const { eTag: _ignored, ...item } = newItem ?? {};
          const record: StoredRecord = { key, eTag: randomUUID(), updatedAt: new Date().toISOString(), item };
          const text = JSON.stringify(record);
          // Until the write has landed, what is on disk is uncertain: a failed write must not leave the cache guessing.
          file.text = undefined;
          await this.writeText(key, file, text);
          file.text = text;
        }),
      ),
    );
  }

  async delete(keys: string[]): Promise<void> {
    if (!keys) throw new ReferenceError('Keys are required when deleting.');
    await Promise.all(
      keys.map((key) =>
        this.withKey(key, async () => {
          this.files.delete(key);
          await fs.rm(this.fileFor(key), { force: true });
        }),
      ),
    );
  }

  /**
   * Deletes every record last written before `cutoff`; returns how many. It goes one file at a time, so
   * turns keep being served in between, and re-checks each file inside that key's queue, so a record a
   * turn rewrote while the purge was walking is kept.
   */
  async purgeOlderThan(cutoff: Date): Promise<number> {
    let removed = 0;
    for (const file of await this.allFiles()) {
      if (!(await isOlderThan(file, cutoff))) continue;
      const record = await readJson(file);
      if (!record || typeof record.key !== 'string') continue;
      const key = record.key;
      const deleted = await this.withKey(key, async () => {
        if (!(await isOlderThan(file, cutoff))) return false;
        this.files.delete(key);
        await fs.rm(file, { force: true });
        return true;
      });
      if (deleted) removed += 1;
    }
    return removed;
  }

  /** Waits for every queued write; call before the process exits. */
  async flush(): Promise<void> {
    await Promise.allSettled([...this.queues.values()]);
  }

  private fileFor(key: string): string {
    const hash = createHash('sha256').update(key).digest('hex');
    // Two levels of sub-folders keep any one folder small even with many thousands of conversations.
    return path.join(this.dir, hash.slice(0, 2), `${hash}.json`);
  }

  private open(key: string): RecordFile {
    let file = this.files.get(key);
    if (file) {
      this.files.delete(key);
    } else {
      file = { adapter: new TextFile(this.fileFor(key)), text: undefined };
      if (this.files.size >= this.cacheSize) this.files.delete(this.files.keys().next().value as string);
    }
    if (this.cacheSize > 0) this.files.set(key, file);
    return file;
  }

  /** The record, from memory when this process knows the file, else from disk. */
  private async load(key: string, file: RecordFile): Promise<StoredRecord | null> {
    if (file.text === undefined) file.text = await file.adapter.read();
    if (file.text === null) return null;
    try {
      return JSON.parse(file.text) as StoredRecord;
    } catch (error) {
      // Not valid JSON: moved aside (never overwritten, someone may want it) and treated as absent.
      file.text = null;
      const target = this.fileFor(key);
      const aside = `${target}.corrupt-${Date.now()}`;
      await fs.rename(target, aside).catch(() => undefined);
      this.warn(`storage: unreadable state file moved aside to ${aside} (${(error as Error).name}); starting that record afresh`);
      return null;
    }
  }

  private async writeText(key: string, file: RecordFile, text: string): Promise<void> {
    await this.ensureShard(key);
    await file.adapter.write(text).catch(async (error: NodeJS.ErrnoException) => {
      // The shard folder was removed behind our back (an operator clearing old state): recreate it once.
      if (error.code !== 'ENOENT') throw error;
      this.shards.clear();
      await this.ensureShard(key);
      await file.adapter.write(text);
    });
  }

  private async ensureShard(key: string): Promise<void> {
    const shard = path.dirname(this.fileFor(key));
    if (this.shards.has(shard)) return;
    await fs.mkdir(shard, { recursive: true });
    this.shards.add(shard);
  }

  private async allFiles(): Promise<string[]> {
    const shards = await fs.readdir(this.dir).catch(() => [] as string[]);
    const nested = await Promise.all(
      shards.map(async (shard) =>
        (await fs.readdir(path.join(this.dir, shard)).catch(() => [] as string[]))
          .filter((name) => name.endsWith('.json'))
          .map((name) => path.join(this.dir, shard, name)),
      ),
    );
    return nested.flat();
  }

  private withKey<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(key) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(work);
    this.queues.set(key, next);
    const cleanup = () => {
      if (this.queues.get(key) === next) this.queues.delete(key);
    };
    next.then(cleanup, cleanup);
    return next;
  }
}

async function isOlderThan(file: string, cutoff: Date): Promise<boolean> {
  const stat = await fs.stat(file).catch(() => null);
  return stat !== null && stat.mtime < cutoff;
}

async function readJson(file: string): Promise<StoredRecord | null> {
  try {
    return JSON.parse(await fs.readFile(file, 'utf8')) as StoredRecord;
  } catch {
    return null;
  }
}
