/**
 * The durability promise of lowdb state (STATE_FSYNC off): every acknowledged write survives a crash of
 * the process. A writer process (the built LowdbStorage, checkpointing every 30 ms so kills land
 * before, during and after checkpoints) writes turns for 40 conversations, eight at a time, printing
 * each one once its write resolved; it is SIGKILLed mid-load, and a fresh LowdbStorage on the same folder
 * must hold, for every conversation, the last acknowledged turn or a later one.
 * Power loss (STATE_FSYNC=true) cannot be simulated here: lowdbStorage.test.ts checks only that the
 * fdatasync returned before the write was acknowledged.
 */
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { projectRoot } from '../../src/projectRoot';
import { LowdbStorage } from '../../src/storage/lowdbStorage';
import { ensureBuilt } from '../helpers/ensureBuilt';
import { makeTempDir } from '../helpers/tempDir';

jest.setTimeout(60_000);
beforeAll(() => ensureBuilt());

const WRITER = `
const { LowdbStorage } = require(${JSON.stringify(path.join(projectRoot(), 'dist', 'src', 'storage', 'lowdbStorage.js'))});
const storage = new LowdbStorage(process.argv[1], { checkpointMs: 30 });
const turns = new Map();
const keys = Array.from({ length: 40 }, (_, i) => 'emulator/conversations/c' + i + '/');
async function writer(lane) {
  for (let n = 0; ; n += 1) {
    const key = 'emulator/conversations/c' + ((lane * 5 + n) % 40) + '/';
    const turn = (turns.get(key) ?? 0) + 1;
    turns.set(key, turn);
    await storage.write({ [key]: { turn, padding: 'x'.repeat(1500) } });
    process.stdout.write(key + ' ' + turn + '\\n');
  }
}
// Each run carries on from what the previous run left, so every run's acknowledgements are checked on their own.
void storage.read(keys).then((items) => {
  for (const key of keys) turns.set(key, items[key]?.turn ?? 0);
  for (let lane = 0; lane < 8; lane += 1) void writer(lane);
});
`;

/** Runs the writer until it has acknowledged `acks` writes, then SIGKILLs it; returns the last acknowledged turn per key. */
function writeThenKill(dir: string, acks: number): Promise<Map<string, number>> {
  const child = spawn(process.execPath, ['-e', WRITER, dir], { stdio: ['ignore', 'pipe', 'inherit'] });
  const acknowledged = new Map<string, number>();
  let count = 0;
  let buffered = '';
  return new Promise((resolve) => {
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        const [key, turn] = line.split(' ');
        acknowledged.set(key, Math.max(acknowledged.get(key) ?? 0, Number(turn)));
        if ((count += 1) === acks) child.kill('SIGKILL');
      }
    });
    child.once('exit', () => resolve(acknowledged));
  });
}

it('keeps every acknowledged write across repeated kill -9 mid-load', async () => {
  const temp = makeTempDir('crash-');
  try {
    for (const acks of [150, 900, 2500]) {
      const acknowledged = await writeThenKill(temp.dir, acks);
      expect(acknowledged.size).toBe(40);
      const storage = new LowdbStorage(temp.dir);
      const items = await storage.read([...acknowledged.keys()]);
      const lost = [...acknowledged].filter(([key, turn]) => !((items[key]?.turn as number) >= turn));
      expect(lost).toEqual([]);
      await storage.close();
    }
  } finally {
    temp.cleanup();
  }
});
