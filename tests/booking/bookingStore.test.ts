/**
 * The booking file never loses a confirmed booking (a write cut off at any byte leaves every earlier
 * booking readable), survives writes that fail for real, offers the outbox only what is due, and deletes
 * requests past their retention.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BookingNotSavedError, BookingStore, type NewBooking } from '../../src/booking/bookingStore';
import { makeTempDir } from '../helpers/tempDir';

const DAY_MS = 24 * 60 * 60 * 1000;

const booking = (n: number): NewBooking => ({
  idempotencyKey: `confirm-${n}`,
  userKey: `user-${n % 2}`,
  name: `Runner ${n}`,
  contact: { kind: 'email', value: `runner${n}@example.com` },
  preferredTimes: 'mornings',
});

let temp: ReturnType<typeof makeTempDir>;
let file: string;
const reports: string[] = [];
const quiet = { report: (m: string) => reports.push(m), retryMs: 20 };
beforeEach(() => {
  temp = makeTempDir('bookings-');
  file = path.join(temp.dir, 'bookings.jsonl');
  reports.length = 0;
});
afterEach(() => temp.cleanup());

describe('a write cut off at every byte offset', () => {
  it('keeps every booking confirmed before it, with its latest saved state, and the next save still works', async () => {
    const store = new BookingStore(file, quiet);
    const confirmed = [];
    for (let n = 0; n < 3; n += 1) confirmed.push((await store.create(booking(n))).request.reference);
    await store.update(confirmed[1], (b) => (b.delivery.nextAttemptAt = new Date(0).toISOString()));
    const before = fs.readFileSync(file);
    // The write being cut off: a fourth booking, then a delivery outcome for the second.
    const fourth = (await store.create(booking(3))).request.reference;
    await store.update(confirmed[1], (b) => {
      b.status = 'sent';
      delete b.delivery.nextAttemptAt;
    });
    const after = fs.readFileSync(file);
    expect(after.subarray(0, before.length)).toEqual(before);
    const fourthLineEnd = after.indexOf(0x0a, before.length) + 1;

    for (let cut = before.length; cut < after.length; cut += 1) {
      fs.writeFileSync(file, after.subarray(0, cut));
      const reopened = new BookingStore(file, quiet);
      const found = new Map((await reopened.list()).map((b) => [b.reference, b]));
      for (const reference of confirmed) expect(found.has(reference)).toBe(true);
      expect(found.get(confirmed[1])?.delivery.nextAttemptAt).toBe(new Date(0).toISOString());
      // The cut-off part is dropped before the next line, so that line (and all before it) reads back.
      const fifth = (await reopened.create(booking(4))).request.reference;
      const again = (await new BookingStore(file, quiet).list()).map((b) => b.reference);
      expect(again).toEqual(expect.arrayContaining([...confirmed, fifth]));
      expect(again.includes(fourth)).toBe(cut >= fourthLineEnd);
    }
    expect(reports).toEqual([]);
  });

  it('takes over a bookings.json left by an earlier version, and sets an unreadable one aside (never deletes it)', async () => {
    const legacy = path.join(temp.dir, 'bookings.json');
    const old = { ...booking(7), reference: 'BT-OLD22', createdAt: new Date().toISOString(), status: 'new', delivery: { attempts: 0 } };
    fs.writeFileSync(legacy, JSON.stringify({ bookings: [old] }, null, 2));
    expect((await new BookingStore(file, quiet).list()).map((b) => b.reference)).toEqual(['BT-OLD22']);
    expect(fs.existsSync(legacy)).toBe(false);
    expect((await new BookingStore(file, quiet).list()).map((b) => b.reference)).toEqual(['BT-OLD22']);

    fs.rmSync(file);
    fs.writeFileSync(legacy, '{"bookings": [{"refer');
    expect(await new BookingStore(file, quiet).list()).toEqual([]);
    expect(fs.readdirSync(temp.dir).filter((n) => n.startsWith('bookings.json.corrupt-'))).toHaveLength(1);
    expect(reports.join('\n')).toMatch(/unreadable bookings\.json set aside/);
  });
});

describe('writes that fail for real', () => {
  it('refuses to confirm a booking it could not save, keeps other changes in memory, and saves them once the disk takes them', async () => {
    const store = new BookingStore(file, quiet);
    const first = (await store.create(booking(0))).request.reference;
    // The file replaced by a directory: every open for writing now fails (EISDIR), as on a broken disk.
    fs.rmSync(file);
    fs.mkdirSync(file);
    await expect(store.create(booking(1))).rejects.toBeInstanceOf(BookingNotSavedError);
    const updated = await store.update(first, (b) => (b.status = 'sent'));
    expect(updated?.status).toBe('sent');
    expect((await store.list()).map((b) => b.reference)).toEqual([first]);
    expect(reports.join('\n')).toMatch(/saving .*bookings\.jsonl failed \(EISDIR\); changes are kept in memory/);

    fs.rmdirSync(file);
    const deadline = Date.now() + 5000;
    while (!reports.some((m) => /saving works again/.test(m)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const reopened = await new BookingStore(file, quiet).list();
    expect(reopened.map((b) => [b.reference, b.status])).toEqual([[first, 'sent']]);
    // The booking refused earlier can be confirmed again (same idempotency key) now that saving works.
    expect((await store.create(booking(1))).created).toBe(true);
    await store.close();
  });
});

describe('what the outbox reads', () => {
  it('offers only requests waiting for delivery and due, however many were delivered', async () => {
    const store = new BookingStore(file, quiet);
    const references = [];
    for (let n = 0; n < 50; n += 1) references.push((await store.create(booking(n))).request.reference);
    for (const reference of references.slice(0, 48)) await store.update(reference, (b) => (b.status = 'sent'));
    await store.update(references[48], (b) => (b.delivery.nextAttemptAt = new Date(Date.now() - 1000).toISOString()));
    await store.update(references[49], (b) => (b.delivery.nextAttemptAt = new Date(Date.now() + 60_000).toISOString()));
    expect((await store.due()).map((b) => b.reference)).toEqual([references[48]]);
    expect((await new BookingStore(file, quiet).due(new Date(Date.now() + 120_000))).map((b) => b.reference).sort()).toEqual(
      [references[48], references[49]].sort(),
    );
  });
});

describe('retention', () => {
  it('deletes requests made before the cutoff from memory and from the file, with damaged copies that old', async () => {
    const store = new BookingStore(file, quiet);
    const old = (await store.create(booking(0), new Date(Date.now() - 100 * DAY_MS))).request.reference;
    await store.update(old, (b) => (b.status = 'sent'));
    const undelivered = (await store.create(booking(1), new Date(Date.now() - 95 * DAY_MS))).request.reference;
    const recent = (await store.create(booking(2), new Date(Date.now() - 10 * DAY_MS))).request.reference;
    const aside = path.join(temp.dir, 'bookings.json.corrupt-1700000000000');
    fs.writeFileSync(aside, '{"bookings": [');
    fs.utimesSync(aside, new Date(Date.now() - 100 * DAY_MS), new Date(Date.now() - 100 * DAY_MS));

    expect(await store.purgeOlderThan(new Date(Date.now() - 90 * DAY_MS))).toBe(3);
    expect((await store.list()).map((b) => b.reference)).toEqual([recent]);
    expect(fs.existsSync(aside)).toBe(false);
    const text = fs.readFileSync(file, 'utf8');
    expect(text).not.toContain(old);
    expect(text).not.toContain('runner0@example.com');
    expect((await new BookingStore(file, quiet).list()).map((b) => b.reference)).toEqual([recent]);
    // An operator hears about a request that was never delivered (by reference only).
    expect(reports).toEqual([`bookings: request ${undelivered} reached the end of its retention undelivered; deleted`]);
  });

  it('"forget me" leaves no earlier version of the request in the file', async () => {
    const store = new BookingStore(file, quiet);
    await store.create(booking(0));
    await store.create(booking(1));
    await store.redactUser('user-0');
    const text = fs.readFileSync(file, 'utf8');
    expect(text).not.toContain('runner0@example.com');
    expect(text).toContain('runner1@example.com');
  });
});
