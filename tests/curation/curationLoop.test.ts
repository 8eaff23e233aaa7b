/**
 * The curation loop end to end: a user who agreed to storage asks what the bot cannot answer, the
 * question is kept redacted in the bot's storage (a real lowdb folder), `kb:gaps` lists it grouped by
 * likely topic, and "forget me" removes it. Without consent nothing is kept.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CurationStore } from '../../src/curation/curationStore';
import { redactQuestion } from '../../src/curation/redact';
import { InProcessBot } from '../../src/evaluation/inProcessBot';
import { projectRoot } from '../../src/projectRoot';
import { LowdbStorage } from '../../src/storage/lowdbStorage';
import { ensureBuilt } from '../helpers/ensureBuilt';
import { makeTempDir } from '../helpers/tempDir';

const UNSURE = 'is it my hips or my back, Dr Patel said, ring 07700 900123 or sam@example.com';

async function consentingUser(storage: LowdbStorage, env: Record<string, string> = {}): Promise<InProcessBot> {
  const bot = new InProcessBot(env, storage);
  await bot.say('check my symptoms');
  await bot.say('yes');
  await bot.say('start over');
  return bot;
}

function kbGaps(dataDir: string, ...args: string[]) {
  ensureBuilt();
  return spawnSync(process.execPath, [path.join(projectRoot(), 'dist', 'src', 'cli', 'kbGaps.js'), ...args], {
    cwd: dataDir,
    env: { ...process.env, STORAGE: 'lowdb', DATA_DIR: dataDir, DOTENV_CONFIG_QUIET: 'true' },
    encoding: 'utf8',
  });
}

describe('curation loop', () => {
  let temp: ReturnType<typeof makeTempDir>;
  beforeEach(() => (temp = makeTempDir('curation-')));
  afterEach(() => temp.cleanup());

  it('keeps an unanswered question, redacted, and kb:gaps lists it under its likely topic with the guesses', async () => {
    const storage = new LowdbStorage(path.join(temp.dir, 'state'));
    const bot = await consentingUser(storage);
    const turn = await bot.say(UNSURE);
    expect(turn.summary.intent).toBe('clarify');
    await storage.flush();

    const result = kbGaps(temp.dir);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/could not answer confidently .*: 1/);
    expect(result.stdout).toMatch(/- "is it my hips.*\[clarify\] {2}guesses: /);
    for (const secret of ['Patel', '07700', '900123', 'sam@example.com']) expect(result.stdout).not.toContain(secret);
    expect(result.stdout).toContain('[phone]');
    expect(result.stdout).toContain('[email]');
    const json = JSON.parse(kbGaps(temp.dir, '--json').stdout);
    expect(json.gaps[0].count).toBe(1);
  });

  it('lists ratings and comments per topic', async () => {
    const storage = new LowdbStorage(path.join(temp.dir, 'state'));
    const bot = await consentingUser(storage);
    await bot.say('how do i do a bridge');
    await bot.say('that was not helpful');
    const thanks = await bot.say('it did not say how many reps, call me on 07700 900123');
    expect(thanks.text).toMatch(/Thanks for the feedback/);
    await storage.flush();
    const out = kbGaps(temp.dir).stdout;
    expect(out).toMatch(/exercise-bridge: helpful 0, partly 0, not helpful 1/);
    expect(out).toContain('it did not say how many reps, call me on [phone]');
  });

  it('"forget me" removes what was kept', async () => {
    const storage = new LowdbStorage(path.join(temp.dir, 'state'));
    const bot = await consentingUser(storage);
    await bot.say(UNSURE);
    expect(await bot.services.curation.list()).toHaveLength(1);
    await bot.say('forget me');
    await bot.say('yes');
    expect(await bot.services.curation.list()).toEqual([]);
    await storage.flush();
    expect(kbGaps(temp.dir).stdout).toMatch(/could not answer confidently .*: 0/);
  });

  it('keeps nothing for a user who has not agreed to storage', async () => {
    const bot = new InProcessBot();
    await bot.say(UNSURE);
    await bot.say('how do i do a bridge');
    await bot.say("that wasn't helpful");
    expect(await bot.services.curation.list()).toEqual([]);
  });

  it('drops entries older than DATA_RETENTION_DAYS', async () => {
    const storage = new LowdbStorage(path.join(temp.dir, 'state'));
    let now = new Date('2026-01-01T00:00:00Z');
    const store = new CurationStore(storage, 30, () => now);
    await store.add('user-a', { kind: 'unanswered', at: now.toISOString(), text: 'old question', outcome: 'clarify', guesses: [] });
    now = new Date('2026-01-20T00:00:00Z');
    await store.add('user-b', { kind: 'unanswered', at: now.toISOString(), text: 'newer question', outcome: 'clarify', guesses: [] });
    now = new Date('2026-02-05T00:00:00Z');
    expect((await store.list()).map((e) => (e.kind === 'unanswered' ? e.text : ''))).toEqual(['newer question']);
    await storage.flush();
    expect(fs.existsSync(path.join(temp.dir, 'state'))).toBe(true);
  });
});

describe('redaction', () => {
  const known = (word: string) => ['my', 'back', 'hurts', 'when', 'i', 'run', 'is', 'the', 'ask'].includes(word);
  it.each([
    ['my name is Sam Jones and my back hurts', 'my name is [name] and my back hurts'],
    ['email me at a.b@c.co.uk', 'email me at [email]'],
    ['ring 020 7946 0958 pls', 'ring [phone] pls'],
    ['I run 40 miles a week', 'I run [number] miles a week'],
    ['ask Dr Patel when my back hurts', 'ask Dr [name] when my back hurts'],
  ])('%s', (text, expected) => {
    expect(redactQuestion(text, known)).toBe(expected);
  });
});
