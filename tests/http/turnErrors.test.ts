/** A turn that fails: a polite apology with a reference that matches the log, and the conversation goes on. */
import { MemoryStorage, type StoreItems } from 'botbuilder';
import { Writable } from 'node:stream';
import { createApp } from '../../src/app';
import { parseConfig } from '../../src/config';
import { createLogger } from '../../src/observability/logger';
import { makeTempDir } from '../helpers/tempDir';
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

it('at LOG_LEVEL=warn the operator still finds the reference the user was given', async () => {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  const temp = makeTempDir('bot-warn-');
  const hiccup = new HiccupStorage();
  const config = parseConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: temp.dir, REGION: 'UK', LOG_LEVEL: 'warn' });
  const app = createApp(config, { logger: createLogger('warn', sink), pickVariant: () => 0, storage: hiccup });
  try {
    const user = new HttpUser(await app.listen());
    await user.join();
    hiccup.failNextRead = true;
    const reference = textOf(await user.say('what stretches help, private detail')).match(/ref ([0-9a-f]{8})/)?.[1];
    expect(reference).toBeDefined();
    const logged = lines.join('');
    expect(logged).toContain(`turn error ${reference}`);
    expect(logged).toMatch(/"level":(40|50)/);
    expect(logged).not.toContain('private detail');
  } finally {
    await app.close();
    temp.cleanup();
  }
});
