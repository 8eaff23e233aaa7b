/**
 * Booking requests on disk with lowdb: one JSON file, written atomically (steno: temp file + rename),
 * every change serialised through one queue so concurrent turns cannot lose each other's writes.
 * Bookings are few and rarely written (unlike conversation state), so one file stays small and simple.
 * A corrupt file is moved aside and reported, never overwritten with an empty list.
 */
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { newBookingReference } from './bookingReference';
import type { BookingRequest } from './bookingTypes';

interface BookingFile {
  bookings: BookingRequest[];
}

export type NewBooking = Omit<BookingRequest, 'reference' | 'createdAt' | 'status' | 'delivery'>;

export class BookingStore {
  private readonly db: Low<BookingFile>;
  private queue: Promise<unknown> = Promise.resolve();
  private loaded = false;

  constructor(
    private readonly file: string,
    private readonly warn: (message: string) => void = console.warn,
  ) {
    this.db = new Low<BookingFile>(new JSONFile(file), { bookings: [] });
  }

  /** Creates the request, or returns the existing one for the same idempotency key (a repeated confirm). */
  create(booking: NewBooking, now = new Date()): Promise<{ request: BookingRequest; created: boolean }> {
    return this.change((data) => {
      const existing = data.bookings.find((b) => b.idempotencyKey === booking.idempotencyKey);
      if (existing) return { request: existing, created: false };
      let reference = newBookingReference();
      while (data.bookings.some((b) => b.reference === reference)) reference = newBookingReference();
      const request: BookingRequest = { ...booking, reference, createdAt: now.toISOString(), status: 'new', delivery: { attempts: 0 } };
      data.bookings.push(request);
      return { request, created: true };
    });
  }

  async list(): Promise<BookingRequest[]> {
    return this.read((data) => data.bookings.map((b) => structuredClone(b)));
  }

  async get(reference: string): Promise<BookingRequest | undefined> {
    return this.read((data) => structuredClone(data.bookings.find((b) => b.reference === reference)));
  }

  async forUser(userKey: string): Promise<BookingRequest[]> {
    return this.read((data) => data.bookings.filter((b) => b.userKey === userKey).map((b) => structuredClone(b)));
  }

  /** Applies `edit` to one request and saves; returns the updated copy. */
  update(reference: string, edit: (request: BookingRequest) => void): Promise<BookingRequest | undefined> {
    return this.change((data) => {
      const request = data.bookings.find((b) => b.reference === reference);
      if (request) edit(request);
      return request && structuredClone(request);
    });
  }

  /** Removes a user's personal data from their requests; returns the references touched. */
  redactUser(userKey: string, now = new Date()): Promise<string[]> {
    return this.change((data) => {
      const touched: string[] = [];
      for (const request of data.bookings.filter((b) => b.userKey === userKey && !b.redactedAt)) {
        request.name = "(removed at the user's request)";
        request.contact = { kind: request.contact.kind, value: '(removed)' };
        request.preferredTimes = '(removed)';
        delete request.notes;
        delete request.symptomSummary;
        request.userKey = 'forgotten';
        request.redactedAt = now.toISOString();
        // Nothing personal is left to deliver: a request not yet sent will not be.
        if (request.status !== 'sent') delete request.delivery.nextAttemptAt;
        touched.push(request.reference);
      }
      return touched;
    });
  }

  /** Waits for every queued write. */
  async flush(): Promise<void> {
    await this.queue.catch(() => undefined);
  }

  private read<T>(view: (data: BookingFile) => T): Promise<T> {
    return this.enqueue(async () => view(await this.load()));
  }

  private change<T>(edit: (data: BookingFile) => T): Promise<T> {
    return this.enqueue(async () => {
      const data = await this.load();
      const result = edit(data);
      await fs.mkdir(path.dirname(this.file), { recursive: true });
      await this.db.write();
      return result;
    });
  }

  private enqueue<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.catch(() => undefined).then(work);
    this.queue = next;
    return next;
  }

  /** Reads the file once; later reads use memory, which every write keeps in step with the file. */
  private async load(): Promise<BookingFile> {
    if (!this.loaded) {
      try {
        await this.db.read();
      } catch (error) {
        const aside = `${this.file}.corrupt-${Date.now()}`;
        await fs.rename(this.file, aside);
        this.warn(`bookings: unreadable bookings file moved aside to ${aside} (${(error as Error).name}); starting a new one`);
        this.db.data = { bookings: [] };
      }
      this.db.data ??= { bookings: [] };
      this.loaded = true;
    }
    return this.db.data;
  }
}
