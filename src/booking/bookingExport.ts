/** Booking requests as the clinic reads them: JSON, or CSV for a spreadsheet. Plain functions. */
import { stringify } from 'csv-stringify/sync';
import type { BookingRequest } from './bookingTypes';

const COLUMNS = [
  'reference',
  'createdAt',
  'status',
  'name',
  'contactKind',
  'contact',
  'preferredTimes',
  'notes',
  'triage',
  'symptomSummary',
  'attempts',
  'deliveredAt',
  'lastError',
] as const;

export function bookingRow(b: BookingRequest): Record<(typeof COLUMNS)[number], string> {
  return {
    reference: b.reference,
    createdAt: b.createdAt,
    status: b.status,
    name: b.name,
    contactKind: b.contact.kind,
    contact: b.contact.value,
    preferredTimes: b.preferredTimes,
    notes: b.notes ?? '',
    triage: b.symptomSummary?.triage ?? '',
    symptomSummary: b.symptomSummary?.reasons.join('; ') ?? '',
    attempts: String(b.delivery.attempts),
    deliveredAt: b.delivery.deliveredAt ?? '',
    lastError: b.delivery.lastError ?? '',
  };
}

/** The clinic's view: no internal keys (idempotency key, user key). */
export function bookingForClinic(b: BookingRequest): Omit<BookingRequest, 'idempotencyKey' | 'userKey'> {
  const { idempotencyKey: _key, userKey: _user, ...rest } = b;
  return rest;
}

export function bookingsAsCsv(bookings: BookingRequest[]): string {
  // csv-stringify quotes fields with commas, quotes and newlines; a leading = + - @ is escaped so a
  // spreadsheet never runs a user's text as a formula.
  const rows = bookings.map((b) => Object.values(bookingRow(b)).map((v) => (/^[=+\-@]/.test(v) ? `'${v}` : v)));
  return stringify([COLUMNS as unknown as string[], ...rows]);
}
