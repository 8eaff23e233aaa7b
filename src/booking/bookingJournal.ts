/**
 * The booking file: one line per change, each line the whole request as it now stands (the last line of a
 * reference wins). A change counts as saved only once its line is appended and fdatasync'd, so a crash or
 * a full disk part-way through an append can cut off only the line being written, never one before it:
 * a booking the user was told was made is always found again. A line cut short (no newline) is dropped
 * when the file is read, and cut off before the next append, so a new line never runs into it.
 *
 * Rewriting (to drop superseded lines, purged bookings and redacted personal data) writes a new file next
 * to it, fdatasyncs it and renames it over the old one: at every moment one complete file is on disk.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BookingRequest } from './bookingTypes';

export interface JournalContents {
  bookings: Map<string, BookingRequest>;
  /** Lines that are not a booking although they end with a newline (damage from outside the bot). */
  damagedLines: number[];
}

export class BookingJournal {
  /** Bytes known to hold whole lines; anything after it is an append that did not finish. */
  private goodBytes = 0;
  /** Lines appended since the file was last rewritten. */
  linesSinceRewrite = 0;

  constructor(readonly file: string) {}

  /** Reads every whole line; a missing file is an empty store. */
  async read(): Promise<JournalContents> {
    const bookings = new Map<string, BookingRequest>();
    const damagedLines: number[] = [];
    this.goodBytes = 0;
    if (!fs.existsSync(this.file)) return { bookings, damagedLines };
    const input = fs.createReadStream(this.file);
    let pending: Buffer = Buffer.alloc(0);
    let lineNumber = 0;
    for await (const chunk of input as AsyncIterable<Buffer>) {
      pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      let start = 0;
      for (let end = pending.indexOf(0x0a, start); end >= 0; end = pending.indexOf(0x0a, start)) {
        lineNumber += 1;
        const booking = parseLine(pending.subarray(start, end).toString('utf8'));
        if (booking) bookings.set(booking.reference, booking);
        else damagedLines.push(lineNumber);
        this.goodBytes += end - start + 1;
        start = end + 1;
      }
      pending = pending.subarray(start);
    }
    this.linesSinceRewrite = lineNumber;
    return { bookings, damagedLines };
  }

  /** Appends the requests' current versions; resolves once they are on disk. */
  async append(requests: BookingRequest[]): Promise<void> {
    if (requests.length === 0) return;
    await fs.promises.mkdir(path.dirname(this.file), { recursive: true });
    const handle = await fs.promises.open(this.file, 'a');
    try {
      // A previous append that failed part-way (a full disk) left a partial line: cut it off first.
      const { size } = await handle.stat();
      if (size > this.goodBytes) await handle.truncate(this.goodBytes);
      const bytes = Buffer.from(requests.map((r) => `${JSON.stringify(r)}\n`).join(''));
      await handle.writeFile(bytes);
      await handle.datasync();
      this.goodBytes += bytes.length;
      this.linesSinceRewrite += requests.length;
    } finally {
      await handle.close();
    }
  }

  /** Replaces the file with one line per request (written beside it, then renamed over it). */
  async rewrite(requests: Iterable<BookingRequest>): Promise<void> {
    await fs.promises.mkdir(path.dirname(this.file), { recursive: true });
    const next = `${this.file}.next`;
    const handle = await fs.promises.open(next, 'w');
    let bytes = 0;
    let lines = 0;
    try {
      let batch: string[] = [];
      const writeBatch = async () => {
        const chunk = Buffer.from(batch.join(''));
        await handle.writeFile(chunk);
        bytes += chunk.length;
        batch = [];
      };
      for (const request of requests) {
        batch.push(`${JSON.stringify(request)}\n`);
        lines += 1;
        if (batch.length === 500) await writeBatch();
      }
      await writeBatch();
      await handle.datasync();
    } finally {
      await handle.close();
    }
    await fs.promises.rename(next, this.file);
    await syncFolder(path.dirname(this.file));
    this.goodBytes = bytes;
    this.linesSinceRewrite = lines;
  }
}

function parseLine(line: string): BookingRequest | null {
  try {
    const value = JSON.parse(line) as Partial<BookingRequest> | null;
    return value && typeof value.reference === 'string' && value.delivery ? (value as BookingRequest) : null;
  } catch {
    return null;
  }
}

async function syncFolder(folder: string): Promise<void> {
  const handle = await fs.promises.open(folder, 'r');
  try {
    await handle.datasync();
  } finally {
    await handle.close();
  }
}
