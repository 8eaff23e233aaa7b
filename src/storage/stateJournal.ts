/**
 * The write-ahead journal of LowdbStorage: every state change is one line appended to an open file, and
 * changes made in the same tick (or while the previous append was in flight) share one append, and one
 * fdatasync when `fsync` is on. A change is acknowledged only after its append returned:
 *   - fsync off (default): the bytes are in the kernel, so they survive a crash of this process
 *     (kill -9), not a power loss;
 *   - fsync on: fdatasync returned too, so they survive a power loss as far as the disk honours flushes.
 *
 * Files are `journal-<seq>.log` in the state folder; `rotate()` starts a new one, so older ones can be
 * deleted once their changes are in the per-key files. Lines are `<JSON key>\t<record JSON or null>\n`;
 * a line cut short by a crash (no newline) was never acknowledged and is skipped on replay.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as readline from 'node:readline';

const JOURNAL_NAME = /^journal-(\d+)\.log$/;

interface PendingLine {
  line: string;
  resolve: () => void;
  reject: (error: Error) => void;
}

export interface JournalEntry {
  key: string;
  /** The record's JSON text, or null for a delete. */
  text: string | null;
}

export class StateJournal {
  private handle: fs.promises.FileHandle | null = null;
  private seq = 0;
  private pending: PendingLine[] = [];
  private scheduled = false;
  /** Appends and rotations run one at a time, in order. */
  private chain: Promise<void> = Promise.resolve();
  private appends = 0;
  private changes = 0;

  constructor(
    private readonly dir: string,
    private readonly fsync: boolean,
  ) {}

  /** Reads every journal left in the folder (oldest first) and positions new appends after them. */
  async replay(apply: (entry: JournalEntry) => void): Promise<void> {
    for (const { seq, file } of await this.journalFiles()) {
      this.seq = Math.max(this.seq, seq);
      const lines = readline.createInterface({ input: fs.createReadStream(file, 'utf8'), crlfDelay: Infinity });
      let previous: string | null = null;
      // The last line is only whole if the file ends with a newline: hold each line back by one.
      for await (const line of lines) {
        if (previous !== null) applyLine(previous, apply);
        previous = line;
      }
      if (previous !== null && (await endsWithNewline(file))) applyLine(previous, apply);
    }
    this.seq += 1;
  }

  /** Resolves once the change is in the journal (see the durability levels above). */
  append(entry: JournalEntry): Promise<void> {
    const line = `${JSON.stringify(entry.key)}\t${entry.text ?? 'null'}\n`;
    return new Promise((resolve, reject) => {
      this.pending.push({ line, resolve, reject });
      if (this.scheduled) return;
      this.scheduled = true;
      setImmediate(() => {
        this.scheduled = false;
        void this.serial(() => this.commit());
      });
    });
  }

  /**
   * Starts a new journal file for appends from now on; resolves with the sequence number below which
   * every journal file may be deleted once the changes made so far are written elsewhere.
   */
  rotate(): Promise<number> {
    return this.serial(async () => {
      await this.closeHandle();
      this.seq += 1;
      return this.seq;
    });
  }

  /** Deletes the journal files older than `seq`. */
  async deleteBefore(seq: number): Promise<void> {
    for (const file of await this.journalFiles()) if (file.seq < seq) await fs.promises.rm(file.file, { force: true });
  }

  stats(): { appends: number; changes: number } {
    return { appends: this.appends, changes: this.changes };
  }

  async close(): Promise<void> {
    await this.serial(() => this.closeHandle());
  }

  private async commit(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    try {
      if (!this.handle) this.handle = await fs.promises.open(path.join(this.dir, `journal-${String(this.seq).padStart(6, '0')}.log`), 'a');
      const bytes = Buffer.from(batch.map((p) => p.line).join(''));
      // A synchronous append to the page cache (tens of microseconds) costs less CPU than a round trip
      // through libuv's thread pool; the fdatasync, which waits for the disk, stays asynchronous.
      for (let offset = 0; offset < bytes.length;) offset += fs.writeSync(this.handle.fd, bytes, offset);
      if (this.fsync) await this.handle.datasync();
      this.appends += 1;
      this.changes += batch.length;
      for (const p of batch) p.resolve();
    } catch (error) {
      // A half-written line must not run into the next one: later appends go to a fresh file.
      await this.closeHandle().catch(() => undefined);
      this.seq += 1;
      for (const p of batch) p.reject(error as Error);
    }
  }

  private async closeHandle(): Promise<void> {
    const handle = this.handle;
    this.handle = null;
    await handle?.close();
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.chain.then(work);
    this.chain = next.then(
      () => undefined,
      () => undefined,
    );
    return next;
  }

  private async journalFiles(): Promise<Array<{ seq: number; file: string }>> {
    const names = await fs.promises.readdir(this.dir).catch(() => [] as string[]);
    return names
      .map((name) => ({ match: JOURNAL_NAME.exec(name), name }))
      .filter((entry): entry is { match: RegExpExecArray; name: string } => entry.match !== null)
      .map(({ match, name }) => ({ seq: Number(match[1]), file: path.join(this.dir, name) }))
      .sort((a, b) => a.seq - b.seq);
  }
}

function applyLine(line: string, apply: (entry: JournalEntry) => void): void {
  const tab = line.indexOf('\t');
  if (tab < 0) return;
  try {
    const key = JSON.parse(line.slice(0, tab)) as unknown;
    const text = line.slice(tab + 1);
    const record = JSON.parse(text) as unknown;
    if (typeof key === 'string') apply({ key, text: record === null ? null : text });
  } catch {
    // A line damaged by a crash mid-append: it was never acknowledged.
  }
}

async function endsWithNewline(file: string): Promise<boolean> {
  const handle = await fs.promises.open(file, 'r');
  try {
    const { size } = await handle.stat();
    if (size === 0) return false;
    const last = Buffer.alloc(1);
    await handle.read(last, 0, 1, size - 1);
    return last[0] === 0x0a;
  } finally {
    await handle.close();
  }
}
