/** A turn that fails: a polite apology with a reference that matches the log, and the conversation goes on. */
import { MemoryStorage, type StoreItems } from 'botbuilder';
import { HttpUser, startBot, textOf, type RunningBot } from '../helpers/runningBot';

/** MemoryStorage whose next read fails once, like a storage hiccup in the middle of a conversation. */
class HiccupStorage extends MemoryStorage {
  failNextRead = false;
  async read(keys: string[]): Promise<StoreItems> {
    if (this.failNextRead) {
      this.failNextRead = false;
      throw new Error('storage unavailable for a moment');
    }
    return super.read(keys);
  }
}

let bot: RunningBot;
const storage = new HiccupStorage();
beforeAll(async () => {
  bot = await startBot({}, storage);
});
afterAll(async () => {
  await bot.stop();
});

it("apologises with a reference, logs it without the user's words, and keeps the conversation", async () => {
  const user = new HttpUser(bot.url);
  await user.join();
  for (const line of ['check my symptoms', 'yes']) await user.say(line);

  storage.failNextRead = true;
  const failed = textOf(await user.say('left side of my back, private detail'));
  const reference = failed.match(/ref ([0-9a-f]{8})/)?.[1];
  expect(failed).toMatch(/Sorry/);
  expect(reference).toBeDefined();
  expect(failed).not.toMatch(/storage unavailable|Error|at \w/);
  expect(bot.logs.join('\n')).toContain(reference!);
  expect(bot.logs.join('\n')).not.toContain('private detail');

  // The symptom check was not wiped: the same question is answered and the check moves on.
  expect(textOf(await user.say('left side'))).toMatch(/How long|When did it start/);
});
