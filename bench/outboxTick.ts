/**
 * `node dist/bench/outboxTick.js` (after `tsc -p bench/tsconfig.json`): what one outbox tick costs (the
 * look for due deliveries, `BookingStore.due`) with 1,000, 10,000 and 50,000 delivered bookings and two
 * waiting, against copying every booking and filtering (what the outbox did before). Prints the mean
 * milliseconds per tick over 200 ticks each. Uses a temporary folder and removes it.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BookingStore } from '../src/booking/bookingStore';
import type { BookingRequest } from '../src/booking/bookingTypes';

const TICKS = 200;

function booking(n: number, waiting: boolean): BookingRequest {
  return {
    reference: `BT-${String(n).padStart(6, '0')}`,
    idempotencyKey: `confirm-${n}`,
    userKey: `user-${n}`,
    createdAt: new Date().toISOString(),
    name: 'Alex Runner',
    contact: { kind: 'email', value: `runner${n}@example.com` },
    preferredTimes: 'tuesday evenings after 6',
    status: waiting ? 'failed' : 'sent',
    delivery: waiting ? { attempts: 1, nextAttemptAt: new Date(0).toISOString() } : { attempts: 1, deliveredAt: new Date().toISOString() },
  };
}

async function meanMs(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < TICKS; i += 1) await work();
  return (performance.now() - started) / TICKS;
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-outbox-'));
  try {
    console.log('delivered bookings | due() ms per tick | copy-all-and-filter ms per tick');
    for (const delivered of [1_000, 10_000, 50_000]) {
      const file = path.join(dir, `bookings-${delivered}.jsonl`);
      const lines: string[] = [];
      for (let n = 0; n < delivered + 2; n += 1) lines.push(JSON.stringify(booking(n, n >= delivered)));
      fs.writeFileSync(file, `${lines.join('\n')}\n`);
      const store = new BookingStore(file, { report: () => undefined });
      if ((await store.due()).length !== 2) throw new Error('expected two due bookings');
      const due = await meanMs(() => store.due());
      const copyAll = await meanMs(async () =>
        (await store.list()).filter(
          (b) => b.status !== 'sent' && b.delivery.nextAttemptAt !== undefined && new Date(b.delivery.nextAttemptAt) <= new Date(),
        ),
      );
      console.log(`${String(delivered).padStart(18)} | ${due.toFixed(4).padStart(17)} | ${copyAll.toFixed(2).padStart(30)}`);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main();
