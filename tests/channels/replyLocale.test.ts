/**
 * Replies carry the REGION's locale (regions.yaml), not the one the user's client sends: a German
 * browser's "de-DE" would otherwise be copied onto English replies, and clients read it to pick the
 * language of their own labels and the format of dates and times. Over HTTP (emulator channel) and as
 * the in-process turns the self-hosted Direct Line and Slack run.
 */
import { HttpUser, messagesOf, startBot, VerifiedUser, type RunningBot } from '../helpers/runningBot';

describe('reply locale', () => {
  const bots = new Map<string, RunningBot>();
  beforeAll(async () => {
    for (const region of ['UK', 'US', 'EU']) bots.set(region, await startBot({ REGION: region }));
  });
  afterAll(async () => {
    for (const bot of bots.values()) await bot.stop();
  });

  it.each([
    ['UK', 'en-GB'],
    ['US', 'en-US'],
    ['EU', 'en-IE'],
  ])("REGION %s: every reply is marked %s, whatever the user's client says", async (region, locale) => {
    const bot = bots.get(region)!;
    const overHttp = new HttpUser(bot.url);
    const inProcess = new VerifiedUser(bot.app, 'directline');
    for (const user of [overHttp, inProcess]) {
      const replies = [
        ...(await user.say('how often should I replace my running shoes?', { locale: 'de-DE' })),
        ...(await user.say("I can't pee and my legs are numb", { locale: 'fr-FR' })),
      ];
      const locales = messagesOf(replies).map((reply) => (reply as { locale?: string }).locale);
      expect(locales.length).toBeGreaterThanOrEqual(2);
      expect(new Set(locales)).toEqual(new Set([locale]));
    }
  });
});
