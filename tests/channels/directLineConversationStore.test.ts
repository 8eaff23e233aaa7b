/**
 * The self-hosted Direct Line's conversations: bounded in memory (number, idle time, log length and
 * bytes), saved in the bot's storage so a new store (a restarted server) serves the same chat, and
 * deleted from storage by "forget me" and by the retention purge.
 */
import { MemoryStorage } from 'botbuilder';
import { activityLogKey, ConversationStore, type ConversationStoreLimits } from '../../src/channels/directLine/conversationStore';
import { LowdbStorage } from '../../src/storage/lowdbStorage';
import { makeTempDir } from '../helpers/tempDir';

function storeWithClock(limits: Partial<ConversationStoreLimits> = {}, storage?: MemoryStorage | LowdbStorage) {
  const clock = { now: 1_000_000 };
  const store = new ConversationStore(
    { maxConversations: 3, idleMs: 60_000, maxLoggedActivities: 5, maxLogBytes: 1_000_000, ...limits, now: () => clock.now },
    storage ? { storage, log: () => undefined } : undefined,
  );
  return { store, clock };
}

let stores: ConversationStore[] = [];
afterEach(() => {
  for (const store of stores) store.close();
  stores = [];
});
const track = <T extends { store: ConversationStore }>(made: T): T => {
  stores.push(made.store);
  return made;
};

describe('Direct Line conversation store', () => {
  it('drops the least recently used conversation when full, and closes its streams', async () => {
    const { store } = track(storeWithClock());
    const closed: string[] = [];
    for (const id of ['a', 'b', 'c']) store.create(id, `dl_${id}`).subscribe({ onActivities: () => {}, onClose: () => closed.push(id) });
    await store.get('a'); // a is now the most recent; b is the oldest
    store.create('d', 'dl_d');
    expect(store.size).toBe(3);
    expect(await store.get('b')).toBeUndefined();
    expect(closed).toEqual(['b']);
    expect(await store.get('a')).toBeDefined();
  });

  it('forgets a conversation idle for longer than the limit, but not one in use', async () => {
    const { store, clock } = track(storeWithClock());
    store.create('idle', 'dl_1');
    store.create('busy', 'dl_2');
    clock.now += 40_000;
    await store.get('busy');
    clock.now += 30_000;
    expect(await store.get('idle')).toBeUndefined();
    expect(await store.get('busy')).toBeDefined();
  });

  it('keeps only the newest activities, while ids and watermarks keep counting', () => {
    const { store } = track(storeWithClock());
    const conversation = store.create('c', 'dl_c');
    for (let i = 1; i <= 8; i += 1) conversation.append([{ type: 'message', text: `m${i}` }]);
    const all = conversation.activitiesAfter(undefined, 100);
    expect(all.activities.map((a) => a.text)).toEqual(['m4', 'm5', 'm6', 'm7', 'm8']);
    expect(all.watermark).toBe('8');
    expect(all.activities[0].id).toBe('c|0000004');
    expect(conversation.activitiesAfter(6, 100).activities.map((a) => a.text)).toEqual(['m7', 'm8']);
    expect(conversation.activitiesAfter(5, 1)).toMatchObject({ activities: [{ text: 'm6' }], watermark: '6' });
  });

  it('bounds a log in bytes, not only in count: big activities push the oldest out', () => {
    const { store } = track(storeWithClock({ maxLoggedActivities: 500, maxLogBytes: 20_000 }));
    const conversation = store.create('c', 'dl_c');
    for (let i = 1; i <= 50; i += 1) conversation.append([{ type: 'message', text: `${i} ${'x'.repeat(1_000)}` }]);
    expect(conversation.bytes).toBeLessThanOrEqual(20_000);
    const kept = conversation.activitiesAfter(undefined, 1000).activities;
    expect(kept.length).toBeGreaterThan(10);
    expect(kept.length).toBeLessThan(20);
    expect(String(kept.at(-1)?.text)).toMatch(/^50 /);
  });

  it("runs one conversation's turns one at a time, in arrival order, and a failed turn does not block the next", async () => {
    const { store } = track(storeWithClock());
    const conversation = store.create('c', 'dl_c');
    const events: string[] = [];
    const turn = (name: string, ms: number, fail = false) =>
      conversation.inTurn(async () => {
        events.push(`${name} start`);
        await new Promise((resolve) => setTimeout(resolve, ms));
        events.push(`${name} end`);
        if (fail) throw new Error(name);
      });
    const results = await Promise.allSettled([turn('slow', 30, true), turn('fast', 1)]);
    expect(events).toEqual(['slow start', 'slow end', 'fast start', 'fast end']);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled']);
  });

  it('a new store on the same lowdb folder (a restarted server) serves the same log, ids and watermark', async () => {
    const temp = makeTempDir('dl-log-');
    try {
      const first = track(storeWithClock({}, new LowdbStorage(temp.dir)));
      const conversation = first.store.create('c', 'dl_c');
      conversation.append([{ type: 'message', text: 'hello' }]);
      conversation.append([
        { type: 'message', text: 'my back hurts' },
        { type: 'message', text: 'Sorry to hear that.' },
      ]);
      await first.store.flush();

      const second = track(storeWithClock({}, new LowdbStorage(temp.dir)));
      const restored = await second.store.get('c');
      expect(restored?.userId).toBe('dl_c');
      expect(restored?.activitiesAfter(undefined, 100).activities.map((a) => a.text)).toEqual([
        'hello',
        'my back hurts',
        'Sorry to hear that.',
      ]);
      expect(restored?.activitiesAfter(1, 100).watermark).toBe('3');
      const [next] = restored!.append([{ type: 'message', text: 'after the restart' }]);
      expect(next.id).toBe('c|0000004');
      expect(await second.store.get('unknown')).toBeUndefined();
    } finally {
      temp.cleanup();
    }
  });

  it('a saved log is purged with the rest of the store once past retention: a restarted server no longer has it', async () => {
    const temp = makeTempDir('dl-purge-');
    try {
      const storage = new LowdbStorage(temp.dir);
      const first = track(storeWithClock({}, storage));
      first.store.create('c', 'dl_c').append([{ type: 'message', text: 'my back hurts' }]);
      await first.store.flush();
      await storage.flush(); // from lowdb's journal into the record files the purge walks
      expect(await track(storeWithClock({}, new LowdbStorage(temp.dir))).store.get('c')).toBeDefined();
      // The retention purge's cutoff is "now - DATA_RETENTION_DAYS"; one just after the write makes the log old enough.
      expect(await storage.purgeOlderThan(new Date(Date.now() + 1000))).toBeGreaterThanOrEqual(1);

      const second = track(storeWithClock({}, new LowdbStorage(temp.dir)));
      expect(await second.store.get('c')).toBeUndefined();
    } finally {
      temp.cleanup();
    }
  });

  it('a conversation dropped from memory (store full) is loaded back from storage, not lost', async () => {
    const { store } = track(storeWithClock({ maxConversations: 2 }, new MemoryStorage()));
    store.create('a', 'dl_a').append([{ type: 'message', text: 'from a' }]);
    store.create('b', 'dl_b');
    store.create('c', 'dl_c');
    expect(store.size).toBe(2);
    const a = await store.get('a');
    expect(a?.activitiesAfter(undefined, 10).activities.map((x) => x.text)).toEqual(['from a']);
  });

  it('"forget me" deletes the saved log and empties the live one', async () => {
    const storage = new MemoryStorage();
    const { store } = track(storeWithClock({}, storage));
    const conversation = store.create('c', 'dl_c');
    conversation.append([{ type: 'message', text: 'my name is Sam' }]);
    await store.flush();
    expect(Object.keys(await storage.read([activityLogKey('c')]))).toHaveLength(1);
    await store.forget('c');
    expect(await storage.read([activityLogKey('c')])).toEqual({});
    expect(conversation.activitiesAfter(undefined, 10).activities).toEqual([]);
  });
});
