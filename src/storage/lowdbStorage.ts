/**
 * Bot Framework `Storage` on lowdb, one JSON file per storage key (lowdb rewrites a whole file on every
 * write, so one file for all conversations would make every turn slower as users accumulate).
 *
 * Durability, and why a turn is cheap: a write is acknowledged once it is appended to the state journal
 * (stateJournal.ts), where every turn finishing in the same tick shares one append. By default that
 * survives a crash of the process (kill -9), not a power loss; `fsync: true` (STATE_FSYNC=true) adds one
 * fdatasync per shared append, for power loss. The per-key files are brought up to date in the
 * background (every `checkpointMs`, 15 s by default, through lowdb's steno adapter: temp file + rename,
 * so a crash mid-write leaves the previous version), so the turns a conversation has within that time
 * cost one file write; then the journal is deleted. On start, journals left by a crash are replayed.
 * eTags follow MemoryStorage's rules.
 *
 * One bot process owns the folder (for several instances use Redis): what this process holds in memory
 * (changes not yet in their file, and recently used records) is what the disk holds or will hold.
 */
import { createHash, randomUUID } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { setImmediate as yieldToTurns } from 'node:timers/promises';
import type { Storage, StoreItems } from 'botbuilder';
import { TextFile } from 'lowdb/node';
import { EtagConflictError, isUnconditional } from './etagConflictError';
import { noteReadText, stringifyItem, takeWriteText } from './itemText';
import { KnownStateFiles } from './knownStateFiles';
import { StateJournal } from './stateJournal';
import type { ReportsUnreadableRecords } from './unreadableRecords';
import { walkStateFiles } from './walkStateFiles';

export { EtagConflictError };

interface StoredRecord {
  key: string;
  eTag: string;
  updatedAt: string;
  item: Record<string, unknown>;
}

export interface LowdbStorageOptions {
  /** Called with a short description when a file is unreadable and moved aside (no file content). */
  warn?: (message: string) => void;
  /** How many recently used records to keep in memory; others are read from disk when next needed. */
  cacheSize?: number;
  /** fdatasync every journal append before acknowledging it (survives a power loss; ~2 ms per append). */
  fsync?: boolean;
  /**
   * How often changes are copied from the journal into their per-key files (default 15 s: longer than
   * the usual pause between a user's messages, so most turns cost an append, not a file rewrite).
   */
  checkpointMs?: number;
  /** Copy earlier when this many changed records wait in memory (bounds memory under heavy load). */
  maxUnwritten?: number;
}

/** What a key holds: the record's JSON text, or null for "no record". */
type Text = string | null;

export class LowdbStorage implements Storage, ReportsUnreadableRecords {
  /** Records read or written recently, least recently used first. */
  private readonly cache = new Map<string, Text>();
  /** Changes acknowledged (in the journal) but not yet in their per-key file. Never evicted. */
  private readonly unwritten = new Map<string, Text>();
  /** Shard folders known to exist, so a write costs no mkdir once its folder is there. */
  private readonly shards = new Set<string>();
  /** Per-key queue: a read-compare-write of one key never interleaves with another on the same key. */
  private readonly queues = new Map<string, Promise<unknown>>();
  /** Which per-key files exist, so a key with none costs no failed open. */
  private readonly files = new KnownStateFiles();
  /** Keys whose file was unreadable and set aside, until the bot has told the user (bounded). */
  private readonly unreadable = new Set<string>();
  private readonly warn: (message: string) => void;
  private readonly cacheSize: number;
  private readonly fsync: boolean;
  private readonly maxUnwritten: number;
  private readonly journal: StateJournal;
  private opened: Promise<void> | null = null;
  private checkpointing: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly dir: string,
    private readonly options: LowdbStorageOptions = {},
  ) {
    this.warn = options.warn ?? ((message) => console.warn(message));
    this.cacheSize = options.cacheSize ?? 1000;
    this.fsync = options.fsync ?? false;
    this.maxUnwritten = options.maxUnwritten ?? 5000;
    this.journal = new StateJournal(dir, this.fsync);
  }

  async read(keys: string[]): Promise<StoreItems> {
    if (!keys) throw new ReferenceError('Keys are required when reading.');
    await this.open();
    const items: StoreItems = {};
    await Promise.all(
      keys.map((key) =>
        this.withKey(key, async () => {
          // Parsed afresh on every read: callers get their own copy to change.
          const text = await this.loadText(key);
          if (text === null) return;
          const record = JSON.parse(text) as StoredRecord;
          const item = { ...record.item, eTag: record.eTag };
          const itemText = itemTextIn(text);
          if (itemText !== undefined) noteReadText(item, itemText);
          items[key] = item;
        }),
      ),
    );
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    if (!changes) throw new ReferenceError('Changes are required when writing.');
    // Taken now, before any await: the text is the item as the caller handed it over.
    const entries = Object.entries(changes).map(([key, newItem]) => ({ key, newItem, itemText: newItem && takeWriteText(newItem) }));
    await this.open();
    await Promise.all(
      entries.map(({ key, newItem, itemText }) =>
        this.withKey(key, async () => {
          const requested = newItem?.eTag;
          if (!isUnconditional(requested)) {
            const old = await this.load(key);
            if (old && requested !== old.eTag) throw new EtagConflictError(key);
          }
          const eTag = randomUUID();
          const updatedAt = new Date().toISOString();
          // JSON.stringify of the StoredRecord, field by field, so an item the state has just stringified is not stringified again.
          const item = itemText ?? stringifyItem(newItem ?? {});
          await this.change(key, `{"key":${JSON.stringify(key)},"eTag":"${eTag}","updatedAt":"${updatedAt}",${ITEM_FIELD}${item}}`);
        }),
      ),
    );
  }

  /**
   * Deletes the records ("forget me"): their files, any unreadable copies moved aside, and the journal
   * that still holds their earlier versions (by a checkpoint), all before this resolves.
   */
  async delete(keys: string[]): Promise<void> {
    if (!keys) throw new ReferenceError('Keys are required when deleting.');
    await this.open();
    await Promise.all(
      keys.map((key) =>
        this.withKey(key, async () => {
          await this.change(key, null);
          await this.removeFiles(key);
          this.unreadable.delete(key);
        }),
      ),
    );
    await this.checkpoint();
  }

  takeUnreadable(key: string): boolean {
    return this.unreadable.delete(key);
  }

  /** Journal appends so far and the changes they carried (several changes share one append). */
  get journalStats(): { appends: number; changes: number } {
    return this.journal.stats();
  }

  /**
   * Deletes every record last written before `cutoff`, and unreadable copies moved aside that long ago;
   * returns how many. The folder is read as a stream, one entry at a time (bounded memory at any size),
   * yielding to turns between files, and each record is re-checked inside its key's queue, so one a turn
   * rewrote meanwhile is kept. Stops early when `signal` aborts (shutdown).
   */
  async purgeOlderThan(cutoff: Date, signal?: AbortSignal): Promise<number> {
    await this.open();
    let removed = 0;
    let seen = 0;
    for await (const file of walkStateFiles(this.dir, signal)) {
      if ((seen += 1) % 64 === 0) await yieldToTurns();
      if (!(await isOlderThan(file, cutoff))) continue;
      if (file.includes('.corrupt-')) {
        await fs.rm(file, { force: true });
        removed += 1;
        continue;
      }
      const key = (await readJson(file))?.key;
      if (typeof key !== 'string') {
        // Unreadable and past retention: whoever it belonged to, it is not kept longer than the rest.
        await fs.rm(file, { force: true });
        removed += 1;
        continue;
      }
      const deleted = await this.withKey(key, async () => {
        if (this.unwritten.has(key) || !(await isOlderThan(file, cutoff))) return false;
        this.cache.delete(key);
        await fs.rm(file, { force: true });
        return true;
      });
      if (deleted) removed += 1;
    }
    return removed;
  }

  /** Waits for queued changes and copies every one into its file; call before the process exits. */
  async flush(): Promise<void> {
    await Promise.allSettled([...this.queues.values()]);
    if (this.opened) await this.checkpoint();
  }

  /** Flushes, then stops the background copying and closes the journal. */
  async close(): Promise<void> {
    await this.flush();
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.journal.close();
  }

  private open(): Promise<void> {
    this.opened ??= (async () => {
      await fs.mkdir(this.dir, { recursive: true });
      await this.journal.replay(({ key, text }) => this.unwritten.set(key, text));
      this.timer = setInterval(
        () => void this.checkpoint().catch((error: Error) => this.warnCheckpoint(error)),
        this.options.checkpointMs ?? 15_000,
      );
      this.timer.unref();
    })();
    return this.opened;
  }

  /** Journals a change, then makes it what reads see. Runs inside the key's queue. */
  private async change(key: string, text: Text): Promise<void> {
    await this.journal.append({ key, text });
    this.unwritten.set(key, text);
    this.remember(key, text);
    if (this.unwritten.size >= this.maxUnwritten) void this.checkpoint().catch((error: Error) => this.warnCheckpoint(error));
  }

  /**
   * Copies the changes made so far into their per-key files, then deletes the journals that held them.
   * A change made meanwhile goes to the new journal; one already superseded is written as its latest value.
   */
  private checkpoint(): Promise<void> {
    if (this.checkpointing) return this.checkpointing.then(() => this.checkpoint());
    if (this.unwritten.size === 0) return Promise.resolve();
    this.checkpointing = (async () => {
      const before = await this.journal.rotate();
      const touched = new Set<string>();
      for (const key of [...this.unwritten.keys()]) {
        await this.withKey(key, async () => {
          if (!this.unwritten.has(key)) return;
          const text = this.unwritten.get(key)!;
          const file = this.fileFor(key);
          if (text === null) await fs.rm(file, { force: true });
          else await this.writeFile(file, text);
          touched.add(path.dirname(file));
          if (this.unwritten.get(key) === text) this.unwritten.delete(key);
        });
      }
      if (this.fsync) for (const shard of touched) await syncPath(shard);
      await this.journal.deleteBefore(before);
    })().finally(() => {
      this.checkpointing = null;
    });
    return this.checkpointing;
  }

  private warnCheckpoint(error: Error): void {
    // The changes stay in the journal and in memory: the next checkpoint tries again.
    this.warn(
      `storage: copying state changes into their files failed (${(error as NodeJS.ErrnoException).code ?? error.name}); will retry`,
    );
  }

  private fileFor(key: string): string {
    return stateFileFor(this.dir, key);
  }

  private remember(key: string, text: Text): void {
    this.cache.delete(key);
    if (this.cacheSize <= 0) return;
    if (this.cache.size >= this.cacheSize) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(key, text);
  }

  /** The record: a change not yet in its file, else from memory, else from disk. */
  private async load(key: string): Promise<StoredRecord | null> {
    const text = await this.loadText(key);
    return text === null ? null : (JSON.parse(text) as StoredRecord);
  }

  /** The record's JSON text, or null for none. */
  private async loadText(key: string): Promise<Text> {
    let text = this.unwritten.get(key);
    if (text === undefined) text = this.cache.get(key);
    if (text === undefined) {
      const file = this.fileFor(key);
      text = (await this.files.mayExist(file)) ? await new TextFile(file).read() : null;
      text = await this.checkedText(key, text);
    }
    this.remember(key, text);
    return text;
  }

  /**
   * A file that is not valid JSON (cut short by a power loss or a full disk) is moved aside, never
   * overwritten: the copy is kept for an operator, falls under retention and is deleted by "forget me".
   */
  private async checkedText(key: string, text: Text): Promise<Text> {
    if (text === null) return null;
    try {
      JSON.parse(text);
      return text;
    } catch (error) {
      const target = this.fileFor(key);
      const aside = `${target}.corrupt-${Date.now()}`;
      await fs.rename(target, aside).catch(() => undefined);
      this.unreadable.add(key);
      if (this.unreadable.size > 10_000) this.unreadable.delete(this.unreadable.values().next().value as string);
      this.warn(`storage: unreadable state file moved aside to ${aside} (${(error as Error).name}); that record starts afresh`);
      return null;
    }
  }

  private async writeFile(file: string, text: string): Promise<void> {
    await this.ensureShard(file);
    const adapter = new TextFile(file);
    await adapter.write(text).catch(async (error: NodeJS.ErrnoException) => {
      // The shard folder was removed behind our back (an operator clearing old state): recreate it once.
      if (error.code !== 'ENOENT') throw error;
      this.shards.clear();
      await this.ensureShard(file);
      await adapter.write(text);
    });
    this.files.written(file);
    if (this.fsync) await syncPath(file);
  }

  /** Removes a key's file and any copies of it moved aside as unreadable. */
  private async removeFiles(key: string): Promise<void> {
    const file = this.fileFor(key);
    await fs.rm(file, { force: true });
    const name = path.basename(file);
    const shard = await fs.opendir(path.dirname(file)).catch(() => null);
    if (!shard) return;
    for await (const entry of shard)
      if (entry.name.startsWith(`${name}.corrupt-`)) await fs.rm(path.join(shard.path, entry.name), { force: true });
  }

  private async ensureShard(file: string): Promise<void> {
    const shard = path.dirname(file);
    if (this.shards.has(shard)) return;
    await fs.mkdir(shard, { recursive: true });
    this.shards.add(shard);
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

/** Records are written with the item last (see write), so its text ends the record's. */
const ITEM_FIELD = '"item":';

/**
 * The item's JSON text inside a record's: what stringifying the item gives. A quote inside a string value
 * is always escaped, so the first `,"item":` is the field's own; a record laid out otherwise gives a text
 * that differs from the item's, which only costs the state an unneeded write.
 */
function itemTextIn(text: string): string | undefined {
  const at = text.indexOf(`,${ITEM_FIELD}`);
  return at >= 0 && text.endsWith('}') ? text.slice(at + 1 + ITEM_FIELD.length, -1) : undefined;
}

/** The path of a key's file under a state folder (the bench seeds folders with it). */
export function stateFileFor(dir: string, key: string): string {
  // 256 sub-folders keep any one folder small even with many thousands of conversations.
  const hash = createHash('sha256').update(key).digest('hex');
  return path.join(dir, hash.slice(0, 2), `${hash}.json`);
}

async function syncPath(target: string): Promise<void> {
  const handle = await fs.open(target, 'r');
  try {
    await handle.datasync();
  } finally {
    await handle.close();
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
