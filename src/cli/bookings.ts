/**
 * `npm run bookings`: the clinic's view of booking requests on this machine.
 *   npm run bookings                 a table of requests and their delivery status
 *   npm run bookings -- --csv        CSV on stdout (redirect to a file for a spreadsheet)
 *   npm run bookings -- --json       JSON on stdout
 */
import '../quietDotenv';
import 'dotenv/config';
import * as path from 'node:path';
import { bookingForClinic, bookingsAsCsv } from '../booking/bookingExport';
import { BOOKINGS_FILE, BookingStore } from '../booking/bookingStore';
import { parseConfig } from '../config';

async function main(): Promise<void> {
  const config = parseConfig();
  const bookings = await new BookingStore(path.join(config.dataDir, BOOKINGS_FILE)).list();
  if (process.argv.includes('--csv')) {
    process.stdout.write(bookingsAsCsv(bookings));
  } else if (process.argv.includes('--json')) {
    process.stdout.write(`${JSON.stringify(bookings.map(bookingForClinic), null, 2)}\n`);
  } else if (bookings.length === 0) {
    console.log(`No booking requests in ${config.dataDir}.`);
  } else {
    console.table(
      bookings.map((b) => ({
        reference: b.reference,
        created: b.createdAt.slice(0, 16),
        status: b.status,
        attempts: b.delivery.attempts,
        name: b.name,
        contact: b.contact.value,
        times: b.preferredTimes,
      })),
    );
  }
}

main().catch((error: Error) => {
  console.error(`bookings: ${error.message}`);
  process.exit(1);
});
