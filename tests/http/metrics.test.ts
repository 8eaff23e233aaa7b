/**
 * /metrics over HTTP: never open to anyone (it shows red flags being raised). With METRICS_KEY it needs
 * the bearer key on the main port; with METRICS_PORT it is served on 127.0.0.1 only, on its own port;
 * with neither it is off. Prometheus format, the product's counters, and nothing personal in it.
 */
import { HttpUser, startBot, type RunningBot } from '../helpers/runningBot';

const KEY = 'metrics-key-0123456789abcdef';

async function talk(bot: RunningBot): Promise<void> {
  const user = new HttpUser(bot.url);
  await user.say('how often should i replace my running shoes, my name is Jo Bloggs');
  await user.say('qwzx blorp');
  await user.say('i cant pee and my legs are numb');
}

function expectCounters(body: string): void {
  expect(body).toMatch(/bot_turns_total\{channel="emulator"\} 3/);
  expect(body).toMatch(/bot_turn_duration_seconds_bucket/);
  expect(body).toMatch(/bot_intents_total\{intent="red_flag"\} 1/);
  expect(body).toMatch(/bot_triage_total\{level="emergency"\} 1/);
  expect(body).toMatch(/bot_red_flags_total\{flag="ces-bladder"\} 1/);
  expect(body).not.toMatch(/Bloggs|blorp|pee/);
}

describe('with METRICS_KEY', () => {
  let bot: RunningBot;
  beforeAll(async () => {
    bot = await startBot({ METRICS_KEY: KEY });
  });
  afterAll(async () => {
    await bot.stop();
  });

  it('refuses a scrape without the key, or with a wrong one, with 401', async () => {
    expect((await fetch(`${bot.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${bot.url}/metrics`, { headers: { authorization: 'Bearer wrong-key-0123456789' } })).status).toBe(401);
  });

  it('counts turns, intents, triage and red flags for the key holder, with no user text in any label', async () => {
    await talk(bot);
    const response = await fetch(`${bot.url}/metrics`, { headers: { authorization: `Bearer ${KEY}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/plain/);
    expectCounters(await response.text());
  });
});

describe('with METRICS_PORT', () => {
  let bot: RunningBot;
  beforeAll(async () => {
    bot = await startBot({ METRICS_PORT: '0' });
  });
  afterAll(async () => {
    await bot.stop();
  });

  it('serves /metrics on its own port on 127.0.0.1, and not on the main port', async () => {
    await talk(bot);
    const local = new URL(bot.app.metricsUrl!);
    expect(local.hostname).toBe('127.0.0.1');
    expect(local.port).not.toBe(new URL(bot.url).port);
    const response = await fetch(`${bot.app.metricsUrl}/metrics`);
    expect(response.status).toBe(200);
    expectCounters(await response.text());
    expect((await fetch(`${bot.url}/metrics`)).status).toBe(404);
  });
});

describe('with neither', () => {
  let bot: RunningBot;
  beforeAll(async () => {
    bot = await startBot();
  });
  afterAll(async () => {
    await bot.stop();
  });

  it('does not serve /metrics, and says how to turn it on', async () => {
    expect((await fetch(`${bot.url}/metrics`)).status).toBe(404);
    expect(bot.logs.some((line) => /METRICS_KEY/.test(line))).toBe(true);
  });
});
