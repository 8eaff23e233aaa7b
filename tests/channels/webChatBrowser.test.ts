/**
 * The website chat in a real browser (Debian's Chromium driven by playwright-core): the page at /
 * loads Web Chat from this server, connects over the self-hosted Direct Line and talks to the real
 * bot. On a 390x844 phone page: a reload keeps the conversation (each message once, in order, one whose
 * request was cut off sent again), an emergency is an alert card with a
 * tel: link, a short viewport (keyboard open) still shows the transcript, message times read as the
 * clinic's REGION writes them (not the browser's language, not Web Chat's US default); on a clinic's site the
 * embedded chat follows the visitor to the next page; a server restart loses nothing. One browser
 * launch for the file; each test has its own context (its own sessionStorage) and saves a screenshot
 * to test-artifacts/ for people to look at.
 * Skipped only on a developer machine without /usr/bin/chromium; in CI (.ci/run installs it) it must run.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Frame, type Page } from 'playwright-core';
import { copyWebChatBundle } from '../../src/channels/webChat/webChatBundle';
import { projectRoot } from '../../src/projectRoot';
import { startBot, type RunningBot } from '../helpers/runningBot';
import { makeTempDir } from '../helpers/tempDir';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const ARTIFACTS = path.join(projectRoot(), 'test-artifacts');
const describeInBrowser = fs.existsSync(CHROMIUM) || process.env.CI ? describe : describe.skip;
const PHONE = { width: 390, height: 844 };
const TOKEN_KEY = 'browser-test-direct-line-token-key-0123456789';

const BOT_BUBBLES = '.webchat__basic-transcript__activity:has(.webchat__bubble:not(.webchat__bubble--from-user))';
const USER_BUBBLES = '.webchat__bubble--from-user';
const QUESTION = 'is it worth getting a back brace for running?';

/** A clinic's website with two pages, each carrying the one-line embed, and button styles of its own. */
function startClinicSite(botUrlOf: () => string): Promise<{ server: http.Server; port: number }> {
  const page = (title: string, botUrl = botUrlOf()) =>
    `<!doctype html><html lang="en"><head><title>${title}</title><style>button { text-transform: uppercase; letter-spacing: 6px; font-size: 30px; background: yellow; }</style></head>` +
    `<body><h1>Riverside Physio: ${title}</h1><a href="/contact">Contact</a><script src="${botUrl}/embed.js" async></script></body></html>`;
  const server = http.createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(page(req.url === '/contact' ? 'Contact' : 'Home'));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as AddressInfo).port })));
}

describeInBrowser('website chat in Chromium', () => {
  const data = makeTempDir('browser-bot-');
  let env: Record<string, string>;
  let bot: RunningBot;
  let browser: Browser;
  let clinic: { server: http.Server; port: number };
  const contexts: BrowserContext[] = [];
  const browserErrors: string[] = [];

  beforeAll(async () => {
    copyWebChatBundle(); // what `npm run build` does
    // The clinic's site must be known before the bot starts: it is the one allowed to frame the chat.
    clinic = await startClinicSite(() => bot.url);
    env = { DIRECT_LINE_TOKEN_SECRET: TOKEN_KEY, DATA_DIR: data.dir, WEBCHAT_EMBED_ORIGINS: `http://localhost:${clinic.port}` };
    [bot, browser] = await Promise.all([startBot(env), chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS })]);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await bot?.stop();
    await new Promise((resolve) => clinic?.server.close(resolve));
    data.cleanup();
  });

  async function phonePage(viewport = PHONE, locale?: string): Promise<Page> {
    const context = await browser.newContext({ viewport, deviceScaleFactor: 1, isMobile: true, hasTouch: true, locale });
    contexts.push(context);
    const page = await context.newPage();
    // CSP violations and script failures show up here; the page must have none.
    page.on('console', (message) => {
      if (message.type() === 'error') browserErrors.push(message.text());
    });
    page.on('pageerror', (error) => browserErrors.push(error.message));
    return page;
  }

  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close();
  });

  type Surface = Page | Frame;
  const botBubbleCount = (surface: Surface) => surface.locator(BOT_BUBBLES).count();
  const newestBotText = (surface: Surface) => surface.locator(BOT_BUBBLES).last().innerText();

  async function waitForMoreBotBubbles(surface: Surface, than: number): Promise<void> {
    await surface.waitForFunction(
      ([selector, count]) => document.querySelectorAll(selector as string).length > (count as number),
      [BOT_BUBBLES, than] as const,
      { timeout: 15_000 },
    );
  }

  async function type(surface: Surface, text: string): Promise<void> {
    const before = await botBubbleCount(surface);
    const input = surface.locator('[data-id="webchat-sendbox-input"]');
    await input.fill(text);
    await input.press('Enter');
    await waitForMoreBotBubbles(surface, before);
  }

  async function settleAndShoot(page: Page, name: string, surface: Surface = page): Promise<void> {
    // Web Chat scrolls new messages into view with an animation: let it finish before the picture.
    await surface.waitForFunction((selector) => {
      const bubbles = document.querySelectorAll(selector);
      const scroller = document.querySelector('.webchat__basic-transcript__scrollable');
      if (!bubbles.length || !scroller) return false;
      return bubbles[bubbles.length - 1].getBoundingClientRect().bottom <= scroller.getBoundingClientRect().bottom + 1;
    }, BOT_BUBBLES);
    // After a resume Web Chat shows "Connecting…" for a moment while its stream comes up: not part of the picture.
    await surface
      .locator('.webchat__connectivityStatus')
      .waitFor({ state: 'detached', timeout: 5000 })
      .catch(() => undefined);
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`) });
  }

  it('shows a loading indicator first, greets, answers with sources, follows a suggested action', async () => {
    const page = await phonePage();
    await page.goto(`${bot.url}/`, { waitUntil: 'commit' });
    await page.locator('.chat-loading').waitFor({ state: 'visible', timeout: 10_000 });
    await page.locator(BOT_BUBBLES).first().waitFor({ timeout: 15_000 });
    expect(await page.locator('.chat-loading').isVisible()).toBe(false);
    expect(await page.locator('.chat-header h1').innerText()).toBe('Back on Track');
    expect(await newestBotText(page)).toMatch(/not a diagnosis/i);

    await type(page, QUESTION);
    expect(await newestBotText(page)).toMatch(/Sources?:/);
    // A suggested action (imBack) is sent as the visitor's message, and the bot answers it.
    const [botBefore, userBefore] = [await botBubbleCount(page), await page.locator(USER_BUBBLES).count()];
    const answerBefore = await newestBotText(page);
    await page.locator('.webchat__suggested-action').first().click();
    await waitForMoreBotBubbles(page, botBefore);
    expect(await page.locator(USER_BUBBLES).count()).toBe(userBefore + 1);
    expect(await newestBotText(page)).not.toBe(answerBefore);
    await settleAndShoot(page, 'webchat');
    expect(browserErrors).toEqual([]);
  }, 60_000);

  it('keeps the question and its answer after a reload of a 390x844 phone page, and "New chat" starts over', async () => {
    const page = await phonePage();
    await page.goto(`${bot.url}/`);
    await page.locator(BOT_BUBBLES).first().waitFor({ timeout: 15_000 });
    await type(page, QUESTION);
    expect(await newestBotText(page)).toMatch(/brace/i);
    const before = await page.locator(BOT_BUBBLES).allInnerTexts();

    await page.reload();
    await page.waitForFunction(
      ([selector, count]) => document.querySelectorAll(selector as string).length >= (count as number),
      [BOT_BUBBLES, before.length] as const,
      { timeout: 15_000 },
    );
    expect(await page.locator(BOT_BUBBLES).allInnerTexts()).toEqual(before);
    expect(await page.locator(USER_BUBBLES).allInnerTexts()).toEqual([QUESTION]);
    // The chat goes on after the reload, in the same conversation.
    await type(page, 'thanks');
    expect(await page.locator(USER_BUBBLES).count()).toBe(2);
    await settleAndShoot(page, 'reload');

    await Promise.all([page.waitForEvent('load'), page.locator('.chat-new').click()]);
    await page.locator(BOT_BUBBLES).first().waitFor({ timeout: 15_000 });
    expect(await page.locator(USER_BUBBLES).count()).toBe(0);
    expect(browserErrors).toEqual([]);
  }, 60_000);

  it('after several turns on a phone, reloads show every message exactly once and in order; a message sent just before a reload, or dropped by the network, is not lost', async () => {
    const page = await phonePage();
    await page.goto(`${bot.url}/`);
    await page.locator(BOT_BUBBLES).first().waitFor({ timeout: 15_000 });
    const questions = [QUESTION, 'how often should I replace my running shoes?', 'thanks'];
    for (const question of questions) await type(page, question);
    // What the visitor saw, every bubble in order (the bot's and their own).
    const transcript = () =>
      page
        .locator(`${BOT_BUBBLES}, .webchat__basic-transcript__activity:has(${USER_BUBBLES})`)
        .evaluateAll((rows) => rows.map((row) => (row.textContent ?? '').replace(/\s+/g, ' ').trim()));
    const seen = await transcript();
    expect(await page.locator(USER_BUBBLES).allInnerTexts()).toEqual(questions);

    const settled = async (bots: number, users: number) => {
      await page.waitForFunction(
        ([botSelector, userSelector, botCount, userCount]) =>
          document.querySelectorAll(botSelector as string).length >= (botCount as number) &&
          document.querySelectorAll(userSelector as string).length >= (userCount as number),
        [BOT_BUBBLES, USER_BUBBLES, bots, users] as const,
        { timeout: 15_000 },
      );
      // Anything replayed twice would arrive with the rest: give it the time to show.
      await page.waitForTimeout(1500);
    };
    const botsBefore = await botBubbleCount(page);
    await page.reload();
    await settled(botsBefore, questions.length);
    expect(await transcript()).toEqual(seen);

    // Sent, and the page reloaded before the answer came: after the reload the message and its answer are there, once each.
    const input = page.locator('[data-id="webchat-sendbox-input"]');
    await input.fill('what exercises help lower back pain');
    await input.press('Enter');
    await page.locator(USER_BUBBLES).nth(questions.length).waitFor();
    await page.reload();
    await settled(botsBefore + 1, questions.length + 1);
    const afterQuickReload = await transcript();
    expect(afterQuickReload.slice(0, seen.length)).toEqual(seen);
    expect(await page.locator(USER_BUBBLES).allInnerTexts()).toEqual([...questions, 'what exercises help lower back pain']);
    expect(afterQuickReload.length).toBe(seen.length + 2);
    expect(new Set(afterQuickReload).size).toBe(afterQuickReload.length);

    // And the chat goes on.
    await type(page, 'thanks again');
    const sent = [...questions, 'what exercises help lower back pain', 'thanks again'];
    expect(await page.locator(USER_BUBBLES).allInnerTexts()).toEqual(sent);

    // A message whose request never reached the server (the network dropped it just before the reload) is sent after it.
    const posts = '**/v3/directline/conversations/*/activities';
    await page.route(posts, (route) => (route.request().method() === 'POST' ? route.abort() : route.continue()));
    const botsBeforeLost = await botBubbleCount(page);
    await input.fill('how long until I can run again');
    await input.press('Enter');
    await page.locator(USER_BUBBLES).nth(sent.length).waitFor();
    await page.unroute(posts);
    await page.reload();
    await settled(botsBeforeLost + 1, sent.length + 1);
    expect(await page.locator(USER_BUBBLES).allInnerTexts()).toEqual([...sent, 'how long until I can run again']);
    expect(await botBubbleCount(page)).toBe(botsBeforeLost + 1);
    await page.reload();
    await settled(botsBeforeLost + 1, sent.length + 1);
    expect(await page.locator(USER_BUBBLES).allInnerTexts()).toEqual([...sent, 'how long until I can run again']);
    expect(await botBubbleCount(page)).toBe(botsBeforeLost + 1);
    await settleAndShoot(page, 'reload-several-turns');
    // The dropped request is the one failure, made on purpose (and not one of the next test's).
    expect(browserErrors.splice(0).filter((e) => !/ERR_FAILED/.test(e))).toEqual([]);
  }, 120_000);

  it('shows an emergency as a red alert card, action first, with a tel: link and a Call button that stay', async () => {
    const page = await phonePage();
    await page.goto(`${bot.url}/`);
    await page.locator(BOT_BUBBLES).first().waitFor({ timeout: 15_000 });
    await type(page, "I can't pee and my legs are numb");
    const alert = page.locator(BOT_BUBBLES).last();
    const heading = alert.locator('[role="heading"]');
    // Web Chat puts zero-width spaces around links.
    expect((await heading.innerText()).replace(/\u200b/g, '')).toMatch(/^Call 999 now/);
    expect(await heading.locator('a[href="tel:999"]').isVisible()).toBe(true);
    expect(await alert.locator('button', { hasText: 'Call 999' }).isVisible()).toBe(true);
    // Said once: the plain bubble with the same words is not shown beside the card.
    expect(await alert.locator('.webchat__stacked-layout__message-row').isVisible()).toBe(false);
    // The call stays after the chat moves on (a suggested action would vanish).
    await type(page, 'ok');
    const cardLink = page.locator('.ac-adaptiveCard a[href="tel:999"]').first();
    await cardLink.scrollIntoViewIfNeeded();
    expect(await cardLink.isVisible()).toBe(true);
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'emergency.png') });
    expect(browserErrors).toEqual([]);
  }, 60_000);

  it.each([
    ['keyboard open', { width: 390, height: 400 }],
    ['landscape', { width: 844, height: 390 }],
  ])(
    'on a short phone viewport (%s) keeps at least half the height for the transcript; chips in one row; targets 44 px',
    async (name, short) => {
      // A German phone: the chat's own labels and times still follow the clinic's REGION (UK English).
      const page = await phonePage(short, 'de-DE');
      await page.goto(`${bot.url}/`);
      await page.locator(BOT_BUBBLES).first().waitFor({ timeout: 15_000 });
      await page.locator('.webchat__suggested-action').first().waitFor();
      await page.locator('.chat-new').waitFor();
      // Web Chat settles its layout (fonts, the scroll-to-end animation) just after the first render.
      await page.waitForTimeout(1000);
      const layout = await page.evaluate(() => {
        const transcript = document.querySelector('.webchat__basic-transcript__scrollable')!.getBoundingClientRect();
        const chips = [...document.querySelectorAll('.webchat__suggested-action')].map((c) => c.getBoundingClientRect());
        const targets = [...document.querySelectorAll('.chat-new, .webchat__suggested-action, .webchat__send-button')]
          .map((c) => c.getBoundingClientRect())
          .filter((r) => r.width > 0);
        const height = (selector: string) => Math.round(document.querySelector(selector)?.getBoundingClientRect().height ?? -1);
        return {
          header: height('.chat-header'),
          footer: height('.chat-footer'),
          sendBox: height('.webchat__send-box'),
          status: height('.chat-status'),
          toaster: height('.webchat__toaster'),
          transcript: transcript.height,
          chipTops: [...new Set(chips.map((c) => Math.round(c.top)))],
          chipHeights: chips.map((c) => c.height),
          smallest: Math.min(...targets.map((r) => Math.min(r.height, r.width))),
          sizes: targets.map((r) => `${Math.round(r.width)}x${Math.round(r.height)}`),
          chips: chips.length,
        };
      });
      expect(layout.chips).toBeGreaterThanOrEqual(3);
      expect(layout.transcript >= short.height / 2 ? 'at least half' : JSON.stringify(layout)).toBe('at least half');
      expect(layout.chipTops).toHaveLength(1);
      for (const height of layout.chipHeights) expect(height).toBeGreaterThanOrEqual(44);
      expect(layout.smallest >= 44 ? 'at least 44 px' : JSON.stringify(layout.sizes)).toBe('at least 44 px');
      // The region's (UK) language, and Web Chat's labels in English, whatever the browser's own language.
      expect(await page.locator('html').getAttribute('lang')).toBe('en-GB');
      expect(await page.evaluate(() => navigator.language)).toBe('de-DE');
      expect(await page.locator('.webchat__send-button').getAttribute('title')).toBe('Send');
      expect(await page.locator('.webchat__stacked-layout__status time').first().innerText()).toMatch(/^\d{2}:\d{2}$/);
      await settleAndShoot(page, `short-viewport-${name.replace(' ', '-')}`);
      expect(browserErrors).toEqual([]);
    },
    60_000,
  );

  // What a German visitor's phone shows for the greeting's time: today, then (the clock two days on) with its day.
  it.each([
    [
      'UK',
      /^\d{2}:\d{2}$/,
      /^[A-Z][a-z]{2} \d{1,2} [A-Z][a-z]{2}, \d{2}:\d{2}$/,
      /^Sent at [A-Z][a-z]+day,? \d{1,2} [A-Z][a-z]+ \d{4}( at|,) \d{2}:\d{2}$/,
    ],
    [
      'US',
      /^\d{1,2}:\d{2}\s[AP]M$/,
      /^[A-Z][a-z]{2}, [A-Z][a-z]{2} \d{1,2}, \d{1,2}:\d{2}\s[AP]M$/,
      /^Sent at [A-Z][a-z]+day, [A-Z][a-z]+ \d{1,2}, \d{4}( at|,) \d{1,2}:\d{2}\s[AP]M$/,
    ],
  ])(
    'message times follow REGION %s, not the browser language or a US default',
    async (region, today, earlier, spoken) => {
      const usData = makeTempDir('browser-us-');
      const regional = region === 'UK' ? bot : await startBot({ ...env, REGION: region, DATA_DIR: usData.dir });
      try {
        const page = await phonePage(PHONE, 'de-DE');
        await page.goto(`${regional.url}/`);
        await page.locator(BOT_BUBBLES).first().waitFor({ timeout: 15_000 });
        const time = page.locator('.webchat__stacked-layout__status time').first();
        expect(await time.innerText()).toMatch(today);
        expect(await page.locator('.webchat__stacked-layout__status .chat-sr-only').first().textContent()).toMatch(spoken);
        const sent = new Date((await time.getAttribute('datetime'))!);
        expect(Math.abs(Date.now() - sent.getTime())).toBeLessThan(60_000);
        await settleAndShoot(page, `times-${region}`);

        // (With the clock stopped Web Chat's "Connecting…" notice stays: no picture of this part.)
        await page.clock.setFixedTime(new Date(sent.getTime() + 2 * 24 * 3600_000));
        await page.reload();
        await time.waitFor({ timeout: 15_000 });
        expect(await time.innerText()).toMatch(earlier);
        expect(browserErrors).toEqual([]);
      } finally {
        if (regional !== bot) await regional.stop();
        usData.cleanup();
      }
    },
    60_000,
  );

  it("on a clinic's site: an isolated, labelled launcher; the chat follows to the next page; Escape closes and focus returns", async () => {
    const page = await phonePage({ width: 1280, height: 800 });
    await page.goto(`http://localhost:${clinic.port}/`);
    const launcher = page.locator('[data-back-on-track] button.launcher');
    await launcher.waitFor();
    expect(await launcher.getAttribute('aria-label')).toBe('Chat with us about back pain');
    expect(await launcher.innerText()).toContain('Chat with us about back pain');
    // The site's own button styles do not reach the launcher.
    expect(await launcher.evaluate((b) => [getComputedStyle(b).textTransform, getComputedStyle(b).letterSpacing])).toEqual([
      'none',
      'normal',
    ]);
    await launcher.click();
    const chatFrame = async (): Promise<Frame> =>
      (await (await page.locator('[data-back-on-track] iframe').elementHandle({ timeout: 10_000 }))!.contentFrame())!;
    let frame = await chatFrame();
    await frame.locator(BOT_BUBBLES).first().waitFor({ timeout: 15_000 });
    await type(frame, QUESTION);
    const answer = await newestBotText(frame);

    await page.goto(`http://localhost:${clinic.port}/contact`);
    frame = await chatFrame();
    await frame.locator(USER_BUBBLES).first().waitFor({ timeout: 15_000 });
    expect(await frame.locator(USER_BUBBLES).allInnerTexts()).toEqual([QUESTION]);
    await frame.waitForFunction(([selector, count]) => document.querySelectorAll(selector as string).length >= (count as number), [
      BOT_BUBBLES,
      2,
    ] as const);
    expect(await newestBotText(frame)).toBe(answer);
    await settleAndShoot(page, 'embed-second-page', frame);

    await frame.locator('[data-id="webchat-sendbox-input"]').press('Escape');
    await page.locator('[data-back-on-track] .panel').waitFor({ state: 'hidden', timeout: 5000 });
    expect(await launcher.getAttribute('aria-expanded')).toBe('false');
    expect(await page.evaluate(() => document.querySelector('[data-back-on-track]')!.shadowRoot!.activeElement?.className)).toBe(
      'launcher',
    );
    expect(browserErrors).toEqual([]);
  }, 60_000);

  it('on a site that is not allowed to show the chat, says so plainly instead of a broken frame', async () => {
    const page = await phonePage();
    await page.goto(`http://127.0.0.1:${clinic.port}/`);
    await page.locator('[data-back-on-track] button.launcher').click();
    const refusal = page.locator('[data-back-on-track] .refused');
    await refusal.waitFor({ timeout: 10_000 });
    expect(await refusal.innerText()).toMatch(/cannot be shown on this website.*emergency call 999/s);
    expect(await page.locator('[data-back-on-track] iframe').count()).toBe(0);
  }, 30_000);

  it('after a server restart the open chat carries on, and a reload still shows all of it', async () => {
    const page = await phonePage();
    await page.goto(`${bot.url}/`);
    await page.locator(BOT_BUBBLES).first().waitFor({ timeout: 15_000 });
    await type(page, QUESTION);
    const port = new URL(bot.url).port;
    await bot.app.close();
    bot = await startBot({ ...env, PORT: port });

    // The page's Direct Line reconnects by itself; its next message is answered.
    await type(page, 'thanks');
    expect(await page.locator('.chat-status').isVisible()).toBe(false);
    await page.reload();
    await page.locator(USER_BUBBLES).nth(1).waitFor({ timeout: 15_000 });
    expect(await page.locator(USER_BUBBLES).allInnerTexts()).toEqual([QUESTION, 'thanks']);
    await settleAndShoot(page, 'restart');
    // While the server was down the browser's reconnect attempts were refused: expected, not a page error.
    expect(browserErrors.filter((e) => !/ERR_CONNECTION_REFUSED/.test(e))).toEqual([]);
  }, 60_000);
});
