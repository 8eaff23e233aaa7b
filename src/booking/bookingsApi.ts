/**
 * GET /api/bookings for the clinic: booking requests and their delivery status, as JSON or CSV
 * (?format=csv). It reads personal data, so it needs the API key from BOOKINGS_API_KEY (header
 * `Authorization: Bearer <key>` or `X-Api-Key`); with no key configured the endpoint is off.
 */
import { timingSafeEqual } from 'node:crypto';
import type restify from 'restify';
import { bookingForClinic, bookingsAsCsv } from './bookingExport';
import type { BookingStore } from './bookingStore';

function keyMatches(given: string | undefined, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function registerBookingsApi(store: BookingStore, apiKey: string | undefined): (server: restify.Server) => void {
  return (server) => {
    server.get('/api/bookings', async (req, res) => {
      if (!apiKey) {
        res.json(404, { error: 'NotFound', message: 'the bookings API is off (set BOOKINGS_API_KEY to turn it on)' });
        return;
      }
      const bearer = req.header('authorization')?.replace(/^Bearer\s+/i, '');
      if (!keyMatches(bearer ?? req.header('x-api-key'), apiKey)) {
        res.json(401, { error: 'Unauthorized', message: 'a valid API key is required' });
        return;
      }
      const bookings = await store.list();
      const format = new URL(req.url ?? '/', 'http://localhost').searchParams.get('format');
      if (format === 'csv') {
        res.writeHead(200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="bookings.csv"' });
        res.end(bookingsAsCsv(bookings));
        return;
      }
      res.json(200, { bookings: bookings.map(bookingForClinic) });
    });
  };
}
