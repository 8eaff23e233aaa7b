/**
 * Files damaged on disk, over real HTTP against the real bot and lowdb folder, restarted in between as
 * after a power loss: a conversation whose state file was cut short tells the user once that the bot lost
 * track, then answers what they just sent (a cut-short user record likewise, so consent asked again comes
 * with its reason); "forget me" deletes the user's details from everything kept,
 * the copies set aside as unreadable included (their state file's copy and bookings.json.corrupt-*).
 */
import { createHash, randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { postActivity, type ReplyActivity } from '../../src/cli/directPost';
import { stateFileFor } from '../../src/storage/lowdbStorage';
import { startBot, textOf, messagesOf, type RunningBot } from '../helpers/runningBot';
import { makeTempDir } from '../helpers/tempDir';

const data = makeTempDir('damaged-files-');
let bot: RunningBot;

const startOn = async () => {
  bot = await startBot({ DATA_DIR: data.dir });
};
// stop() flushes state into its files and removes only the helper's own temp folder, not DATA_DIR.
const restart = async () => {
  await bot.stop();
  await startOn();
};

beforeAll(startOn);
afterAll(async () => {
  await bot.stop();
  data.cleanup();
});

class Runner {
  readonly conversationId = `damaged-${randomUUID()}`;
  /** `user`: the same person in another conversation (a new chat another day). */
  constructor(readonly user = { id: `user-${randomUUID().slice(0, 8)}`, name: 'Runner' }) {}
  say = (text: string): Promise<ReplyActivity[]> =>
    postActivity(bot.url, { type: 'message', conversationId: this.conversationId, user: this.user, text });
  get stateFile(): string {
    return stateFileFor(path.join(data.dir, 'state'), `emulator/conversations/${this.conversationId}/`);
  }
  /** What the bot keeps about the user across conversations (their consent). */
  get userFile(): string {
    return stateFileFor(path.join(data.dir, 'state'), `emulator/users/${this.user.id}/`);
  }
  /** As src/booking/userKey.ts: how the user's booking requests are found. */
  get userKey(): string {
    return createHash('sha256').update(`emulator\u0000${this.user.id}`).digest('hex').slice(0, 32);
  }
}

/** Cuts the file short in the middle of `inside` (so the part kept still holds personal data). */
function truncateWithin(file: string, inside: string): void {
  const text = fs.readFileSync(file, 'utf8');
  const at = text.indexOf(inside);
  expect(at).toBeGreaterThan(0);
  fs.writeFileSync(file, text.slice(0, at + inside.length));
}

/** Every file under DATA_DIR with its text. */
function everyFile(): Array<{ file: string; text: string }> {
  return fs
    .readdirSync(data.dir, { recursive: true, encoding: 'utf8' })
    .map((name) => path.join(data.dir, name))
    .filter((file) => fs.statSync(file).isFile())
    .map((file) => ({ file: path.relative(data.dir, file), text: fs.readFileSync(file, 'utf8') }));
}

const LOST = /lost track of our conversation/i;
const USER_LOST = /lost what I remembered about you/i;
const booker = new Runner();
const alarmed = new Runner();
const other = { reference: 'BT-OTHER', userKey: 'f'.repeat(32), name: 'Casey Other' };

it('a conversation whose state file was cut short is told once, and the message it just sent is answered', async () => {
  // Part-way through a booking: the state holds a name and an email.
  for (const text of ['book a physio', 'yes', 'Robin Damaged', 'robin.damaged@example.com']) await booker.say(text);
  await alarmed.say('check my symptoms');
  await restart();
  truncateWithin(booker.stateFile, 'robin.damaged@');
  truncateWithin(alarmed.stateFile, 'dialogState');
  // A booking file from before the append-only one, cut short too, with two of Robin's requests (one
  // whole, one cut off after the name) and someone else's.
  const robin = (reference: string) => ({ reference, userKey: booker.userKey, name: 'Robin Damaged' });
  const full = (b: object) => ({ ...b, createdAt: new Date().toISOString(), status: 'sent', delivery: { attempts: 1 } });
  const legacy = JSON.stringify(
    {
      bookings: [
        full(other),
        full({ ...robin('BT-ROBIN1'), contact: { kind: 'email', value: 'robin.damaged@example.com' } }),
        robin('BT-ROBIN2'),
      ],
    },
    null,
    2,
  );
  fs.writeFileSync(path.join(data.dir, 'bookings.json'), legacy.slice(0, legacy.lastIndexOf('Robin Damaged') + 'Robin Damaged'.length));
  await restart();

  const replies = messagesOf(await booker.say('how often should I replace my running shoes?'));
  expect(replies[0].text).toMatch(LOST);
  // The notice comes first, then the answer to what was said: nothing the user sent is lost.
  expect(textOf(replies.slice(1))).toMatch(/300/);
  expect(bot.logs.some((line) => /unreadable state file moved aside/.test(line))).toBe(true);
  // Once only.
  expect(textOf(await booker.say('how long should I rest from running?'))).not.toMatch(LOST);
});

it('a red flag in the first message after the loss is answered first; the notice comes on the next turn', async () => {
  const first = textOf(await alarmed.say("I can't feel the toilet paper when I wipe and I've wet myself"));
  expect(first).toMatch(/999/);
  expect(first).not.toMatch(LOST);
  const next = messagesOf(await alarmed.say('how often should I replace my running shoes?'));
  expect(next[0].text).toMatch(LOST);
  expect(textOf(next)).toMatch(/300/);
});

it('a user whose stored record was cut short is told once why consent is asked again, and the message is answered', async () => {
  const first = new Runner();
  await first.say('check my symptoms');
  expect(textOf(await first.say('yes'))).toMatch(/Where is the pain/);
  // Another day, another chat: the consent kept for the user is not asked for again.
  expect(textOf(await new Runner(first.user).say('check my symptoms'))).toMatch(/Where is the pain/);
  await restart();
  truncateWithin(first.userFile, 'storageConsent');
  await restart();

  const later = new Runner(first.user);
  const replies = messagesOf(await later.say('how often should I replace my running shoes?'));
  expect(replies[0].text).toMatch(USER_LOST);
  expect(replies[0].text).not.toMatch(LOST);
  expect(textOf(replies.slice(1))).toMatch(/300/);
  expect(bot.logs.some((line) => /unreadable state file moved aside/.test(line))).toBe(true);
  // Consent is asked again, now with the reason already given: the notice is not repeated.
  const again = textOf(await later.say('check my symptoms'));
  expect(again).toMatch(/may I keep your answers/i);
  expect(again).not.toMatch(USER_LOST);
  await later.say('yes');
  expect(textOf(await new Runner(first.user).say('check my symptoms'))).not.toMatch(USER_LOST);
});

it('"forget me" deletes the user\'s details from every file, the copies set aside included, and keeps other people\'s', async () => {
  const personal = ['Robin Damaged', 'robin.damaged@', booker.userKey];
  const copies = () => everyFile().filter(({ file }) => file.includes('.corrupt-'));
  // The booking file is read when first needed (here by "what do you know about me"): then the
  // unreadable bookings.json is set aside.
  await booker.say('what do you know about me');
  // Before: both copies set aside hold Robin's details.
  const stateCopy = path.relative(data.dir, booker.stateFile);
  expect(copies().find(({ file }) => file.startsWith(`${stateCopy}.corrupt-`))?.text).toContain('robin.damaged@');
  expect(copies().find(({ file }) => file.startsWith('bookings.json.corrupt-'))?.text).toContain('Robin Damaged');
  const bookingsCopy = copies().find(({ file }) => file.startsWith('bookings.json'))!;
  const setAsideAt = fs.statSync(path.join(data.dir, bookingsCopy.file)).mtimeMs;

  expect(textOf(await booker.say('forget me'))).toMatch(/delete/i);
  expect(textOf(await booker.say('yes'))).toMatch(/deleted what I kept about you/i);

  for (const { file, text } of everyFile())
    for (const p of personal) expect({ file, holds: text.includes(p) }).toEqual({ file, holds: false });
  // Someone else's request stays in the copy, which keeps its date for retention.
  const after = fs.readFileSync(path.join(data.dir, bookingsCopy.file), 'utf8');
  expect(after).toContain('Casey Other');
  expect(Math.abs(fs.statSync(path.join(data.dir, bookingsCopy.file)).mtimeMs - setAsideAt)).toBeLessThan(1);
  // The other conversation's copy set aside is someone else's: still there.
  expect(copies().some(({ text }) => text.includes(alarmed.conversationId) || text.includes('dialogState'))).toBe(true);
});
