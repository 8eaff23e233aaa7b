/** /metrics over HTTP: Prometheus format, the product's counters, and nothing personal in it. */
import { HttpUser, startBot, type RunningBot } from '../helpers/runningBot';

let bot: RunningBot;
beforeAll(async () => {
  bot = await startBot();
});
afterAll(async () => {
  await bot.stop();
});

it('counts turns, intents, triage and red flags, with no user text in any label', async () => {
  const user = new HttpUser(bot.url);
  await user.say('how often should i replace my running shoes, my name is Jo Bloggs');
  await user.say('qwzx blorp');
  await user.say('i cant pee and my legs are numb');
  const response = await fetch(`${bot.url}/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/text\/plain/);
  const body = await response.text();
  expect(body).toMatch(/bot_turns_total\{channel="emulator"\} 3/);
  expect(body).toMatch(/bot_turn_duration_seconds_bucket/);
  expect(body).toMatch(/bot_intents_total\{intent="red_flag"\} 1/);
  expect(body).toMatch(/bot_triage_total\{level="emergency"\} 1/);
  expect(body).toMatch(/bot_red_flags_total\{flag="ces-bladder"\} 1/);
  expect(body).not.toMatch(/Bloggs|blorp|pee/);
});
