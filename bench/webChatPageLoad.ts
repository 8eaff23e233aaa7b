/**
 * The website chat's page weight and speed, measured in real Chromium against the bot as `npm start`
 * runs it (its own process, dist/, lowdb in a temp folder): bytes over the wire and time from
 * navigation to the first paint (the loading indicator) and to the first bot message, for a first
 * visit (empty cache) and a repeat visit (reload: cached assets, the open chat replayed). Each once on
 * localhost at full speed, and once as a slow phone (1.6 Mbit/s down, 150 ms round trip, CPU 4x
 * slower, Chrome DevTools' "Slow 4G"-like profile). Run after a build:
 *   npm run build && npx tsc -p bench/tsconfig.json && node dist/bench/webChatPageLoad.js
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import { startServerProcess } from './serverProcess';

const distDir = path.resolve(__dirname, '..');
const BOT_ENTRY = path.join(distDir, 'src', 'index.js');
const CHROMIUM = '/usr/bin/chromium';
const BOT_BUBBLE = '.webchat__basic-transcript__activity:has(.webchat__bubble:not(.webchat__bubble--from-user))';
const RUNS = 3;

interface Visit {
  bytes: number;
  firstPaintMs: number;
  firstBotMessageMs: number;
}

interface Profile {
  name: string;
  network?: { downloadThroughput: number; uploadThroughput: number; latency: number };
  cpuSlowdown?: number;
}

const PROFILES: Profile[] = [
  { name: 'localhost' },
  {
    name: 'slow phone',
    network: { downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8, latency: 150 },
    cpuSlowdown: 4,
  },
];

async function throttle(cdp: CDPSession, profile: Profile): Promise<void> {
  await cdp.send('Network.enable');
  if (profile.network) await cdp.send('Network.emulateNetworkConditions', { offline: false, ...profile.network });
  if (profile.cpuSlowdown) await cdp.send('Emulation.setCPUThrottlingRate', { rate: profile.cpuSlowdown });
}

/** One navigation: bytes received (encoded, as on the wire) and the two moments that matter to a visitor. */
async function visit(page: Page, cdp: CDPSession, go: () => Promise<unknown>): Promise<Visit> {
  let bytes = 0;
  const onFinished = (event: { encodedDataLength: number }) => {
    bytes += event.encodedDataLength;
  };
  cdp.on('Network.loadingFinished', onFinished);
  const started = Date.now();
  await go();
  await page.locator(BOT_BUBBLE).first().waitFor({ timeout: 120_000 });
  const firstBotMessageMs = Date.now() - started;
  const firstPaintMs = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN);
  // Let the last responses finish counting.
  await page.waitForTimeout(300);
  cdp.off('Network.loadingFinished', onFinished);
  return { bytes, firstPaintMs: Math.round(firstPaintMs), firstBotMessageMs };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main(): Promise<void> {
  if (!fs.existsSync(path.join(distDir, '..', 'public', 'vendor', 'webchat.js')))
    throw new Error('public/vendor/webchat.js is missing: run npm run build first');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'webchat-bench-'));
  const server = await startServerProcess(
    BOT_ENTRY,
    ['--max-old-space-size=256', '--disable-warning=DEP0111'],
    { DATA_DIR: dataDir },
    path.join(distDir, '..'),
  );
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  try {
    console.log(
      `Website chat page load (${RUNS} runs each, median), ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${os.cpus().length} cores`,
    );
    console.log('| profile | visit | bytes transferred | first paint (ms) | first bot message (ms) |');
    console.log('| --- | --- | --- | --- | --- |');
    for (const profile of PROFILES) {
      const cold: Visit[] = [];
      const repeat: Visit[] = [];
      for (let run = 0; run < RUNS; run += 1) {
        // A fresh context is a first-time visitor: empty cache, no session.
        const context: BrowserContext = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
        const page = await context.newPage();
        const cdp = await context.newCDPSession(page);
        await throttle(cdp, profile);
        cold.push(await visit(page, cdp, () => page.goto(`${server.url}/`, { waitUntil: 'commit' })));
        repeat.push(await visit(page, cdp, () => page.reload({ waitUntil: 'commit' })));
        await context.close();
      }
      for (const [label, visits] of [
        ['first visit', cold],
        ['repeat (reload)', repeat],
      ] as const) {
        const kb = (median(visits.map((v) => v.bytes)) / 1024).toFixed(0);
        console.log(
          `| ${profile.name} | ${label} | ${kb} KB | ${median(visits.map((v) => v.firstPaintMs))} | ${median(visits.map((v) => v.firstBotMessageMs))} |`,
        );
      }
    }
  } finally {
    await browser.close();
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: Error) => {
  console.error(error.stack ?? error.message);
  process.exitCode = 1;
});
