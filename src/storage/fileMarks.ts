/**
 * First-time marks as files in a folder of their own (DATA_DIR/marks): one small file per mark, named by
 * a hash of its key, holding its expiry. Created with O_EXCL, so of two claims of one key exactly one
 * succeeds; the file is on disk before the claim resolves, so a mark survives a restart (and, with
 * `fsync`, a power loss). Expired marks are replaced on the next claim and deleted by the retention purge.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { setImmediate as yieldToTurns } from 'node:timers/promises';
import type { FirstTimeMarks } from './firstTimeMarks';

export class FileMarks implements FirstTimeMarks {
  /** Claims of one key in this process run one after another (an expired mark is replaced in two steps). */
  private readonly claims = new Map<string, Promise<boolean>>();
  private folderReady: Promise<unknown> | null = null;

  constructor(
    private readonly dir: string,
    private readonly options: { fsync?: boolean } = {},
  ) {}

  firstTime(key: string, ttlMs: number): Promise<boolean> {
    const previous = this.claims.get(key) ?? Promise.resolve(false);
    const claim = previous.catch(() => false).then(() => this.claim(key, ttlMs));
    this.claims.set(key, claim);
    const cleanup = () => {
      if (this.claims.get(key) === claim) this.claims.delete(key);
    };
    claim.then(cleanup, cleanup);
    return claim;
  }

  /** Streams the folder entry by entry (bounded memory), yielding to turns; stops when `signal` aborts. */
  async purgeExpired(now: Date, signal?: AbortSignal): Promise<number> {
    const entries = await fs.opendir(this.dir).catch(() => null);
    if (!entries) return 0;
    let removed = 0;
    let seen = 0;
    try {
      for await (const entry of entries) {
        if (signal?.aborted) break;
        if ((seen += 1) % 64 === 0) await yieldToTurns();
        if (!entry.isFile() || !entry.name.endsWith('.json')) continue;
        const file = path.join(this.dir, entry.name);
        if ((await expiryOf(file)) > now.getTime()) continue;
        await fs.rm(file, { force: true });
        removed += 1;
      }
    } finally {
      await entries.close().catch(() => undefined);
    }
    return removed;
  }

  private async claim(key: string, ttlMs: number): Promise<boolean> {
    this.folderReady ??= fs.mkdir(this.dir, { recursive: true }).catch((error: Error) => {
      this.folderReady = null;
      throw error;
    });
    await this.folderReady;
    const file = path.join(this.dir, `${createHash('sha256').update(key).digest('hex')}.json`);
    const now = Date.now();
    if (await this.create(file, now + ttlMs)) return true;
    // Unreadable (a crash between creating and writing it) counts as expired: the delivery it marked never ran.
    if ((await expiryOf(file)) > now) return false;
    await fs.rm(file, { force: true });
    return this.create(file, now + ttlMs);
  }

  /** True when this call created the mark; false when one exists. */
  private async create(file: string, expiresAt: number): Promise<boolean> {
    let handle: fs.FileHandle;
    try {
      handle = await fs.open(file, 'wx');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw error;
    }
    try {
      await handle.writeFile(JSON.stringify({ expiresAt: new Date(expiresAt).toISOString() }));
      if (this.options.fsync) await handle.datasync();
    } finally {
      await handle.close();
    }
    return true;
  }
}

/** The mark's expiry in ms since the epoch; 0 (expired) when the file is missing or unreadable. */
async function expiryOf(file: string): Promise<number> {
  try {
    const { expiresAt } = JSON.parse(await fs.readFile(file, 'utf8')) as { expiresAt?: unknown };
    const time = typeof expiresAt === 'string' ? Date.parse(expiresAt) : NaN;
    return Number.isFinite(time) ? time : 0;
  } catch {
    return 0;
  }
}
