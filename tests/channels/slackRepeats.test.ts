/**
 * A Slack delivery runs once, whatever happens between its first try and its repeat: Slack's retry of an
 * event (X-Slack-Retry-Num, same event_id) and a signed interaction replayed within its 5 minutes. Real
 * servers against the local fake Slack Web API: one restarted in between (lowdb under one DATA_DIR), and
 * two instances sharing a real redis-server. The user gets exactly one reply; a replayed "Send it" tap
 * sends no second booking to the clinic.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startFakeClinic, type FakeClinic } from '../helpers/fakeClinic';
import { startBot, type RunningBot } from '../helpers/runningBot';
import { makeTempDir } from '../helpers/tempDir';
import { startTestRedis, type TestRedis } from '../storage/redisServer';
import { postAsSlack, startFakeSlackApi, type FakeSlackApi, type SlackApiCall } from './slackFakeApi';

const SECRET = 'test-signing-secret-0123456789';
const TEAM = 'T0TEAM';
const BOT_USER = 'U0BOT';
const FORM = 'application/x-www-form-urlencoded';

let slack: FakeSlackApi;
let clinic: FakeClinic;
let counter = 0;

beforeAll(async () => {
  slack = await startFakeSlackApi();
  clinic = await startFakeClinic('accept');
});
afterAll(async () => {
  await slack.close();
  await clinic.close();
});

const botEnv = (extra: Record<string, string> = {}) => ({
  SLACK_SIGNING_SECRET: SECRET,
  SLACK_BOT_TOKEN: 'xoxb-test-token',
  SLACK_API_URL: slack.url,
  BOOKING_WEBHOOK_URL: `${clinic.url}/bookings`,
  BOOKING_RETRY_BASE_MS: '50',
  ...extra,
});

function dmEvent(channel: string, text: string): { eventId: string; body: string } {
  const eventId = `EvRepeat${++counter}`;
  const body = JSON.stringify({
    type: 'event_callback',
    team_id: TEAM,
    event_id: eventId,
    authorizations: [{ user_id: BOT_USER, is_bot: true }],
    event: { type: 'message', channel_type: 'im', channel, user: `U0${channel}`, text, ts: `1700001000.${counter}` },
  });
  return { eventId, body };
}

const callsIn = (channel: string): SlackApiCall[] => slack.calls.filter((call) => call.channel === channel);

async function waitFor(condition: () => boolean, what: string, timeoutMs = 8000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A DM on `bot`; resolves once `expected` more posts reached the channel. */
async function dm(bot: RunningBot, channel: string, text: string, expected = 1): Promise<SlackApiCall[]> {
  const before = callsIn(channel).length;
  expect((await postAsSlack(`${bot.url}/api/slack/events`, dmEvent(channel, text).body, { secret: SECRET })).status).toBe(200);
  await waitFor(() => callsIn(channel).length >= before + expected, `${expected} post(s) in ${channel}`);
  return callsIn(channel).slice(before);
}

/**
 * Messages of one conversation run in arrival order: once this question's answer (a shoe mileage) is
 * posted, anything the bot took before it has been answered too.
 */
async function probe(bot: RunningBot, channel: string): Promise<void> {
  const before = callsIn(channel).length;
  await postAsSlack(`${bot.url}/api/slack/events`, dmEvent(channel, 'how often should I replace my running shoes?').body, {
    secret: SECRET,
  });
  await waitFor(
    () =>
      callsIn(channel)
        .slice(before)
        .some((call) => /300/.test(call.text ?? '')),
    `the probe's answer in ${channel}`,
  );
}

const buttonsOf = (call: SlackApiCall) => (call.blocks ?? []).filter((b) => b.type === 'actions').flatMap((b) => b.elements ?? []);

/** Talks a booking up to its "Shall I send it?" question; returns that message. */
async function bookingUpToConfirm(bot: RunningBot, channel: string, name: string): Promise<SlackApiCall> {
  await dm(bot, channel, 'book a physio', 2);
  for (const answer of ['yes', name, 'runner@example.com', 'tuesday evenings after 6']) await dm(bot, channel, answer);
  const [confirm] = await dm(bot, channel, 'no');
  expect(confirm.text).toMatch(/send it to the clinic/i);
  return confirm;
}

/** The signed bytes of a "Send it" click on `confirm`: posting them again is a replay. */
function sendItClick(channel: string, confirm: SlackApiCall): { body: string; timestamp: number } {
  const send = buttonsOf(confirm).find((button) => /"answer":"send"/.test(button.value ?? ''));
  expect(send).toBeDefined();
  const payload = {
    type: 'block_actions',
    trigger_id: `trigger-${++counter}`,
    team: { id: TEAM },
    user: { id: `U0${channel}` },
    channel: { id: channel },
    container: { type: 'message', message_ts: confirm.answeredTs },
    message: { ts: confirm.answeredTs, text: confirm.text, blocks: confirm.blocks },
    actions: [{ type: 'button', action_id: send!.action_id, value: send!.value, text: { type: 'plain_text', text: 'Send it' } }],
  };
  return { body: `payload=${encodeURIComponent(JSON.stringify(payload))}`, timestamp: Math.floor(Date.now() / 1000) };
}

const postClick = (bot: RunningBot, click: { body: string; timestamp: number }) =>
  postAsSlack(`${bot.url}/api/slack/interactions`, click.body, { secret: SECRET, contentType: FORM, timestamp: click.timestamp });

const bookingsFor = (name: string) => clinic.accepted().filter((body) => JSON.stringify(body).includes(name));

describe('a bot restarted between a delivery and its repeat (lowdb)', () => {
  const data = makeTempDir('slack-repeats-');
  let bot: RunningBot;

  // stop() removes the helper's own temp folder, never DATA_DIR: the next instance finds what this one kept.
  const start = async (extra: Record<string, string> = {}) => {
    bot = await startBot(botEnv({ DATA_DIR: data.dir, ...extra }));
  };
  const restart = async (extra: Record<string, string> = {}) => {
    await bot.stop();
    await start(extra);
  };

  beforeAll(() => start());
  afterAll(async () => {
    await bot.stop();
    data.cleanup();
  });

  it("answers Slack's retry of an event taken before the restart not again", async () => {
    const original = dmEvent('D0RESTART', 'what exercises help lower back pain');
    expect((await postAsSlack(`${bot.url}/api/slack/events`, original.body, { secret: SECRET })).status).toBe(200);
    // The welcome (first contact) and the answer.
    await waitFor(() => callsIn('D0RESTART').length >= 2, 'the first answer');
    const answered = callsIn('D0RESTART').length;
    await restart();

    // Slack signs its retry afresh (a new timestamp) and says which try it is.
    const retry = await postAsSlack(`${bot.url}/api/slack/events`, original.body, {
      secret: SECRET,
      headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' },
    });
    expect(retry.status).toBe(200);
    await probe(bot, 'D0RESTART');
    // Only the probe's answer came after the restart.
    expect(callsIn('D0RESTART')).toHaveLength(answered + 1);
    expect(bot.logs.some((line) => /event retry 1 ignored/.test(line))).toBe(true);
  });

  it('a "Send it" tap replayed after the restart sends no second booking and no second reply', async () => {
    const confirm = await bookingUpToConfirm(bot, 'D0TAPRESTART', 'Alex Marathonson');
    const click = sendItClick('D0TAPRESTART', confirm);
    const before = callsIn('D0TAPRESTART').length;
    expect((await postClick(bot, click)).status).toBe(200);
    await waitFor(() => callsIn('D0TAPRESTART').some((call) => /BT-[2-9A-Z]{5}/.test(call.text ?? '')), 'the booking reference');
    await waitFor(() => bookingsFor('Alex Marathonson').length === 1, 'the booking at the clinic');
    const afterBooking = callsIn('D0TAPRESTART').length;
    expect(afterBooking - before).toBe(2); // the tapped message marked, and the confirmation
    await restart();

    // The very same signed bytes, well inside the signature's five minutes.
    expect((await postClick(bot, click)).status).toBe(200);
    await probe(bot, 'D0TAPRESTART');
    expect(callsIn('D0TAPRESTART')).toHaveLength(afterBooking + 1);
    expect(callsIn('D0TAPRESTART').filter((call) => call.method === 'chat.update')).toHaveLength(1);
    // Give the outbox time to have delivered a second request, had one been made.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(bookingsFor('Alex Marathonson')).toHaveLength(1);
    expect(fs.readdirSync(path.join(data.dir, 'marks')).length).toBeGreaterThan(0);
  });

  it('the retention purge deletes marks past their expiry and keeps the others', async () => {
    const marks = path.join(data.dir, 'marks');
    const stale = path.join(marks, `${'0'.repeat(64)}.json`);
    fs.writeFileSync(stale, JSON.stringify({ expiresAt: new Date(Date.now() - 1000).toISOString() }));
    const fresh = fs.readdirSync(marks).filter((name) => name !== path.basename(stale));
    expect(fresh.length).toBeGreaterThan(0);
    // The first purge runs at start-up.
    await restart({ RETENTION_FIRST_PURGE_SECONDS: '0' });
    await waitFor(() => !fs.existsSync(stale), 'the expired mark to be purged');
    expect(fs.readdirSync(marks).sort()).toEqual(fresh.sort());
  });
});

describe('two instances sharing one Redis', () => {
  let redis: TestRedis;
  let a: RunningBot;
  let b: RunningBot;

  beforeAll(async () => {
    redis = await startTestRedis();
    const env = botEnv({ STORAGE: 'redis', REDIS_URL: redis.url });
    [a, b] = await Promise.all([startBot(env), startBot(env)]);
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await redis?.stop();
  });

  it("answers an event taken by instance A not again when Slack's retry reaches instance B", async () => {
    const original = dmEvent('D0TWOEVENT', 'what exercises help lower back pain');
    await postAsSlack(`${a.url}/api/slack/events`, original.body, { secret: SECRET });
    await waitFor(() => callsIn('D0TWOEVENT').length >= 2, 'the first answer');
    const answered = callsIn('D0TWOEVENT').length;
    await postAsSlack(`${b.url}/api/slack/events`, original.body, { secret: SECRET, headers: { 'x-slack-retry-num': '1' } });
    await probe(b, 'D0TWOEVENT');
    expect(callsIn('D0TWOEVENT')).toHaveLength(answered + 1);
  });

  it('answers one event delivered to both instances at the same moment exactly once', async () => {
    const both = dmEvent('D0TWOATONCE', 'what exercises help lower back pain');
    await Promise.all([a, b].map((bot) => postAsSlack(`${bot.url}/api/slack/events`, both.body, { secret: SECRET })));
    await probe(a, 'D0TWOATONCE');
    await probe(b, 'D0TWOATONCE');
    // The welcome, one answer, two probe answers.
    expect(callsIn('D0TWOATONCE')).toHaveLength(4);
  });

  it('a "Send it" tap taken by A and replayed to B sends no second booking and no second reply', async () => {
    const confirm = await bookingUpToConfirm(a, 'D0TWOTAP', 'Sam Strider');
    const click = sendItClick('D0TWOTAP', confirm);
    await postClick(a, click);
    await waitFor(() => callsIn('D0TWOTAP').some((call) => /BT-[2-9A-Z]{5}/.test(call.text ?? '')), 'the booking reference');
    const afterBooking = callsIn('D0TWOTAP').length;
    expect((await postClick(b, click)).status).toBe(200);
    await probe(b, 'D0TWOTAP');
    expect(callsIn('D0TWOTAP')).toHaveLength(afterBooking + 1);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(bookingsFor('Sam Strider')).toHaveLength(1);
  });
});
