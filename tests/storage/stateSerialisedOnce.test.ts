import * as fs from 'node:fs';
import { TestAdapter, TurnContext, type Activity } from 'botbuilder';
import { SavedOnceConversationState } from '../../src/conversation/savedOnceState';
import { LowdbStorage } from '../../src/storage/lowdbStorage';
import { makeTempDir } from '../helpers/tempDir';

// A conversation id with the record's own field name in it, quotes and all: the item's text must still be found.
const activity = (text: string): Partial<Activity> => ({
  type: 'message',
  text,
  channelId: 'test',
  conversation: { id: 'c,"item":{"x":1}' } as Activity['conversation'],
  from: { id: 'u1', name: 'runner' },
  recipient: { id: 'bot', name: 'bot' },
});

describe('conversation state on lowdb, serialised once per turn', () => {
  let temp: ReturnType<typeof makeTempDir>;
  afterEach(() => temp.cleanup());

  async function turn(storage: LowdbStorage, change: (data: Record<string, unknown>) => void): Promise<void> {
    const state = new SavedOnceConversationState(storage);
    const data = state.createProperty<Record<string, unknown>>('conversationData');
    const context = new TurnContext(new TestAdapter(), activity('hi'));
    change(await data.get(context, {}));
    await state.saveChanges(context, false);
  }

  it('keeps what a turn changed, writes nothing for a turn that changed nothing, and the file is the plain record', async () => {
    temp = makeTempDir();
    const storage = new LowdbStorage(temp.dir);
    await turn(storage, (data) => (data.said = 'my "back" hurts, "item": see'));
    const write = jest.spyOn(storage, 'write');
    await turn(storage, () => undefined);
    expect(write).not.toHaveBeenCalled();
    await turn(storage, (data) => (data.turns = 2));
    expect(write).toHaveBeenCalledTimes(1);
    await storage.close();

    const reopened = new LowdbStorage(temp.dir);
    const key = 'test/conversations/c,"item":{"x":1}/';
    expect((await reopened.read([key]))[key]).toMatchObject({ conversationData: { said: 'my "back" hurts, "item": see', turns: 2 } });
    const [file] = fs.readdirSync(temp.dir, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.json'));
    const record = JSON.parse(fs.readFileSync(`${temp.dir}/${file}`, 'utf8')) as Record<string, unknown>;
    expect(Object.keys(record)).toEqual(['key', 'eTag', 'updatedAt', 'item']);
    expect(record.key).toBe(key);
  });

  it('writes what other code read, changed and wrote back (the text as read is never reused for it)', async () => {
    temp = makeTempDir();
    const storage = new LowdbStorage(temp.dir);
    await storage.write({ k: { n: 1 } });
    const item = (await storage.read(['k'])).k;
    item.n = 2;
    await storage.write({ k: item });
    expect((await new LowdbStorage(temp.dir).read(['k'])).k).toMatchObject({ n: 2 });
  });
});
