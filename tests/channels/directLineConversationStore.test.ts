/** The self-hosted Direct Line keeps conversations in memory: bounded in number, in idle time and in log length. */
import { ConversationStore } from '../../src/channels/directLine/conversationStore';

function storeWithClock(limits: { maxConversations?: number; idleMs?: number; maxLoggedActivities?: number } = {}) {
  const clock = { now: 1_000_000 };
  const store = new ConversationStore({ maxConversations: 3, idleMs: 60_000, maxLoggedActivities: 5, ...limits, now: () => clock.now });
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
  it('drops the least recently used conversation when full, and closes its streams', () => {
    const { store } = track(storeWithClock());
    const closed: string[] = [];
    for (const id of ['a', 'b', 'c']) store.create(id, `dl_${id}`).subscribe({ onActivities: () => {}, onClose: () => closed.push(id) });
    store.get('a'); // a is now the most recent; b is the oldest
    store.create('d', 'dl_d');
    expect(store.size).toBe(3);
    expect(store.get('b')).toBeUndefined();
    expect(closed).toEqual(['b']);
    expect(store.get('a')).toBeDefined();
  });

  it('forgets a conversation idle for longer than the limit, but not one in use', () => {
    const { store, clock } = track(storeWithClock());
    store.create('idle', 'dl_1');
    store.create('busy', 'dl_2');
    clock.now += 40_000;
    store.get('busy');
    clock.now += 30_000;
    expect(store.get('idle')).toBeUndefined();
    expect(store.get('busy')).toBeDefined();
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

  it('runs one conversation\'s turns one at a time, in arrival order, and a failed turn does not block the next', async () => {
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
});
