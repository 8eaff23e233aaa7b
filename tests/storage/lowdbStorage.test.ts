import * as fs from 'node:fs';
import * as path from 'node:path';
import { LowdbStorage, stateFileFor } from '../../src/storage/lowdbStorage';
import { makeTempDir } from '../helpers/tempDir';

function jsonFiles(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.json'));
}

/** node:fs does not export its FileHandle class: spying on the prototype of a real handle reaches every handle. */
async function fileHandlePrototype(dir: string): Promise<object> {
  const handle = await fs.promises.open(dir, 'r');
  await handle.close();
  return Object.getPrototypeOf(handle) as object;
}

function corruptCopies(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((name) => name.includes('.corrupt-'));
}

describe('LowdbStorage', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let storage: LowdbStorage;
  const warnings: string[] = [];

  beforeEach(() => {
    temp = makeTempDir();
    warnings.length = 0;
    storage = new LowdbStorage(temp.dir, { warn: (m) => warnings.push(m) });
  });
  afterEach(() => temp.cleanup());

  it('reads back what it wrote, with an eTag, and survives a new instance (the bot restarting)', async () => {
    await storage.write({ 'emulator/conversations/c1/': { step: 2, answers: { pain: 6 } } });
    const reopened = new LowdbStorage(temp.dir);
    const items = await reopened.read(['emulator/conversations/c1/', 'missing']);
    expect(items['emulator/conversations/c1/']).toMatchObject({ step: 2, answers: { pain: 6 } });
    expect(typeof items['emulator/conversations/c1/'].eTag).toBe('string');
    expect(items.missing).toBeUndefined();
  });

  it('keeps one file per key, so a turn rewrites only its own conversation', async () => {
    await storage.write({ a: { n: 1 }, b: { n: 2 }, c: { n: 3 } });
    await storage.flush();
    expect(jsonFiles(temp.dir)).toHaveLength(3);
  });

  it('follows MemoryStorage eTag rules: none or * always writes, a stale eTag is rejected', async () => {
    await storage.write({ k: { v: 1 } });
    const first = (await storage.read(['k'])).k;
    await storage.write({ k: { v: 2, eTag: first.eTag } });
    await expect(storage.write({ k: { v: 3, eTag: first.eTag } })).rejects.toThrow(/eTag conflict/);
    await storage.write({ k: { v: 4, eTag: '*' } });
    await storage.write({ k: { v: 5 } });
    expect((await storage.read(['k'])).k.v).toBe(5);
  });

  it('deletes keys', async () => {
    await storage.write({ k: { v: 1 } });
    await storage.flush();
    await storage.delete(['k']);
    expect(await storage.read(['k'])).toEqual({});
    expect(jsonFiles(temp.dir)).toHaveLength(0);
  });

  it('moves a corrupt file aside with a log line instead of overwriting it', async () => {
    await storage.write({ k: { v: 1 } });
    await storage.close();
    const [file] = jsonFiles(temp.dir);
    fs.writeFileSync(path.join(temp.dir, file), '{"key":"k","item":{"v":');
    const fresh = new LowdbStorage(temp.dir, { warn: (m) => warnings.push(m) });
    expect(await fresh.read(['k'])).toEqual({});
    expect(warnings.join('\n')).toMatch(/moved aside/);
    expect(corruptCopies(temp.dir)).toHaveLength(1);
    expect(fs.readFileSync(path.join(temp.dir, corruptCopies(temp.dir)[0]), 'utf8')).toBe('{"key":"k","item":{"v":');
  });

  it('"forget me" deletes the copies of a record moved aside as unreadable, and only that record\'s', async () => {
    await storage.write({ mine: { v: 1 }, theirs: { v: 2 } });
    await storage.close();
    for (const file of jsonFiles(temp.dir)) fs.writeFileSync(path.join(temp.dir, file), '{"trunc');
    const fresh = new LowdbStorage(temp.dir, { warn: (m) => warnings.push(m) });
    await fresh.read(['mine', 'theirs']);
    expect(corruptCopies(temp.dir)).toHaveLength(2);
    await fresh.delete(['mine']);
    expect(corruptCopies(temp.dir)).toHaveLength(1);
    await fresh.close();
  });

  it('shares one journal append among the writes of one tick, and each write still waits for it', async () => {
    await storage.read(['warm']);
    const before = storage.journalStats;
    let acknowledged = 0;
    const writes = Array.from({ length: 20 }, (_, i) =>
      storage.write({ [`conversation-${i}`]: { turn: i } }).then(() => (acknowledged += 1)),
    );
    await Promise.resolve();
    expect(acknowledged).toBe(0);
    await Promise.all(writes);
    expect(storage.journalStats).toEqual({ appends: before.appends + 1, changes: before.changes + 20 });
    // Acknowledged means on the way to disk: a second instance (as after a crash) reads all of them back.
    const items = await new LowdbStorage(temp.dir).read(Array.from({ length: 20 }, (_, i) => `conversation-${i}`));
    expect(Object.keys(items)).toHaveLength(20);
  });

  it('leaves nothing of a deleted record on disk, not even in the journal ("forget me")', async () => {
    await storage.write({ 'emulator/users/u1/': { email: 'alex.runner@example.com' }, other: { v: 1 } });
    await storage.write({ 'emulator/users/u1/': { email: 'alex.runner@example.com', step: 2 } });
    await storage.delete(['emulator/users/u1/']);
    const everything = fs
      .readdirSync(temp.dir, { recursive: true, encoding: 'utf8' })
      .filter((name) => fs.statSync(path.join(temp.dir, name)).isFile())
      .map((name) => fs.readFileSync(path.join(temp.dir, name), 'utf8'))
      .join('\n');
    expect(everything).not.toContain('alex.runner@example.com');
    expect((await new LowdbStorage(temp.dir).read(['other'])).other?.v).toBe(1);
  });

  it('with fsync on, acknowledges a write only after fdatasync of its journal returned (one per shared append)', async () => {
    const synced = new LowdbStorage(temp.dir, { fsync: true });
    await synced.read(['warm']);
    const events: string[] = [];
    const prototype = (await fileHandlePrototype(temp.dir)) as { datasync: () => Promise<void> };
    const real = prototype.datasync;
    const spy = jest.spyOn(prototype, 'datasync').mockImplementation(async function (this: unknown) {
      await real.call(this);
      events.push('datasync returned');
    });
    try {
      await Promise.all([1, 2, 3].map((i) => synced.write({ [`k${i}`]: { v: i } }).then(() => events.push(`k${i} acknowledged`))));
      expect(events).toEqual(['datasync returned', 'k1 acknowledged', 'k2 acknowledged', 'k3 acknowledged']);
    } finally {
      spy.mockRestore();
      await synced.close();
    }
  });

  it('reads records dropped from its memory cache back from disk, unchanged', async () => {
    const small = new LowdbStorage(temp.dir, { cacheSize: 5 });
    const changes = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`k${i}`, { v: i }]));
    await small.write(changes);
    const items = await small.read(Object.keys(changes));
    expect(Object.keys(changes).map((key) => items[key]?.v)).toEqual(Array.from({ length: 30 }, (_, i) => i));
    // A stale eTag is still refused once the record has left the cache again.
    await small.write({ k0: { v: 'new' } });
    await small.read(Object.keys(changes).slice(1));
    await expect(small.write({ k0: { v: 'stale', eTag: items.k0.eTag } })).rejects.toThrow(/eTag conflict/);
  });

  it('reads a record from its file even when its folder was looked at before the file existed', async () => {
    // Two keys whose files share a shard folder: the first read lists that folder, with no file for `later` in it yet.
    const shardOf = (key: string) => path.dirname(stateFileFor(temp.dir, key));
    const [first, later] = Array.from({ length: 3000 }, (_, i) => `conv${i}`).filter((key) => shardOf(key) === shardOf('conv0'));
    const small = new LowdbStorage(temp.dir, { cacheSize: 1 });
    await small.write({ [first]: { v: 0 } });
    await small.flush();
    expect((await small.read([later]))[later]).toBeUndefined();
    await small.write({ [later]: { v: 1 } });
    await small.flush();
    await small.read([first]); // pushes `later` out of the memory cache: the next read is from disk
    expect((await small.read([later]))[later]).toMatchObject({ v: 1 });
  });

  it('serialises concurrent writes to one key without losing the last', async () => {
    await Promise.all(Array.from({ length: 20 }, (_, i) => storage.write({ k: { v: i } })));
    expect((await storage.read(['k'])).k.v).toBe(19);
  });
});
