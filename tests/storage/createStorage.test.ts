/** STORAGE / REDIS_URL / DATA_RETENTION_DAYS: defaults, validation, and the backend each one builds. */
import * as net from 'node:net';
import { MemoryStorage } from 'botbuilder';
import { ConfigError, parseConfig } from '../../src/config';
import { createStorage } from '../../src/storage/createStorage';
import { LowdbStorage } from '../../src/storage/lowdbStorage';
import { makeTempDir } from '../helpers/tempDir';

describe('storage settings', () => {
  it('default to lowdb with 30 days of retention', () => {
    expect(parseConfig({})).toMatchObject({ STORAGE: 'lowdb', DATA_RETENTION_DAYS: 30 });
  });

  it('refuse redis without REDIS_URL, an unknown backend and a retention under one day', () => {
    expect(() => parseConfig({ STORAGE: 'redis' })).toThrow(/REDIS_URL: is required when STORAGE=redis/);
    expect(() => parseConfig({ STORAGE: 'mongo' })).toThrow(ConfigError);
    expect(() => parseConfig({ STORAGE: 'redis', REDIS_URL: 'localhost:6379' })).toThrow(/REDIS_URL: must start with redis:\/\//);
    expect(() => parseConfig({ DATA_RETENTION_DAYS: '0' })).toThrow(/DATA_RETENTION_DAYS/);
  });
});

describe('createStorage', () => {
  const log = () => undefined;

  it('builds lowdb under DATA_DIR/state, with a purge, and memory as botbuilder MemoryStorage', async () => {
    const temp = makeTempDir('create-storage-');
    try {
      const lowdb = createStorage(parseConfig({ DATA_DIR: temp.dir }), log);
      expect(lowdb.storage).toBeInstanceOf(LowdbStorage);
      expect(lowdb.purgeOlderThan).toBeDefined();
      await lowdb.storage.write({ k: { v: 1 } });
      await lowdb.close();
      expect(await new LowdbStorage(`${temp.dir}/state`).read(['k'])).toMatchObject({ k: { v: 1 } });

      const memory = createStorage(parseConfig({ STORAGE: 'memory' }), log);
      expect(memory.storage).toBeInstanceOf(MemoryStorage);
    } finally {
      temp.cleanup();
    }
  });

  it('fails start-up with a clear message, and no password, when Redis cannot be reached', async () => {
    const port = await closedPort();
    const backend = createStorage(parseConfig({ STORAGE: 'redis', REDIS_URL: `redis://:hunter22@127.0.0.1:${port}` }), log);
    const failure = await backend.ready().then(
      () => null,
      (error: Error) => error.message,
    );
    await backend.close();
    expect(failure).toMatch(new RegExp(`Redis at redis://:\\*\\*\\*@127\\.0\\.0\\.1:${port}.* is not reachable`));
    expect(failure).not.toContain('hunter22');
  });
});

/** A local port with nothing listening on it. */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
