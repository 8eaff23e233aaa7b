/**
 * The website chat in a real browser (Debian's Chromium driven by playwright-core): the page at /
 * loads Web Chat from this server, connects over the self-hosted Direct Line and talks to the real
 * bot. One browser launch; a screenshot goes to test-artifacts/webchat.png for people to look at.
 * Skipped only on a developer machine without /usr/bin/chromium; in CI (.ci/run installs it) it must run.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { copyWebChatBundle } from '../../src/channels/webChat/webChatBundle';
import { projectRoot } from '../../src/projectRoot';
import { startBot, type RunningBot } from '../helpers/runningBot';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const ARTIFACTS = path.join(projectRoot(), 'test-artifacts');
const describeInBrowser = fs.existsSync(CHROMIUM) || process.env.CI ? describe : describe.skip;

const BOT_BUBBLES = '.webchat__basic-transcript__activity:has(.webchat__bubble:not(.webchat__bubble--from-user))';

describeInBrowser('website chat in Chromium', () => {
  let bot: RunningBot;
  let browser: Browser;
  let page: Page;
  const browserErrors: string[] = [];

  beforeAll(async () => {
    copyWebChatBundle(); // what `npm run build` does
    [bot, browser] = await Promise.all([startBot(), chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS })]);
    page = await browser.newPage({ viewport: { width: 480, height: 900 } });
    // CSP violations and script failures show up here; the page must have none.
    page.on('console', (message) => {
      if (message.type() === 'error') browserErrors.push(message.text());
    });
    page.on('pageerror', (error) => browserErrors.push(error.message));
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
    await bot?.stop();
  });

  const botBubbleCount = () => page.locator(BOT_BUBBLES).count();
  const newestBotText = () => page.locator(BOT_BUBBLES).last().innerText();

  async function waitForMoreBotBubbles(than: number): Promise<void> {
    await page.waitForFunction(([selector, count]) => document.querySelectorAll(selector as string).length > (count as number), [BOT_BUBBLES, than] as const, { timeout: 10_000 });
  }

  async function type(text: string): Promise<void> {
    const before = await botBubbleCount();
    const input = page.locator('[data-id="webchat-sendbox-input"]');
    await input.fill(text);
    await input.press('Enter');
    await waitForMoreBotBubbles(before);
  }

  it('greets, answers with sources, follows a suggested action, escalates a red flag with 999', async () => {
    await page.goto(`${bot.url}/`);
    expect(await page.locator('.chat-header h1').innerText()).toBe('Back on Track');
    await page.locator(BOT_BUBBLES).first().waitFor({ timeout: 15_000 });
    expect(await newestBotText()).toMatch(/not a diagnosis/i);

    await type('is it worth getting a back brace for running?');
    expect(await newestBotText()).toMatch(/Sources?:/);

    // A suggested action (imBack) is sent as the visitor's message, and the bot answers it.
    const userBubbles = page.locator('.webchat__bubble--from-user');
    const [botBefore, userBefore] = [await botBubbleCount(), await userBubbles.count()];
    const answerBefore = await newestBotText();
    await page.locator('.webchat__suggested-action').first().click();
    await waitForMoreBotBubbles(botBefore);
    expect(await userBubbles.count()).toBe(userBefore + 1);
    expect(await newestBotText()).not.toBe(answerBefore);

    await type("I can't pee and my legs are numb");
    const escalation = await newestBotText();
    expect(escalation).toContain('999');
    expect(escalation).not.toMatch(/Hi, I.m Back on Track/);

    // Web Chat scrolls new messages into view with an animation: let it finish before the picture.
    await page.waitForFunction((selector) => {
      const bubbles = document.querySelectorAll(selector);
      const scroller = document.querySelector('.webchat__basic-transcript__scrollable');
      if (!bubbles.length || !scroller) return false;
      return bubbles[bubbles.length - 1].getBoundingClientRect().bottom <= scroller.getBoundingClientRect().bottom + 1;
    }, BOT_BUBBLES);
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'webchat.png') });
    expect(browserErrors).toEqual([]);
  }, 40_000);

  it('embed.js on a clinic\'s page: a launcher button opens the chat in an iframe, its close button hides it', async () => {
    const clinicPage = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    clinicPage.on('pageerror', (error) => browserErrors.push(error.message));
    await clinicPage.setContent(`<h1>Riverside Physio</h1><script src="${bot.url}/embed.js" async></script>`);
    const launcher = clinicPage.locator('button[aria-label^="Open the chat"]');
    await launcher.click();
    const chat = clinicPage.frameLocator('iframe[title^="Chat with"]');
    await chat.locator(BOT_BUBBLES).first().waitFor({ timeout: 15_000 });
    expect(await chat.locator(BOT_BUBBLES).first().innerText()).toMatch(/not a diagnosis/i);
    expect(await launcher.getAttribute('aria-expanded')).toBe('true');

    await chat.locator('.chat-close').click();
    await clinicPage.waitForFunction(() => document.querySelector('iframe')?.style.display === 'none', undefined, { timeout: 5000 });
    expect(await launcher.getAttribute('aria-expanded')).toBe('false');
    expect(browserErrors).toEqual([]);
  }, 30_000);
});
