/** Booking a physio over real HTTP against the running bot, with a local server as the clinic. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { bookPhysio, RUNNER } from '../helpers/bookingConversation';
import { eventually, startFakeClinic, type FakeClinic } from '../helpers/fakeClinic';
import { HttpUser, startBot, textOf, type RunningBot } from '../helpers/runningBot';

const API_KEY = 'clinic-test-key-0123456789';
let clinic: FakeClinic;
let bot: RunningBot;

beforeEach(async () => {
  clinic = await startFakeClinic();
  bot = await startBot({
    BOOKING_WEBHOOK_URL: clinic.url,
    BOOKING_RETRY_BASE_MS: '100',
    BOOKING_TIMEOUT_MS: '300',
    BOOKINGS_API_KEY: API_KEY,
  });
});
afterEach(async () => {
  await bot.stop();
  await clinic.close();
});

async function joined(running: RunningBot): Promise<HttpUser> {
  const user = new HttpUser(running.url);
  await user.join();
  return user;
}

/** Every file under the data folder, as text: what is on disk. */
function dataOnDisk(dir: string): string {
  return (fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }) as string[])
    .map((name) => path.join(dir, name))
    .filter((file) => fs.statSync(file).isFile())
    .map((file) => fs.readFileSync(file, 'utf8'))
    .join('\n');
}

describe('booking a physio', () => {
  it('reaches the clinic exactly once, even when the user taps "send" twice', async () => {
    const user = new HttpUser(bot.url);
    await user.join();
    const reference = await bookPhysio(user, 2);
    await eventually(() => clinic.accepted().length === 1);
    await new Promise((r) => setTimeout(r, 400));
    expect(clinic.accepted()).toHaveLength(1);
    expect(clinic.accepted()[0]).toMatchObject({
      reference,
      name: RUNNER.name,
      contact: { kind: 'email', value: RUNNER.email },
      symptomSummary: null,
    });
    expect(clinic.requests[0].headers['idempotency-key']).toBe(reference);
  });

  it('serves the clinic its requests with their status, only with the API key', async () => {
    const reference = await bookPhysio(await joined(bot));
    await eventually(() => clinic.accepted().length === 1);
    expect((await fetch(`${bot.url}/api/bookings`)).status).toBe(401);
    expect((await fetch(`${bot.url}/api/bookings`, { headers: { authorization: 'Bearer wrong-key-wrong-key' } })).status).toBe(401);
    const listed = await eventually(async () => {
      const body = (await (await fetch(`${bot.url}/api/bookings`, { headers: { authorization: `Bearer ${API_KEY}` } })).json()) as {
        bookings: Array<{ reference: string; status: string }>;
      };
      return body.bookings.some((b) => b.reference === reference && b.status === 'sent');
    }).then(() => true);
    expect(listed).toBe(true);
    const csv = await (await fetch(`${bot.url}/api/bookings?format=csv`, { headers: { 'x-api-key': API_KEY } })).text();
    expect(csv.split('\n')[0]).toMatch(/^reference,createdAt,status/);
    expect(csv).toContain(reference);
  });

  it('keeps trying through a clinic outage (500, then timeouts) and delivers once it is back', async () => {
    clinic.mode = 'fail';
    const reference = await bookPhysio(await joined(bot));
    await eventually(() => clinic.requests.length >= 1);
    clinic.mode = 'hang';
    await eventually(() => clinic.requests.some((r) => r.mode === 'hang'));
    clinic.mode = 'accept';
    await eventually(() => clinic.accepted().length === 1, 15_000);
    expect(clinic.accepted()[0].reference).toBe(reference);
    expect(clinic.requests.filter((r) => r.mode === 'fail').length).toBeGreaterThanOrEqual(1);
  });

  it('re-asks an invalid email or phone number with an example, and accepts a valid phone', async () => {
    const user = new HttpUser(bot.url);
    await user.join();
    for (const line of ['book a physio', 'yes', RUNNER.name]) await user.say(line);
    expect(textOf(await user.say('alex@runner'))).toMatch(/example/i);
    expect(textOf(await user.say('0123'))).toMatch(/example/i);
    expect(textOf(await user.say('07911 123456'))).toMatch(/When suits you/);
  });

  it('stores nothing when the user abandons the booking midway', async () => {
    const user = new HttpUser(bot.url);
    await user.join();
    for (const line of ['book a physio', 'yes', RUNNER.name, RUNNER.email]) await user.say(line);
    await user.say('cancel');
    const body = (await (await fetch(`${bot.url}/api/bookings`, { headers: { 'x-api-key': API_KEY } })).json()) as { bookings: unknown[] };
    expect(body.bookings).toEqual([]);
    expect(clinic.requests).toHaveLength(0);
  });

  it('"forget me" removes the user\'s name and contact from the store on disk, and says what the clinic already has', async () => {
    const user = await joined(bot);
    const reference = await bookPhysio(user);
    await eventually(() => clinic.accepted().length === 1);
    expect(dataOnDisk(bot.dataDir)).toContain(RUNNER.email);
    await user.say('forget me');
    const done = textOf(await user.say('yes'));
    expect(done).toContain(reference);
    await bot.app.services.bookings.flush();
    const disk = dataOnDisk(bot.dataDir);
    expect(disk).not.toContain(RUNNER.email);
    expect(disk).not.toContain(RUNNER.name);
    expect(disk).not.toContain(RUNNER.times);
    expect(textOf(await user.say('what do you know about me'))).toMatch(/don't keep anything/);
  });

  it('never writes names, contacts or symptom text to the logs', async () => {
    const user = new HttpUser(bot.url);
    await user.join();
    for (const line of [
      'check my symptoms',
      'yes',
      'left side',
      'about 10 days',
      'only on long runs',
      '4',
      'no',
      'no',
      'no',
      'new shoes',
      'no',
    ])
      await user.say(line);
    await bookPhysio(user);
    await eventually(() => clinic.accepted().length === 1);
    // With consent, the clinic got the symptom summary; the logs got none of it.
    expect(clinic.accepted()[0].symptomSummary).toMatchObject({ triage: 'self-care' });
    await eventually(() => bot.logs.some((line) => /BT-\w+ delivered/.test(line)));
    const logs = bot.logs.join('\n');
    for (const secret of [RUNNER.name, RUNNER.email, RUNNER.times, 'left side', 'new shoes', 'long runs'])
      expect(logs).not.toContain(secret);
  });
});
