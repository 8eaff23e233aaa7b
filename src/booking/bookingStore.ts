/**
 * Booking requests: held in memory, saved to an append-only file (bookingJournal.ts) through one queue, so
 * concurrent turns cannot lose each other's changes and a truncated file never loses a confirmed booking.
 *
 * A full disk or an I/O error never takes the bot down: a new request is only confirmed once it is on
 * disk (otherwise `create` rejects with BookingNotSavedError and nothing was booked); any other change
 * (a delivery outcome, a redaction) is applied in memory at once and saved when the disk takes it again,
 * retried in the background and reported through `report` (warn/error), never as an unhandled rejection.
 *
 * Only requests still waiting for delivery are indexed for the outbox, so its once-a-second look costs
 * the same however many requests were delivered before. Requests older than BOOKING_RETENTION_DAYS are
 * purged; a file from before the journal (`bookings.json`, lowdb) is taken over on first start.
 */
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { BookingJournal } from './bookingJournal';
import { damagedBookingCopies, removeUserFromDamagedCopies } from './damagedCopies';
import { newBookingReference } from './bookingReference';
import type { BookingRequest } from './bookingTypes';

/** The booking file's name under DATA_DIR. */
export const BOOKINGS_FILE = 'bookings.jsonl';

export type NewBooking = Omit<BookingRequest, 'reference' | 'createdAt' | 'status' | 'delivery'>;

export interface BookingStoreOptions {
  /** What an operator must see: save failures and recoveries, damaged lines (never personal data). */
  report?: (message: string) => void;
  /** First retry after a failed save; doubles up to 60 s. */
  retryMs?: number;
}

/** The request could not be saved (full disk, I/O error): the user must be told it is not booked. */
export class BookingNotSavedError extends Error {
  constructor(readonly cause: Error) {
    super(`booking could not be saved (${(cause as NodeJS.ErrnoException).code ?? cause.name})`);
    this.name = 'BookingNotSavedError';
  }
}

export class BookingStore {
  private readonly journal: BookingJournal;
  private readonly bookings = new Map<string, BookingRequest>();
  private readonly byIdempotencyKey = new Map<string, string>();
  /** References waiting for delivery (not sent, with a next attempt time): all the outbox looks at. */
  private readonly waiting = new Set<string>();
  /** References changed in memory whose current version is not on disk yet. */
  private readonly unsaved = new Set<string>();
  /** Superseded lines hold personal data that must go (a redaction) or purged requests: rewrite the file. */
  private rewriteNeeded = false;
  private queue: Promise<unknown> = Promise.resolve();
  private loading: Promise<void> | null = null;
  private failing: string | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private retryDelayMs: number;
  private readonly report: (message: string) => void;

  constructor(
    file: string,
    private readonly options: BookingStoreOptions = {},
  ) {
    this.journal = new BookingJournal(file);
    this.report = options.report ?? ((message) => console.warn(message));
    this.retryDelayMs = options.retryMs ?? 1000;
  }

  /** Creates the request, or returns the existing one for the same idempotency key (a repeated confirm). */
  async create(booking: NewBooking, now = new Date()): Promise<{ request: BookingRequest; created: boolean }> {
    await this.load().catch((error: Error) => {
      throw new BookingNotSavedError(error);
    });
    const existing = this.byIdempotencyKey.get(booking.idempotencyKey);
    if (existing && this.bookings.has(existing)) return { request: structuredClone(this.bookings.get(existing)!), created: false };
    let reference = newBookingReference();
    while (this.bookings.has(reference)) reference = newBookingReference();
    const request: BookingRequest = { ...booking, reference, createdAt: now.toISOString(), status: 'new', delivery: { attempts: 0 } };
    this.put(request);
    const error = await this.save();
    if (error && this.unsaved.has(reference)) {
      // Never confirmed: take it back, so a retry of the confirm creates it afresh.
      this.remove(reference);
      this.unsaved.delete(reference);
      throw new BookingNotSavedError(error);
    }
    return { request: structuredClone(request), created: true };
  }

  async list(): Promise<BookingRequest[]> {
    await this.load();
    return [...this.bookings.values()].map((b) => structuredClone(b));
  }

  async get(reference: string): Promise<BookingRequest | undefined> {
    await this.load();
    const request = this.bookings.get(reference);
    return request && structuredClone(request);
  }

  async forUser(userKey: string): Promise<BookingRequest[]> {
    await this.load();
    return [...this.bookings.values()].filter((b) => b.userKey === userKey).map((b) => structuredClone(b));
  }

  /** Copies of the requests due for delivery at `now`: only those waiting are looked at. */
  async due(now = new Date()): Promise<BookingRequest[]> {
    await this.load();
    const due: BookingRequest[] = [];
    for (const reference of this.waiting) {
      const request = this.bookings.get(reference)!;
      if (new Date(request.delivery.nextAttemptAt!) <= now) due.push(structuredClone(request));
    }
    return due;
  }

  /** Applies `edit` to one request; returns the updated copy. Saved now, or retried until the disk takes it. */
  async update(reference: string, edit: (request: BookingRequest) => void): Promise<BookingRequest | undefined> {
    await this.load();
    const request = this.bookings.get(reference);
    if (!request) return undefined;
    edit(request);
    this.put(request);
    await this.save();
    return structuredClone(request);
  }

  /**
   * Removes a user's personal data from their requests and rewrites the file without the earlier
   * versions, and takes their requests out of damaged copies set aside (damagedCopies.ts); returns the
   * references touched. Rejects when the file could not be rewritten (the redaction holds in memory and
   * is retried) or a copy could not be.
   */
  async redactUser(userKey: string, now = new Date()): Promise<string[]> {
    await this.load();
    const touched: string[] = [];
    for (const request of [...this.bookings.values()].filter((b) => b.userKey === userKey && !b.redactedAt)) {
      request.name = "(removed at the user's request)";
      request.contact = { kind: request.contact.kind, value: '(removed)' };
      request.preferredTimes = '(removed)';
      delete request.notes;
      delete request.symptomSummary;
      request.userKey = 'forgotten';
      request.redactedAt = now.toISOString();
      // Nothing personal is left to deliver: a request not yet sent will not be.
      if (request.status !== 'sent') delete request.delivery.nextAttemptAt;
      this.put(request);
      touched.push(request.reference);
    }
    if (touched.length > 0) {
      this.rewriteNeeded = true;
      const error = await this.save();
      if (error) throw error;
    }
    await removeUserFromDamagedCopies(path.dirname(this.journal.file), userKey);
    return touched;
  }

  /**
   * Deletes requests created before `cutoff` (and damaged copies set aside that long ago), then rewrites
   * the file without them; returns how many. Works through the requests already in memory and writes
   * the new file in batches, so it needs no more memory than the store itself.
   */
  async purgeOlderThan(cutoff: Date): Promise<number> {
    await this.load();
    let removed = 0;
    for (const request of this.bookings.values()) {
      if (new Date(request.createdAt) >= cutoff) continue;
      if (request.status !== 'sent' && !request.redactedAt)
        this.report(`bookings: request ${request.reference} reached the end of its retention undelivered; deleted`);
      this.remove(request.reference);
      removed += 1;
    }
    removed += await this.removeOldCopies(cutoff);
    if (removed > 0) {
      this.rewriteNeeded = true;
      await this.save();
    }
    return removed;
  }

  /** Waits for queued saves (and tries once more to save what is still unsaved). */
  async flush(): Promise<void> {
    if (this.loading) await this.save();
  }

  /** Flushes and stops retrying in the background. */
  async close(): Promise<void> {
    await this.flush();
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private put(request: BookingRequest): void {
    this.bookings.set(request.reference, request);
    this.byIdempotencyKey.set(request.idempotencyKey, request.reference);
    if (request.status !== 'sent' && request.delivery.nextAttemptAt !== undefined) this.waiting.add(request.reference);
    else this.waiting.delete(request.reference);
    this.unsaved.add(request.reference);
  }

  private remove(reference: string): void {
    const request = this.bookings.get(reference);
    if (!request) return;
    this.bookings.delete(reference);
    this.byIdempotencyKey.delete(request.idempotencyKey);
    this.waiting.delete(reference);
  }

  /** Saves what is unsaved, one save at a time; resolves with the error when the disk refused it. */
  private save(): Promise<Error | null> {
    const next = this.queue.then(() => this.saveNow());
    this.queue = next;
    return next;
  }

  private async saveNow(): Promise<Error | null> {
    if (this.unsaved.size === 0 && !this.rewriteNeeded) return null;
    const saving = [...this.unsaved];
    this.unsaved.clear();
    const rewrite = this.rewriteNeeded || this.journal.linesSinceRewrite > Math.max(1000, 2 * this.bookings.size);
    this.rewriteNeeded = false;
    try {
      if (rewrite) await this.journal.rewrite(this.bookings.values());
      else await this.journal.append(saving.flatMap((reference) => this.bookings.get(reference) ?? []));
      if (this.failing) this.report(`bookings: saving works again (${this.failing} before); every change is on disk`);
      this.failing = null;
      this.retryDelayMs = this.options.retryMs ?? 1000;
      return null;
    } catch (error) {
      for (const reference of saving) if (this.bookings.has(reference)) this.unsaved.add(reference);
      if (rewrite) this.rewriteNeeded = true;
      const code = (error as NodeJS.ErrnoException).code ?? (error as Error).name;
      if (this.failing !== code)
        this.report(`bookings: saving ${this.journal.file} failed (${code}); changes are kept in memory and saving is retried`);
      this.failing = code;
      this.scheduleRetry();
      return error as Error;
    }
  }

  private scheduleRetry(): void {
    if (this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.save();
    }, this.retryDelayMs);
    this.retryTimer.unref();
    this.retryDelayMs = Math.min(60_000, this.retryDelayMs * 2);
  }

  /** Reads the file once; later reads use memory, which every save keeps in step with the file. */
  private load(): Promise<void> {
    this.loading ??= (async () => {
      const { bookings, damagedLines } = await this.journal.read().catch((error: NodeJS.ErrnoException) => {
        // Unreadable for now (an I/O error): nothing is written over it, and the next call reads again.
        this.loading = null;
        this.report(`bookings: reading ${this.journal.file} failed (${error.code ?? error.name}); will retry`);
        throw error;
      });
      if (damagedLines.length > 0)
        this.report(`bookings: ${this.journal.file} has unreadable line(s) ${damagedLines.slice(0, 10).join(', ')}; skipped`);
      for (const request of bookings.values()) this.put(request);
      this.unsaved.clear();
      if (bookings.size === 0) await this.takeOverLowdbFile();
    })();
    return this.loading;
  }

  /** Bookings kept by earlier versions in `bookings.json` (lowdb) move into the journal on first start. */
  private async takeOverLowdbFile(): Promise<void> {
    const { file } = this.journal;
    if (!file.endsWith('.jsonl')) return;
    const old = file.slice(0, -1);
    const text = await fs.readFile(old, 'utf8').catch(() => null);
    if (text === null) return;
    let bookings: BookingRequest[];
    try {
      bookings = (JSON.parse(text) as { bookings: BookingRequest[] }).bookings;
    } catch (error) {
      const aside = `${old}.corrupt-${Date.now()}`;
      await fs.rename(old, aside);
      this.report(`bookings: unreadable ${path.basename(old)} set aside as ${aside} (${(error as Error).name}); it falls under retention`);
      return;
    }
    for (const request of bookings) this.put(request);
    this.rewriteNeeded = true;
    if (!(await this.saveNow())) await fs.rm(old, { force: true });
  }

  /** Damaged copies set aside by earlier versions (`bookings.json.corrupt-<time>`), past retention. */
  private async removeOldCopies(cutoff: Date): Promise<number> {
    let removed = 0;
    for await (const file of damagedBookingCopies(path.dirname(this.journal.file))) {
      const stat = await fs.stat(file).catch(() => null);
      if (stat && stat.mtime < cutoff) {
        await fs.rm(file, { force: true });
        removed += 1;
      }
    }
    return removed;
  }
}
