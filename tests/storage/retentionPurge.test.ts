/** Expired conversations are deleted in the background, and only expired ones. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LowdbStorage, stateFileFor } from '../../src/storage/lowdbStorage';
import { startRetentionPurge } from '../../src/storage/retentionPurge';
import { makeTempDir } from '../helpers/tempDir';

const DAY_MS = 24 * 60 * 60 * 1000;

describe('LowdbStorage.purgeOlderThan', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let storage: LowdbStorage;
  beforeEach(() => {
    temp = makeTempDir('purge-');
    storage = new LowdbStorage(temp.dir);
  });
  afterEach(() => temp.cleanup());

  /** Backdates a record's file, as if it was last written `days` ago. */
  const age = (key: string, days: number) => {
    const when = new Date(Date.now() - days * DAY_MS);
    for (const name of fs.readdirSync(temp.dir, { recursive: true, encoding: 'utf8' })) {
      const file = path.join(temp.dir, name);
      if (name.endsWith('.json') && JSON.parse(fs.readFileSync(file, 'utf8')).key === key) fs.utimesSync(file, when, when);
    }
  };

  it('deletes records last written before the cutoff and keeps the rest', async () => {
    await storage.write({ old1: { v: 1 }, old2: { v: 2 }, recent: { v: 3 } });
    await storage.flush();
    age('old1', 40);
    age('old2', 31);
    age('recent', 29);
    expect(await storage.purgeOlderThan(new Date(Date.now() - 30 * DAY_MS))).toBe(2);
    expect(Object.keys(await storage.read(['old1', 'old2', 'recent']))).toEqual(['recent']);
  });

  it('keeps a record that a turn rewrites while the purge runs', async () => {
    await storage.write({ k: { v: 1 } });
    await storage.flush();
    age('k', 40);
    const purge = storage.purgeOlderThan(new Date(Date.now() - 30 * DAY_MS));
    await storage.write({ k: { v: 2 } });
    await purge;
    expect((await storage.read(['k'])).k?.v).toBe(2);
  });
});

describe('LowdbStorage.purgeOlderThan, at scale and at shutdown', () => {
  let temp: ReturnType<typeof makeTempDir>;
  beforeEach(() => (temp = makeTempDir('purge-scale-')));
  afterEach(() => temp.cleanup());

  /** Writes `count` old records straight to disk (as a long-running bot would have left them). */
  const seedOld = (count: number) => {
    const when = new Date(Date.now() - 40 * DAY_MS);
    for (let i = 0; i < count; i += 1) {
      const file = stateFileFor(temp.dir, `old-${i}`);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, JSON.stringify({ key: `old-${i}`, eTag: 'x', updatedAt: when.toISOString(), item: { v: i } }));
      fs.utimesSync(file, when, when);
    }
  };

  it('deletes unreadable copies moved aside once they are past retention', async () => {
    seedOld(2);
    const storage = new LowdbStorage(temp.dir, { warn: () => undefined });
    fs.writeFileSync(stateFileFor(temp.dir, 'old-0'), '{"cut sh');
    await storage.read(['old-0']);
    const aside = fs.readdirSync(temp.dir, { recursive: true, encoding: 'utf8' }).filter((n) => n.includes('.corrupt-'));
    expect(aside).toHaveLength(1);
    const when = new Date(Date.now() - 40 * DAY_MS);
    fs.utimesSync(path.join(temp.dir, aside[0]), when, when);
    expect(await storage.purgeOlderThan(new Date(Date.now() - 30 * DAY_MS))).toBe(2);
    expect(fs.readdirSync(temp.dir, { recursive: true, encoding: 'utf8' }).filter((n) => n.includes('.json'))).toEqual([]);
    await storage.close();
  });

  it('keeps answering turns while it walks thousands of records, and stops when asked (shutdown)', async () => {
    seedOld(3000);
    const storage = new LowdbStorage(temp.dir);
    const stop = new AbortController();
    const purge = storage.purgeOlderThan(new Date(Date.now() - 30 * DAY_MS), stop.signal);
    // A turn arriving mid-purge is served (read and write) before the purge has finished.
    let purged = false;
    void purge.then(() => (purged = true));
    await storage.write({ 'emulator/conversations/live/': { turn: 1 } });
    expect((await storage.read(['emulator/conversations/live/']))['emulator/conversations/live/']?.turn).toBe(1);
    expect(purged).toBe(false);
    const count = () => fs.readdirSync(temp.dir, { recursive: true, encoding: 'utf8' }).filter((n) => n.endsWith('.json')).length;
    while (count() > 2900) await new Promise((resolve) => setTimeout(resolve, 5));
    stop.abort();
    const removed = await purge;
    expect(removed).toBeGreaterThan(0);
    expect(removed).toBeLessThan(3000);
    // Nothing deleted unreported, and the live conversation (once in its file) is one of those kept.
    await storage.flush();
    expect(count()).toBe(3000 + 1 - removed);
    await storage.close();
  });
});

describe('startRetentionPurge', () => {
  it('purges with cutoff = now - retention, on a timer that does not keep the process alive, and stop asks a run to end and waits for it', async () => {
    const now = new Date('2025-06-30T12:00:00Z');
    const cutoffs: Date[] = [];
    const signals: AbortSignal[] = [];
    let finishRun: (removed: number) => void = () => undefined;
    const logs: string[] = [];
    const timersBefore = process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const purge = startRetentionPurge({
      purgeOlderThan: (cutoff, signal) => {
        cutoffs.push(cutoff);
        if (signal) signals.push(signal);
        return new Promise((resolve) => (finishRun = resolve));
      },
      retentionDays: 30,
      log: (m) => logs.push(m),
      firstRunAfterMs: 5,
      everyMs: 5,
      now: () => now,
    });
    // Unref'd timers are not "keeping the event loop alive", so they do not show up here.
    expect(process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length).toBe(timersBefore);

    await new Promise((resolve) => setTimeout(resolve, 30));
    // Several ticks passed, but runs never overlap: the first one has not finished yet.
    expect(cutoffs).toEqual([new Date('2025-05-31T12:00:00Z')]);

    let stopped = false;
    expect(signals[0]?.aborted).toBe(false);
    const stopping = purge.stop().then(() => (stopped = true));
    // Shutdown asks the run to stop (it ends between two files) and waits for it to do so.
    expect(signals[0].aborted).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(stopped).toBe(false);
    finishRun(3);
    await stopping;
    expect(logs).toEqual(['storage: deleted 3 record(s) not used for 30 days']);

    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(cutoffs).toHaveLength(1);
  });

  it('logs a failed run and keeps going', async () => {
    const logs: string[] = [];
    let calls = 0;
    const purge = startRetentionPurge({
      purgeOlderThan: async () => {
        calls += 1;
        if (calls === 1) throw new Error('disk unplugged');
        return 0;
      },
      retentionDays: 30,
      log: (m) => logs.push(m),
      firstRunAfterMs: 60_000,
    });
    expect(await purge.runNow()).toBe(0);
    expect(await purge.runNow()).toBe(0);
    await purge.stop();
    expect(calls).toBe(2);
    expect(logs).toEqual(['storage: retention purge failed (disk unplugged); will retry on the next run']);
  });
});
