/**
 * Bot Framework `Storage` on lowdb, one JSON file per storage key. lowdb rewrites a whole file on every
 * write, so one file for all conversations would make every turn slower as users accumulate; a file per
 * key keeps a turn's cost flat. Writes go through steno (temp file + rename), so a crash mid-write leaves
 * the previous version, never half a file. eTags follow MemoryStorage's rules exactly.
 */
import { createHash, randomUUID } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { Storage, StoreItems } from 'botbuilder';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';

interface StoredRecord {
  key: string;
  eTag: string;
  updatedAt: string;
  item: Record<string, unknown>;
}

type RecordFile = Low<StoredRecord | null>;

export interface LowdbStorageOptions {
  /** Called with a short description when a file is unreadable and moved aside (no file content). */
  warn?: (message: string) => void;
  /** How many open file handles to keep; older ones are dropped and re-opened on demand. */
  cacheSize?: number;
}

export class EtagConflictError extends Error {
  constructor(key: string) {
    super(`Storage: error writing "${key}" due to eTag conflict.`);
    this.name = 'EtagConflictError';
  }
}

export class LowdbStorage implements Storage {
  private readonly files = new Map<string, RecordFile>();
  /** Per-key queue: a read-compare-write of one key never interleaves with another on the same key. */
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly warn: (message: string) => void;
  private readonly cacheSize: number;

  constructor(private readonly dir: string, options: LowdbStorageOptions = {}) {
    this.warn = options.warn ?? ((message) => console.warn(message));
    this.cacheSize = options.cacheSize ?? 500;
  }

  async read(keys: string[]): Promise<StoreItems> {
    if (!keys) throw new ReferenceError('Keys are required when reading.');
    const items: StoreItems = {};
    await Promise.all(
      keys.map((key) =>
        this.withKey(key, async () => {
          const record = await this.load(key);
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
          const file = await this.open(key);
          const old = await this.readRecord(key, file);
          const requested = newItem?.eTag as string | undefined;
          if (old && requested && requested !== '*' && requested !== old.eTag) throw new EtagConflictError(key);
          const { eTag: _ignored, ...item } = newItem ?? {};
          file.data = { key, eTag: randomUUID(), updatedAt: new Date().toISOString(), item };
          await fs.mkdir(path.dirname(this.fileFor(key)), { recursive: true });
          await file.write();
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

  /** Deletes every record last written before `cutoff`; returns how many. Runs file by file, yielding between. */
  async purgeOlderThan(cutoff: Date): Promise<number> {
    let removed = 0;
    for (const file of await this.allFiles()) {
      const stat = await fs.stat(file).catch(() => null);
      if (!stat || stat.mtime >= cutoff) continue;
      const record = await readJson(file);
      if (record && typeof record.key === 'string') {
        await this.delete([record.key]);
        removed += 1;
      }
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

  private async open(key: string): Promise<RecordFile> {
    let file = this.files.get(key);
    if (!file) {
      file = new Low<StoredRecord | null>(new JSONFile(this.fileFor(key)), null);
      this.files.set(key, file);
      if (this.files.size > this.cacheSize) this.files.delete(this.files.keys().next().value as string);
    }
    return file;
  }

  private async load(key: string): Promise<StoredRecord | null> {
    return this.readRecord(key, await this.open(key));
  }

  /** Reads from disk; a file that is not valid JSON is moved aside (never overwritten) and treated as absent. */
  private async readRecord(key: string, file: RecordFile): Promise<StoredRecord | null> {
    try {
      await file.read();
      return file.data;
    } catch (error) {
      const target = this.fileFor(key);
      const aside = `${target}.corrupt-${Date.now()}`;
      await fs.rename(target, aside).catch(() => undefined);
      this.warn(`storage: unreadable state file moved aside to ${aside} (${(error as Error).name}); starting that record afresh`);
      file.data = null;
      return null;
    }
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

async function readJson(file: string): Promise<StoredRecord | null> {
  try {
    return JSON.parse(await fs.readFile(file, 'utf8')) as StoredRecord;
  } catch {
    return null;
  }
}
