/**
 * The native Slack endpoint over real HTTP: the real app (adapter, bot, lowdb) with Slack's signing
 * secret, replying through @slack/web-api to a local fake Slack Web API.
 */
import { startBot, type RunningBot } from '../helpers/runningBot';
import { postAsSlack, startFakeSlackApi, type FakeSlackApi, type SlackApiCall } from './slackFakeApi';

const SECRET = 'test-signing-secret-0123456789';
const TEAM = 'T0TEAM';
const BOT_USER = 'U0BOT';

let slack: FakeSlackApi;
let bot: RunningBot;
let eventCounter = 0;

beforeAll(async () => {
  slack = await startFakeSlackApi();
  bot = await startBot({ SLACK_SIGNING_SECRET: SECRET, SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_API_URL: slack.url });
});
afterAll(async () => {
  await bot.stop();
  await slack.close();
});

const eventsUrl = () => `${bot.url}/api/slack/events`;
const interactionsUrl = () => `${bot.url}/api/slack/interactions`;

function dmEvent(channel: string, text: string, extra: Record<string, unknown> = {}) {
  const eventId = `Ev${++eventCounter}`;
  const body = JSON.stringify({
    type: 'event_callback',
    team_id: TEAM,
    event_id: eventId,
    authorizations: [{ user_id: BOT_USER, is_bot: true }],
    event: { type: 'message', channel_type: 'im', channel, user: 'U0RUNNER', text, ts: `1700000000.${eventCounter}`, ...extra },
  });
  return { eventId, body };
}

/** Sends a DM and returns the Slack API calls it caused (waits for `expected` of them). */
async function dm(channel: string, text: string, expected = 1): Promise<SlackApiCall[]> {
  const before = slack.calls.length;
  const response = await postAsSlack(eventsUrl(), dmEvent(channel, text).body, { secret: SECRET });
  expect(response.status).toBe(200);
  return (await slack.waitForCalls(before + expected)).slice(before);
}

async function waitFor(condition: () => boolean, timeoutMs = 8000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for Slack API calls');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const sectionText = (call: SlackApiCall) =>
  (call.blocks ?? [])
    .filter((b) => b.type === 'section')
    .map((b) => b.text?.text ?? '')
    .join('\n');
const buttonsOf = (call: SlackApiCall) => (call.blocks ?? []).filter((b) => b.type === 'actions').flatMap((b) => b.elements ?? []);

describe('Slack endpoint', () => {
  it('answers url_verification with the challenge', async () => {
    const response = await postAsSlack(eventsUrl(), JSON.stringify({ type: 'url_verification', challenge: 'abc123', token: 'x' }), {
      secret: SECRET,
    });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.text)).toEqual({ challenge: 'abc123' });
  });

  it('refuses unsigned, forged and stale requests with 401, and malformed signed ones with 4xx', async () => {
    const { body } = dmEvent('D0REFUSED', 'hello');
    expect((await postAsSlack(eventsUrl(), body, { secret: SECRET, unsigned: true })).status).toBe(401);
    expect((await postAsSlack(eventsUrl(), body, { secret: 'not-the-secret' })).status).toBe(401);
    expect((await postAsSlack(eventsUrl(), body, { secret: SECRET, timestamp: Math.floor(Date.now() / 1000) - 6 * 60 })).status).toBe(401);
    expect(
      (await postAsSlack(interactionsUrl(), 'payload=%7B%7D', { secret: 'forged', contentType: 'application/x-www-form-urlencoded' }))
        .status,
    ).toBe(401);

    expect((await postAsSlack(eventsUrl(), JSON.stringify({ type: 'event_callback', event: 'nope' }), { secret: SECRET })).status).toBe(
      400,
    );
    expect((await postAsSlack(eventsUrl(), '[1,2]', { secret: SECRET })).status).toBe(400);
    expect(
      (await postAsSlack(eventsUrl(), 'type=event_callback', { secret: SECRET, contentType: 'application/x-www-form-urlencoded' })).status,
    ).toBe(415);
    expect(
      (await postAsSlack(interactionsUrl(), 'payload=not-json', { secret: SECRET, contentType: 'application/x-www-form-urlencoded' }))
        .status,
    ).toBe(400);
    expect(
      (await postAsSlack(interactionsUrl(), 'nothing=here', { secret: SECRET, contentType: 'application/x-www-form-urlencoded' })).status,
    ).toBe(400);
  });

  it('greets a new user once with the safety notice, then answers a DM through chat.postMessage with the bot token and Block Kit', async () => {
    const [welcome, reply] = await dm('D0HELLO', 'how often should I replace my running shoes?', 2);
    expect(welcome.channel).toBe('D0HELLO');
    expect(sectionText(welcome)).toMatch(/not a diagnosis/i);
    expect(sectionText(welcome)).toMatch(/emergenc/i);
    expect(reply.method).toBe('chat.postMessage');
    expect(reply.authorization).toBe('Bearer xoxb-test-token');
    expect(reply.channel).toBe('D0HELLO');
    expect(reply.thread_ts).toBeUndefined();
    expect(sectionText(reply)).toMatch(/\d{3}/);
    // The answer's sources are shown under it, in a context block.
    expect(reply.blocks!.some((block) => block.type === 'context')).toBe(true);
  });

  it('does not greet the same user again, in a new DM or later messages', async () => {
    const [answer] = await dm('D0SECOND', 'how often should I replace my running shoes?');
    expect(sectionText(answer)).not.toMatch(/not a diagnosis/i);
    expect(sectionText(answer)).toMatch(/\d{3}/);
  });

  it('does not answer a retried event twice', async () => {
    const first = dmEvent('D0RETRY', 'hello');
    const before = slack.calls.length;
    expect((await postAsSlack(eventsUrl(), first.body, { secret: SECRET })).status).toBe(200);
    await slack.waitForCalls(before + 1);
    const retry = await postAsSlack(eventsUrl(), first.body, {
      secret: SECRET,
      headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' },
    });
    expect(retry.status).toBe(200);
    // A later message in the same conversation runs after anything queued before it: once its answer
    // (about shoes, so recognisable) is posted, a retry that had been run would have been answered too.
    await postAsSlack(eventsUrl(), dmEvent('D0RETRY', 'how often should I replace my running shoes?').body, { secret: SECRET });
    await waitFor(() => slack.calls.some((call) => call.channel === 'D0RETRY' && /300/.test(call.text ?? '')));
    expect(slack.calls.filter((call) => call.channel === 'D0RETRY')).toHaveLength(2);
  });

  it("ignores the bot's own messages and edits", async () => {
    for (const extra of [{ bot_id: 'B0BOT' }, { subtype: 'message_changed' }]) {
      expect((await postAsSlack(eventsUrl(), dmEvent('D0IGNORED', 'hello', extra).body, { secret: SECRET })).status).toBe(200);
    }
    // Same conversation, so anything wrongly taken above would be answered before this.
    await postAsSlack(eventsUrl(), dmEvent('D0IGNORED', 'how often should I replace my running shoes?').body, { secret: SECRET });
    await waitFor(() => slack.calls.some((call) => call.channel === 'D0IGNORED' && /300/.test(call.text ?? '')));
    expect(slack.calls.filter((call) => call.channel === 'D0IGNORED')).toHaveLength(1);
  });

  it('continues the conversation when a button is clicked: consent "Yes" leads to the first question', async () => {
    const opening = await dm('D0CHECK', 'check my symptoms', 2);
    const consent = opening.at(-1)!;
    // An answer button's value carries its question and canonical answer (src/questions/tap.ts).
    const yes = buttonsOf(consent).find((button) => /"questionId":"symptoms.consent","answer":"yes"/.test(button.value ?? ''));
    expect(yes).toBeDefined();
    expect(buttonsOf(consent).length).toBeLessThanOrEqual(5);

    const payload = {
      type: 'block_actions',
      trigger_id: 'trigger-1',
      team: { id: TEAM },
      user: { id: 'U0RUNNER' },
      channel: { id: 'D0CHECK' },
      container: { type: 'message', message_ts: consent.answeredTs },
      message: { ts: consent.answeredTs, text: consent.text, blocks: consent.blocks },
      actions: [{ type: 'button', action_id: yes!.action_id, value: yes!.value, text: { type: 'plain_text', text: 'Yes, keep them' } }],
    };
    const before = slack.calls.length;
    const click = await postAsSlack(interactionsUrl(), `payload=${encodeURIComponent(JSON.stringify(payload))}`, {
      secret: SECRET,
      contentType: 'application/x-www-form-urlencoded',
    });
    expect(click.status).toBe(200);
    const [update, next] = (await slack.waitForCalls(before + 2)).slice(before);
    // The clicked message loses its buttons and shows the choice made.
    expect(update.method).toBe('chat.update');
    expect(update.ts).toBe(consent.answeredTs);
    expect(update.blocks!.some((block) => block.type === 'actions')).toBe(false);
    expect(next.method).toBe('chat.postMessage');
    expect(sectionText(next)).toMatch(/Where is the pain/);
  });

  it('shows the booking summary before its question, and ends the booking confirmation with next-step buttons', async () => {
    await dm('D0BOOK', 'book a physio');
    for (const answer of ['yes', 'Alex Marathonson', 'alex.runner@example.com', 'tuesday evenings after 6']) await dm('D0BOOK', answer);
    // Read top to bottom: "Here's your request:", the details, then "Shall I send it", then the buttons.
    await dm('D0BOOK', 'no');
    const isSummary = (call: SlackApiCall) => call.channel === 'D0BOOK' && /Here's your request/.test(sectionText(call));
    await waitFor(() => slack.calls.some(isSummary));
    const summary = slack.calls.find(isSummary)!;
    const readingOrder = (summary.blocks ?? []).map((block) =>
      block.type === 'actions' ? 'buttons' : 'fields' in block ? 'details' : (block.text?.text ?? '').slice(0, 20),
    );
    expect(readingOrder).toEqual(["Here's your request:", 'details', 'Shall I send it to t', 'buttons']);
    const [done] = await dm('D0BOOK', 'send');
    expect(sectionText(done)).toMatch(/BT-[2-9A-Z]{5}/);
    expect(buttonsOf(done).map((button) => (typeof button.text === 'string' ? button.text : button.text.text))).toEqual([
      'Ease it while I wait',
      'Exercises that help',
      'Check my symptoms',
    ]);
  });

  it('"forget me" in a channel thread deletes the greeted and thread records; the next message is a first contact again', async () => {
    const user = 'U0FORGETFUL';
    const channel = 'C0FORGET';
    const threadTs = '1700000700.000100';
    const greeted = `slack-greeted/${TEAM}/${user}`;
    const thread = `slack-thread/${TEAM}:${channel}:${threadTs}`;
    const stored = async () => Object.keys(await bot.app.storage.read([greeted, thread])).sort();
    // The bridge writes or deletes these records just after it posts the reply, so poll until they settle.
    const storedSettlesTo = async (expected: string[]): Promise<string[]> => {
      const deadline = Date.now() + 5000;
      let keys = await stored();
      while (JSON.stringify(keys) !== JSON.stringify(expected) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        keys = await stored();
      }
      return keys;
    };
    const inThread = async (text: string, ts: string, expected: number, mention = false): Promise<SlackApiCall[]> => {
      const before = slack.calls.length;
      const event = mention
        ? { type: 'app_mention', channel, user, text: `<@${BOT_USER}> ${text}`, ts, ...(ts === threadTs ? {} : { thread_ts: threadTs }) }
        : { type: 'message', channel, channel_type: 'channel', user, text, ts, thread_ts: threadTs };
      const body = JSON.stringify({
        type: 'event_callback',
        team_id: TEAM,
        event_id: `Ev${++eventCounter}`,
        authorizations: [{ user_id: BOT_USER, is_bot: true }],
        event,
      });
      expect((await postAsSlack(eventsUrl(), body, { secret: SECRET })).status).toBe(200);
      return (await slack.waitForCalls(before + expected)).slice(before);
    };

    const [welcome] = await inThread('how often should I replace my running shoes?', threadTs, 2, true);
    expect(sectionText(welcome)).toMatch(/not a diagnosis/i);
    expect(await storedSettlesTo([greeted, thread].sort())).toEqual([greeted, thread].sort());

    const [confirm] = await inThread('forget me', '1700000701.000100', 1);
    expect(confirm.thread_ts).toBe(threadTs);
    const [done] = await inThread('yes', '1700000702.000100', 1);
    expect(sectionText(done)).toMatch(/deleted/i);
    expect(await storedSettlesTo([])).toEqual([]);

    // Forgotten: the next message (a mention, as the bot is no longer in the thread) is welcomed as new.
    const [welcomeAgain, answer] = await inThread('how often should I replace my running shoes?', '1700000703.000100', 2, true);
    expect(sectionText(welcomeAgain)).toMatch(/not a diagnosis/i);
    expect(sectionText(answer)).toMatch(/\d{3}/);
    expect(await storedSettlesTo([greeted, thread].sort())).toEqual([greeted, thread].sort());
  });

  it('answers a red flag with the emergency message', async () => {
    const [reply] = await dm('D0RED', "I can't feel the toilet paper when I wipe and I've wet myself");
    expect(reply.text).toMatch(/999/);
    expect(sectionText(reply)).toMatch(/^:rotating_light: .*999/);
  });

  it('answers an @mention in a channel in a thread (the mention itself is dropped: see slackParts)', async () => {
    const before = slack.calls.length;
    const body = JSON.stringify({
      type: 'event_callback',
      team_id: TEAM,
      event_id: `Ev${++eventCounter}`,
      authorizations: [{ user_id: BOT_USER, is_bot: true }],
      event: {
        type: 'app_mention',
        channel: 'C0RUNCLUB',
        user: 'U0RUNNER',
        text: `<@${BOT_USER}> how often should I replace my running shoes?`,
        ts: '1700000500.000100',
      },
    });
    expect((await postAsSlack(eventsUrl(), body, { secret: SECRET })).status).toBe(200);
    const [reply] = (await slack.waitForCalls(before + 1)).slice(before);
    expect(reply.channel).toBe('C0RUNCLUB');
    expect(reply.thread_ts).toBe('1700000500.000100');
    expect(sectionText(reply)).toMatch(/\d{3}/);

    // A reply in that thread without a mention is answered, in the thread; one in a thread the bot is not in is not.
    const threadReply = (ts: string, threadTs: string, text: string) =>
      JSON.stringify({
        type: 'event_callback',
        team_id: TEAM,
        event_id: `Ev${++eventCounter}`,
        authorizations: [{ user_id: BOT_USER, is_bot: true }],
        event: { type: 'message', channel: 'C0RUNCLUB', channel_type: 'channel', user: 'U0RUNNER', text, ts, thread_ts: threadTs },
      });
    await postAsSlack(eventsUrl(), threadReply('1700000600.000100', '1700000000.999999', 'how often should I replace my running shoes?'), {
      secret: SECRET,
    });
    const afterStranger = slack.calls.length;
    expect(
      (
        await postAsSlack(eventsUrl(), threadReply('1700000601.000100', '1700000500.000100', 'what exercises help lower back pain'), {
          secret: SECRET,
        })
      ).status,
    ).toBe(200);
    const [followUp] = (await slack.waitForCalls(afterStranger + 1)).slice(afterStranger);
    expect(followUp.thread_ts).toBe('1700000500.000100');
    expect(sectionText(followUp).length).toBeGreaterThan(0);
    // The thread the bot is not in got nothing (it was posted first; give its turn time to have run).
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(slack.calls.filter((call) => call.thread_ts === '1700000000.999999')).toHaveLength(0);
  });
});

describe('Slack endpoint next to Azure Bot Service auth', () => {
  it('still answers Slack when MicrosoftAppId is set (Teams and Slack from one server)', async () => {
    const azureBot = await startBot({
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      SLACK_API_URL: slack.url,
      MicrosoftAppId: '00000000-0000-4000-8000-000000000001',
      MicrosoftAppPassword: 'not-a-real-password',
      MicrosoftAppType: 'MultiTenant',
    });
    try {
      const before = slack.calls.length;
      const response = await postAsSlack(`${azureBot.url}/api/slack/events`, dmEvent('D0AZURE', 'hello').body, { secret: SECRET });
      expect(response.status).toBe(200);
      const [reply] = (await slack.waitForCalls(before + 1)).slice(before);
      expect(reply.channel).toBe('D0AZURE');
      expect(sectionText(reply).length).toBeGreaterThan(0);
      expect(sectionText(reply)).not.toMatch(/went wrong/);
    } finally {
      await azureBot.stop();
    }
  });
});
