/** SIGTERM while the retention purge walks many stored conversations: the bot stops the purge and exits 0. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { stateFileFor } from '../../src/storage/lowdbStorage';
import { eventually } from '../helpers/fakeClinic';
import { spawnBot } from '../helpers/spawnedBot';
import { makeTempDir } from '../helpers/tempDir';

jest.setTimeout(60_000);

const DAY_MS = 24 * 60 * 60 * 1000;

it('exits 0 on SIGTERM in the middle of a purge, keeping what it had not reached for the next start', async () => {
  const data = makeTempDir('bot-purge-sigterm-');
  try {
    const state = path.join(data.dir, 'state');
    const old = new Date(Date.now() - 40 * DAY_MS);
    const total = 20_000;
    for (let i = 0; i < total; i += 1) {
      const file = stateFileFor(state, `emulator/conversations/old-${i}/`);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(
        file,
        JSON.stringify({ key: `emulator/conversations/old-${i}/`, eTag: 'x', updatedAt: old.toISOString(), item: {} }),
      );
      fs.utimesSync(file, old, old);
    }
    const count = () => fs.readdirSync(state, { recursive: true, encoding: 'utf8' }).filter((n) => n.endsWith('.json')).length;
    const bot = await spawnBot({ DATA_DIR: data.dir, RETENTION_FIRST_PURGE_SECONDS: '0' });
    try {
      await eventually(() => count() < total - 200, 20_000, 20);
      const exited = new Promise<number | null>((resolve) => bot.process.once('exit', (code) => resolve(code)));
      bot.process.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(count()).toBeGreaterThan(0);
    } finally {
      await bot.kill();
    }
  } finally {
    data.cleanup();
  }
});
