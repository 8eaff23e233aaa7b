/**
 * One contract for every state backend: the rules of botbuilder's MemoryStorage (the reference, run here
 * too), so the bot behaves the same whichever STORAGE is configured. Redis is a real redis-server.
 */
import { randomUUID } from 'node:crypto';
import { MemoryStorage, type Storage } from 'botbuilder';
import { createClient } from 'redis';
import { LowdbStorage } from '../../src/storage/lowdbStorage';
import { RedisStorage, type RedisClient } from '../../src/storage/redisStorage';
import { makeTempDir } from '../helpers/tempDir';
import { startTestRedis, type TestRedis } from './redisServer';

interface Backend {
  /** The store under test. */
  storage: Storage;
  /** A second handle on the same data, as another bot instance would hold (the same object where only one instance is supported). */
  sibling: Storage;
  close(): Promise<void>;
}

let redis: TestRedis;
beforeAll(async () => {
  redis = await startTestRedis();
});
afterAll(async () => {
  await redis?.stop();
});

async function redisBackend(): Promise<Backend> {
  // A fresh key prefix per test keeps tests apart, also on a shared REDIS_URL.
  const keyPrefix = `contract-${randomUUID()}:`;
  const clients: RedisClient[] = [createClient({ url: redis.url }), createClient({ url: redis.url })];
  await Promise.all(clients.map((client) => client.connect()));
  return {
    storage: new RedisStorage(clients[0], { keyPrefix }),
    sibling: new RedisStorage(clients[1], { keyPrefix }),
    close: async () => {
      await Promise.all(clients.map((client) => client.close()));
    },
  };
}

async function lowdbBackend(): Promise<Backend> {
  const temp = makeTempDir('storage-contract-');
  const storage = new LowdbStorage(temp.dir);
  return { storage, sibling: storage, close: async () => temp.cleanup() };
}

async function memoryBackend(): Promise<Backend> {
  const storage = new MemoryStorage();
  return { storage, sibling: storage, close: async () => undefined };
}

describe.each([
  ['memory (botbuilder MemoryStorage)', memoryBackend],
  ['lowdb', lowdbBackend],
  ['redis', redisBackend],
])('Storage contract: %s', (_name, open) => {
  let backend: Backend;
  let storage: Storage;
  beforeEach(async () => {
    backend = await open();
    storage = backend.storage;
  });
  afterEach(async () => {
    await backend.close();
  });

  const eTagOf = async (key: string): Promise<string> => (await storage.read([key]))[key].eTag as string;

  it('returns nothing for keys never written', async () => {
    expect(await storage.read(['never-written', 'nor-this'])).toEqual({});
  });

  it('reads back what it wrote, nested values and unicode intact, with a string eTag', async () => {
    const item = { step: 3, answers: { pain: 6, where: 'left side' }, list: [1, 'two', null], note: 'ça va? 🏃', flag: false };
    await storage.write({ 'emulator/conversations/a:b c/': item, other: { n: 1 } });
    const read = await storage.read(['emulator/conversations/a:b c/', 'other']);
    const { eTag, ...rest } = read['emulator/conversations/a:b c/'];
    expect(rest).toEqual(item);
    expect(typeof eTag).toBe('string');
    expect(eTag).not.toBe('*');
    expect(read.other).toMatchObject({ n: 1 });
  });

  it('gives a new eTag on every write', async () => {
    await storage.write({ k: { v: 1 } });
    const first = await eTagOf('k');
    await storage.write({ k: { v: 2 } });
    expect(await eTagOf('k')).not.toBe(first);
  });

  it('writes unconditionally without an eTag or with "*"', async () => {
    await storage.write({ k: { v: 1 } });
    await storage.write({ k: { v: 2, eTag: '*' } });
    await storage.write({ k: { v: 3 } });
    expect((await storage.read(['k'])).k.v).toBe(3);
  });

  it('accepts the current eTag and rejects a stale one with an eTag conflict, keeping the stored value', async () => {
    await storage.write({ k: { v: 1 } });
    const stale = await eTagOf('k');
    await storage.write({ k: { v: 2, eTag: stale } });
    await expect(storage.write({ k: { v: 3, eTag: stale } })).rejects.toThrow(/eTag conflict/);
    expect((await storage.read(['k'])).k.v).toBe(2);
  });

  it('accepts any eTag for a key that does not exist yet (as MemoryStorage does)', async () => {
    await storage.write({ fresh: { v: 1, eTag: 'made-up' } });
    expect((await storage.read(['fresh'])).fresh.v).toBe(1);
  });

  it('lets exactly one of two writers holding the same eTag win, also from another instance', async () => {
    await storage.write({ k: { v: 0 } });
    const eTag = await eTagOf('k');
    const results = await Promise.allSettled([storage.write({ k: { v: 'A', eTag } }), backend.sibling.write({ k: { v: 'B', eTag } })]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const winner = results[0].status === 'fulfilled' ? 'A' : 'B';
    expect((await backend.sibling.read(['k'])).k.v).toBe(winner);
  });

  it('deletes keys, and deleting a missing key is not an error', async () => {
    await storage.write({ a: { v: 1 }, b: { v: 2 } });
    await storage.delete(['a', 'not-there']);
    expect(Object.keys(await storage.read(['a', 'b']))).toEqual(['b']);
  });

  it('hands out copies: changing a read item does not change the store', async () => {
    await storage.write({ k: { list: [1] } });
    const read = await storage.read(['k']);
    (read.k.list as number[]).push(2);
    expect((await storage.read(['k'])).k.list).toEqual([1]);
  });

  it('refuses a read or write without keys the way MemoryStorage does', async () => {
    await expect(storage.read(undefined as unknown as string[])).rejects.toThrow(ReferenceError);
    await expect(storage.write(undefined as unknown as Record<string, unknown>)).rejects.toThrow(ReferenceError);
  });
});
