/** What an operator sees of the built server: config errors before the port opens, JSON logs with nothing personal, clean shutdown. */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { projectRoot } from '../../src/projectRoot';
import { bookPhysio, RUNNER } from '../helpers/bookingConversation';
import { ensureBuilt } from '../helpers/ensureBuilt';
import { HttpUser } from '../helpers/runningBot';
import { spawnBot } from '../helpers/spawnedBot';
import { makeTempDir } from '../helpers/tempDir';

beforeAll(() => ensureBuilt());

it('refuses bad settings with one message naming each problem, and exits non-zero before listening', () => {
  const run = spawnSync(process.execPath, [path.join(projectRoot(), 'dist', 'src', 'index.js')], {
    env: {
      PATH: process.env.PATH,
      DOTENV_CONFIG_QUIET: 'true',
      PORT: 'not-a-port',
      REGION: 'UK',
      BOOKING_WEBHOOK_URL: 'ftp://clinic',
      LOG_LEVEL: 'loud',
    },
    encoding: 'utf8',
    timeout: 15_000,
  });
  expect(run.status).toBe(1);
  expect(run.stderr).toMatch(/Invalid configuration/);
  for (const setting of ['PORT', 'BOOKING_WEBHOOK_URL', 'LOG_LEVEL']) expect(run.stderr).toContain(setting);
  expect(run.stdout).not.toMatch(/listening/);
});

it('logs JSON lines with request ids and nothing personal through a full conversation, then shuts down cleanly on SIGTERM', async () => {
  const data = makeTempDir('bot-ops-');
  const bot = await spawnBot({ DATA_DIR: data.dir, LOG_LEVEL: 'debug' });
  try {
    const user = new HttpUser(bot.url);
    await user.join();
    for (const line of [
      'check my symptoms',
      'yes',
      'left side',
      'about 3 weeks',
      'only on long runs',
      '4',
      'no',
      'no',
      'no',
      'new shoes',
      'no',
    ])
      await user.say(line);
    await bookPhysio(user);
    await bot.kill('SIGTERM');
    expect(bot.process.exitCode).toBe(0);
    const lines = bot.output
      .join('')
      .split('\n')
      .filter((line) => line.startsWith('{'));
    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(entries.some((e) => e.path === '/api/messages' && typeof e.requestId === 'string' && e.status === 200)).toBe(true);
    expect(entries.some((e) => String(e.msg).includes('conversation state saved'))).toBe(true);
    const all = lines.join('\n');
    for (const secret of [RUNNER.name, RUNNER.email, RUNNER.times, 'left side', 'new shoes', 'long runs'])
      expect(all).not.toContain(secret);
  } finally {
    await bot.kill();
    data.cleanup();
  }
});
