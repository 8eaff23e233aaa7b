/** The Slack channel's plain parts: request signing, payload reading, Slack text, event de-duplication, the app manifest. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { MemoryMarks } from '../../src/storage/firstTimeMarks';
import { activityOf } from '../../src/channels/slack/slackBridge';
import { slackTextToPlain } from '../../src/channels/slack/slackMrkdwn';
import { conversationIdOf, readEventsRequest, readInteractionRequest } from '../../src/channels/slack/slackPayloads';
import { SLACK_EVENTS_PATH, SLACK_INTERACTIONS_PATH } from '../../src/channels/slack/slackRoutes';
import { checkSlackSignature, slackSignatureOf } from '../../src/channels/slack/slackSignature';

describe('Slack request signing', () => {
  const secret = '8f742231b10e8888abcd99yyyzzz85a5';
  const body =
    'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA' +
    '&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554' +
    '%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
  const now = 1531420618;

  it("matches Slack's documented example signature", () => {
    // From Slack's "Verifying requests from Slack" guide.
    expect(slackSignatureOf(secret, String(now), body)).toBe('v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503');
    expect(
      checkSlackSignature(secret, { signature: slackSignatureOf(secret, String(now), body), timestamp: String(now), rawBody: body }, now),
    ).toBeNull();
  });

  it('refuses missing, malformed, stale (either way) and mismatched signatures', () => {
    const signed = (ts: number) => ({ signature: slackSignatureOf(secret, String(ts), body), timestamp: String(ts), rawBody: body });
    expect(checkSlackSignature(secret, { signature: undefined, timestamp: String(now), rawBody: body }, now)).toBe('missing signature');
    expect(checkSlackSignature(secret, { ...signed(now), timestamp: '12ab' }, now)).toBe('malformed timestamp');
    expect(checkSlackSignature(secret, signed(now - 301), now)).toBe('stale timestamp');
    expect(checkSlackSignature(secret, signed(now + 301), now)).toBe('stale timestamp');
    expect(checkSlackSignature(secret, signed(now - 299), now)).toBeNull();
    expect(checkSlackSignature(secret, { ...signed(now), rawBody: `${body}&x=1` }, now)).toBe('signature mismatch');
    expect(checkSlackSignature(secret, { ...signed(now), signature: 'v0=short' }, now)).toBe('signature mismatch');
  });
});

describe('Slack payloads', () => {
  const callback = (event: Record<string, unknown>) => ({
    type: 'event_callback',
    team_id: 'T1',
    event_id: 'Ev1',
    authorizations: [{ user_id: 'UBOT', is_bot: true }],
    event,
  });

  it('reads a DM as a turn without a thread, and a channel mention as a turn in a thread, mention dropped', () => {
    const dm = readEventsRequest(
      callback({
        type: 'message',
        channel_type: 'im',
        channel: 'D1',
        user: 'U1',
        text: 'my email is <mailto:sam@example.com|sam@example.com>',
        ts: '1.1',
        thread_ts: '0.9',
      }),
    );
    expect(dm).toEqual({
      ok: true,
      value: {
        kind: 'event',
        eventId: 'Ev1',
        turn: { id: 'Ev1', team: 'T1', channel: 'D1', user: 'U1', text: 'my email is sam@example.com' },
      },
    });
    const mention = readEventsRequest(
      callback({ type: 'app_mention', channel: 'C1', user: 'U1', text: '<@UBOT> is <@U2|sam> right?', ts: '2.2' }),
    );
    expect(mention.ok && mention.value.kind === 'event' && mention.value.turn).toEqual({
      id: 'Ev1',
      team: 'T1',
      channel: 'C1',
      user: 'U1',
      text: 'is @sam right?',
      threadTs: '2.2',
    });
  });

  it('reads a reply in a channel thread without a mention as a thread reply (answered only where the bot is in the thread)', () => {
    const reply = readEventsRequest(
      callback({ type: 'message', channel_type: 'channel', channel: 'C1', user: 'U1', text: 'and hills?', ts: '3.4', thread_ts: '3.3' }),
    );
    expect(reply.ok && reply.value.kind === 'event' && reply.value.turn).toEqual({
      id: 'Ev1',
      team: 'T1',
      channel: 'C1',
      user: 'U1',
      text: 'and hills?',
      threadTs: '3.3',
      threadReply: true,
    });
  });

  it('ignores bot posts, subtypes, the bot itself, channel chatter and mentions inside DMs', () => {
    const ignored = [
      { type: 'message', channel_type: 'im', channel: 'D1', user: 'U1', text: 'hi', bot_id: 'B1' },
      { type: 'message', channel_type: 'im', channel: 'D1', user: 'U1', text: 'hi', subtype: 'message_changed' },
      { type: 'message', channel_type: 'im', channel: 'D1', user: 'UBOT', text: 'hi' },
      { type: 'message', channel_type: 'channel', channel: 'C1', user: 'U1', text: 'hi' },
      // A thread's first message (ts = thread_ts) and a thread reply that mentions the bot (app_mention brings it).
      { type: 'message', channel_type: 'channel', channel: 'C1', user: 'U1', text: 'hi', ts: '3.3', thread_ts: '3.3' },
      { type: 'message', channel_type: 'channel', channel: 'C1', user: 'U1', text: '<@UBOT> hi', ts: '3.4', thread_ts: '3.3' },
      { type: 'app_mention', channel: 'D1', user: 'U1', text: '<@UBOT> hi' },
    ];
    for (const event of ignored)
      expect(readEventsRequest(callback(event))).toMatchObject({ ok: true, value: { kind: 'event', turn: null } });
  });

  it('refuses malformed bodies with a reason, and lets other callback types through as "other"', () => {
    for (const bad of [
      null,
      [],
      'x',
      { type: 'event_callback' },
      { type: 'url_verification' },
      callback({ type: 'message', channel: 7 }),
    ]) {
      expect(readEventsRequest(bad)).toMatchObject({ ok: false });
    }
    expect(readEventsRequest({ type: 'app_rate_limited' })).toEqual({ ok: true, value: { kind: 'other' } });
  });

  it('reads a choice click, ignores link buttons, refuses a form without a JSON payload', () => {
    const click = (actions: unknown[]) => ({
      payload: JSON.stringify({
        type: 'block_actions',
        team: { id: 'T1' },
        user: { id: 'U1' },
        channel: { id: 'C1' },
        message: { ts: '5.5', thread_ts: '4.4', blocks: [] },
        actions,
      }),
    });
    const choice = readInteractionRequest(click([{ action_id: 'choice_0', value: 'yes', text: { text: 'Yes' } }]));
    expect(choice).toMatchObject({
      ok: true,
      value: { kind: 'choice', label: 'Yes', turn: { channel: 'C1', user: 'U1', text: 'yes', threadTs: '4.4' } },
    });
    expect(readInteractionRequest(click([{ action_id: 'link_0' }]))).toEqual({ ok: true, value: { kind: 'other' } });
    expect(readInteractionRequest({ payload: '{' })).toMatchObject({ ok: false });
    expect(readInteractionRequest({})).toMatchObject({ ok: false });
    expect(readInteractionRequest(click([]))).toMatchObject({ ok: false });
  });

  it("gives one conversation per DM and per channel thread, with user ids like Azure's Slack channel", () => {
    expect(conversationIdOf({ team: 'T1', channel: 'D1' })).toBe('T1:D1');
    expect(conversationIdOf({ team: 'T1', channel: 'C1', threadTs: '4.4' })).toBe('T1:C1:4.4');
    const activity = activityOf({ id: 'Ev1', team: 'T1', channel: 'C1', user: 'U1', text: 'hi', threadTs: '4.4' });
    expect(activity).toMatchObject({
      channelId: 'slack',
      from: { id: 'U1:T1' },
      conversation: { id: 'T1:C1:4.4', isGroup: true },
      text: 'hi',
    });
  });
});

describe('Slack text', () => {
  it('turns links, channels, broadcasts and escapes into what the user typed', () => {
    expect(slackTextToPlain('call <tel:07911123456|07911 123456> in <#C1|running> <!here> &lt;3 &amp; <https://x.example>')).toBe(
      'call 07911 123456 in #running @here <3 & https://x.example',
    );
  });
});

describe('MemoryMarks (STORAGE=memory)', () => {
  it('says "first time" once per key within its ttl, again after it, and stays bounded', async () => {
    const seen = new MemoryMarks(3);
    expect(await seen.firstTime('a', 1000, 0)).toBe(true);
    expect(await seen.firstTime('a', 1000, 500)).toBe(false);
    expect(await seen.firstTime('a', 1000, 1500)).toBe(true);
    for (const id of ['b', 'c', 'd']) await seen.firstTime(id, 1000, 1600);
    // 'a' was the oldest of four: pushed out to stay at three.
    expect(await seen.firstTime('a', 1000, 1700)).toBe(true);
  });
});

describe('slack-app-manifest.yml', () => {
  it("asks for the scopes and events the endpoint handles, at the endpoint's paths", () => {
    const manifest = parse(readFileSync(join(__dirname, '..', '..', 'slack-app-manifest.yml'), 'utf8'));
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([
      'app_mentions:read',
      'channels:history',
      'chat:write',
      'groups:history',
      'im:history',
      'im:read',
    ]);
    expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual([
      'app_mention',
      'message.channels',
      'message.groups',
      'message.im',
    ]);
    expect(manifest.settings.event_subscriptions.request_url).toMatch(new RegExp(`^https://[^/]+${SLACK_EVENTS_PATH}$`));
    expect(manifest.settings.interactivity).toMatchObject({
      is_enabled: true,
      request_url: expect.stringMatching(new RegExp(`${SLACK_INTERACTIONS_PATH}$`)),
    });
  });
});
