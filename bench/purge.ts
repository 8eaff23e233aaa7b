/**
 * `node dist/bench/purge.js [count]` (after `npm run bench` or `tsc -p bench/tsconfig.json`): the
 * retention purge over a lowdb state folder of `count` (default 100,000) records all past retention,
 * while a turn's state write runs every 20 ms. Prints how long the purge took, the process's RSS before
 * and at its peak, and the write latency during the purge. Run it with `--max-old-space-size=256`, as
 * `npm start` runs the bot. Uses a temporary folder and removes it.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LowdbStorage, stateFileFor } from '../src/storage/lowdbStorage';

const DAY_MS = 24 * 60 * 60 * 1000;

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 100_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-purge-'));
  try {
    const old = new Date(Date.now() - 40 * DAY_MS);
    const item = {
      conversationData: { welcomed: true },
      dialogState: { dialogStack: [{ id: 'root', state: { notes: 'x'.repeat(1500) } }] },
    };
    for (let i = 0; i < count; i += 1) {
      const key = `emulator/conversations/seeded-${i}/`;
      const file = stateFileFor(dir, key);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, JSON.stringify({ key, eTag: 'seeded', updatedAt: old.toISOString(), item }));
      fs.utimesSync(file, old, old);
    }
    const mb = () => process.memoryUsage().rss / 2 ** 20;
    const rssBefore = mb();
    let peak = rssBefore;
    const sampler = setInterval(() => (peak = Math.max(peak, mb())), 50);
    const storage = new LowdbStorage(dir);
    const latencies: number[] = [];
    const turns = setInterval(() => {
      const started = performance.now();
      void storage
        .write({ 'emulator/conversations/live/': { turn: latencies.length } })
        .then(() => latencies.push(performance.now() - started));
    }, 20);
    const started = performance.now();
    const removed = await storage.purgeOlderThan(new Date(Date.now() - 30 * DAY_MS));
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    clearInterval(turns);
    await storage.close();
    latencies.sort((a, b) => a - b);
    const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * q))].toFixed(2);
    console.log(
      `purged ${removed.toLocaleString('en-GB')} of ${count.toLocaleString('en-GB')} records in ${seconds.toFixed(1)} s; ` +
        `RSS ${rssBefore.toFixed(0)} MB before, ${peak.toFixed(0)} MB at peak; ${latencies.length} state writes meanwhile, p50 ${at(0.5)} ms, p99 ${at(0.99)} ms`,
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main();
