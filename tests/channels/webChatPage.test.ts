/**
 * The website chat's files: the page carries the clinic's look (escaped), the embed script is valid
 * JavaScript with the same look, and the Web Chat bundle is served from the build-time copy only.
 */
import * as vm from 'node:vm';
import { ConfigError, parseConfig } from '../../src/config';
import { copyWebChatBundle } from '../../src/channels/webChat/webChatBundle';
import { startBot, type RunningBot } from '../helpers/runningBot';

let bot: RunningBot;

beforeAll(async () => {
  copyWebChatBundle(); // what `npm run build` does
  bot = await startBot({
    WEBCHAT_TITLE: 'Riverside <Physio> & Sports',
    WEBCHAT_PRIMARY_COLOR: '#1D4ED8',
    WEBCHAT_BOT_AVATAR_INITIALS: 'RP',
    WEBCHAT_EMBED_ORIGINS: 'https://riverside-physio.example, https://www.riverside-physio.example:8443',
  });
});
afterAll(async () => {
  await bot.stop();
});

describe('website chat page', () => {
  it('shows the clinic name (escaped), colour, avatar and emergency number, under a strict content security policy', async () => {
    const response = await fetch(`${bot.url}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(csp).toContain(`connect-src 'self' ${bot.url.replace('http', 'ws')}`);
    // Only the clinic's own sites may frame it.
    expect(csp).toContain("frame-ancestors 'self' https://riverside-physio.example https://www.riverside-physio.example:8443");
    const html = await response.text();
    expect(html).toContain('<title>Riverside &lt;Physio&gt; &amp; Sports</title>');
    expect(html).not.toContain('<Physio>');
    expect(html).toContain('--primary: #1d4ed8');
    expect(html).toMatch(/class="chat-avatar"[^>]*>RP</);
    expect(html).toMatch(/In an emergency call <strong>999<\/strong>/);
    expect(html).not.toMatch(/\{\{/);
    // No script from anywhere but this server.
    const scriptSources = [...html.matchAll(/<script[^>]*src="([^"]+)"/g)].map((m) => m[1]);
    expect(scriptSources).toEqual([
      expect.stringMatching(/^\/webchat\/v\/[0-9a-f]{12}\/webchat\.js$/),
      expect.stringMatching(/^\/webchat\/v\/[0-9a-f]{12}\/webchat-page\.js$/),
    ]);
    // Neither script blocks the first paint, which already shows that the chat is loading.
    expect([...html.matchAll(/<script[^>]*src=[^>]*>/g)].every((m) => / defer/.test(m[0]))).toBe(true);
    expect(html).toMatch(/class="chat-loading" role="status"/);
    expect(html).toMatch(/<html lang="en-GB">/);
    expect(html).toMatch(/class="chat-new"[^>]*>New chat</);

    const settings = JSON.parse(/<script type="application\/json" id="webchat-settings">(.*?)<\/script>/s.exec(html)![1]);
    expect(settings.tokenUrl).toBe('/api/webchat/token');
    expect(settings.locale).toBe('en-GB');
    expect(settings.styleOptions).toMatchObject({
      accent: '#1d4ed8',
      bubbleFromUserBackground: '#1d4ed8',
      bubbleFromUserTextColor: '#ffffff',
      botAvatarInitials: 'RP',
      hideUploadButton: true,
    });
  });

  it('serves an embed script that is valid JavaScript and opens the chat page in an iframe', async () => {
    const response = await fetch(`${bot.url}/embed.js`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/javascript/);
    const js = await response.text();
    expect(() => new vm.Script(js)).not.toThrow();
    expect(js).toContain('"title":"Riverside \\u003cPhysio> & Sports"');
    expect(js).toContain('"primaryColor":"#1d4ed8"');
    expect(js).toContain("'/?embed=1'");
  });

  it('serves the Web Chat bundle brotli- or gzip-compressed, cached for a year under its content hash, and nothing from node_modules', async () => {
    const html = await (await fetch(`${bot.url}/`)).text();
    const bundleUrl = /<script src="([^"]*webchat\.js)"/.exec(html)![1];
    const raw = (url: string, headers: Record<string, string>) => fetch(`${bot.url}${url}`, { headers });
    const br = await raw(bundleUrl, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.status).toBe(200);
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const brBytes = Number(br.headers.get('content-length'));
    expect((await br.text()).length).toBeGreaterThan(3_000_000); // fetch decompresses it
    const gzip = await raw(bundleUrl, { 'accept-encoding': 'gzip' });
    expect(gzip.headers.get('content-encoding')).toBe('gzip');
    expect(brBytes).toBeLessThan(Number(gzip.headers.get('content-length')));
    await gzip.arrayBuffer();
    expect((await raw(bundleUrl, { 'accept-encoding': 'br;q=0, gzip' })).headers.get('content-encoding')).toBe('gzip');
    // The plain URL (and an old hash) still works, but revalidates: 304 with the ETag.
    const plain = await raw('/webchat/webchat.js', { 'accept-encoding': 'br' });
    expect(plain.headers.get('cache-control')).toBe('no-cache');
    await plain.arrayBuffer();
    expect((await raw('/webchat/webchat.js', { 'accept-encoding': 'br', 'if-none-match': plain.headers.get('etag')! })).status).toBe(304);
    expect((await raw('/webchat/v/000000000000/webchat.js', { 'accept-encoding': 'br' })).headers.get('cache-control')).toBe('no-cache');

    expect((await fetch(`${bot.url}${bundleUrl}.LICENSE.txt`)).status).toBe(200);
    for (const path of [
      '/node_modules/botframework-webchat/dist/stats.json',
      '/webchat/vendor/../../package.json',
      '/webchat/webchat.js.gz',
      '/webchat/webchat.js.br',
      '/webchat/index.html',
      '/webchat/constructor',
      '/public/index.html',
    ]) {
      expect((await fetch(`${bot.url}${path}`)).status).toBe(404);
    }
  });

  it('tells embed.js whether the site it runs on may show the chat', async () => {
    const check = async (origin: string) =>
      (await (await fetch(`${bot.url}/api/webchat/embed-check`, { headers: { origin } })).json()).allowed;
    expect(await check('https://riverside-physio.example')).toBe(true);
    expect(await check('https://evil.example')).toBe(false);
  });

  it('refuses a colour or avatar URL that could break out of the page, at start-up', () => {
    expect(() => parseConfig({ WEBCHAT_PRIMARY_COLOR: 'red;} body{display:none' })).toThrow(ConfigError);
    expect(() => parseConfig({ WEBCHAT_BOT_AVATAR_URL: 'javascript:alert(1)' })).toThrow(ConfigError);
    expect(() => parseConfig({ WEBCHAT_BOT_AVATAR_URL: '//evil.example/x.png' })).toThrow(ConfigError);
    expect(parseConfig({ WEBCHAT_BOT_AVATAR_URL: '/clinic-logo.png' }).WEBCHAT_BOT_AVATAR_URL).toBe('/clinic-logo.png');
  });

  it('takes embed origins as a list and refuses anything that could widen or break the frame rule', () => {
    expect(parseConfig({ WEBCHAT_EMBED_ORIGINS: '' }).WEBCHAT_EMBED_ORIGINS).toEqual([]);
    expect(parseConfig({ WEBCHAT_EMBED_ORIGINS: 'https://a.example , https://b.example' }).WEBCHAT_EMBED_ORIGINS).toEqual([
      'https://a.example',
      'https://b.example',
    ]);
    for (const bad of ['*', 'https://a.example/path', 'https://a.example; script-src *', 'a.example']) {
      expect(() => parseConfig({ WEBCHAT_EMBED_ORIGINS: bad })).toThrow(/WEBCHAT_EMBED_ORIGINS/);
    }
  });
});
