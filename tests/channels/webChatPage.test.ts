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
  bot = await startBot({ WEBCHAT_TITLE: 'Riverside <Physio> & Sports', WEBCHAT_PRIMARY_COLOR: '#1D4ED8', WEBCHAT_BOT_AVATAR_INITIALS: 'RP', WEBCHAT_EMBED_ORIGINS: 'https://riverside-physio.example, https://www.riverside-physio.example:8443' });
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
    expect(scriptSources).toEqual(['/webchat/vendor/webchat.js', '/webchat/webchat-page.js']);

    const settings = JSON.parse(/<script type="application\/json" id="webchat-settings">(.*?)<\/script>/s.exec(html)![1]);
    expect(settings.tokenUrl).toBe('/api/webchat/token');
    expect(settings.styleOptions).toMatchObject({ accent: '#1d4ed8', bubbleFromUserBackground: '#1d4ed8', bubbleFromUserTextColor: '#ffffff', botAvatarInitials: 'RP', hideUploadButton: true });
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

  it('serves the Web Chat bundle gzipped with an ETag (304 on revisit), and nothing from node_modules', async () => {
    const bundle = await fetch(`${bot.url}/webchat/vendor/webchat.js`, { headers: { 'accept-encoding': 'gzip' } });
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get('content-encoding')).toBe('gzip');
    expect((await bundle.text()).length).toBeGreaterThan(1_000_000); // fetch unzips it
    const etag = bundle.headers.get('etag')!;
    const revisit = await fetch(`${bot.url}/webchat/vendor/webchat.js`, { headers: { 'accept-encoding': 'gzip', 'if-none-match': etag } });
    expect(revisit.status).toBe(304);

    expect((await fetch(`${bot.url}/webchat/vendor/webchat.js.LICENSE.txt`)).status).toBe(200);
    for (const path of ['/node_modules/botframework-webchat/dist/stats.json', '/webchat/vendor/../../package.json', '/webchat/vendor/webchat.js.gz', '/public/index.html']) {
      expect((await fetch(`${bot.url}${path}`)).status).toBe(404);
    }
  });

  it('refuses a colour or avatar URL that could break out of the page, at start-up', () => {
    expect(() => parseConfig({ WEBCHAT_PRIMARY_COLOR: 'red;} body{display:none' })).toThrow(ConfigError);
    expect(() => parseConfig({ WEBCHAT_BOT_AVATAR_URL: 'javascript:alert(1)' })).toThrow(ConfigError);
    expect(() => parseConfig({ WEBCHAT_BOT_AVATAR_URL: '//evil.example/x.png' })).toThrow(ConfigError);
    expect(parseConfig({ WEBCHAT_BOT_AVATAR_URL: '/clinic-logo.png' }).WEBCHAT_BOT_AVATAR_URL).toBe('/clinic-logo.png');
  });

  it('takes embed origins as a list and refuses anything that could widen or break the frame rule', () => {
    expect(parseConfig({ WEBCHAT_EMBED_ORIGINS: '' }).WEBCHAT_EMBED_ORIGINS).toEqual([]);
    expect(parseConfig({ WEBCHAT_EMBED_ORIGINS: 'https://a.example , https://b.example' }).WEBCHAT_EMBED_ORIGINS).toEqual(['https://a.example', 'https://b.example']);
    for (const bad of ['*', 'https://a.example/path', "https://a.example; script-src *", 'a.example']) {
      expect(() => parseConfig({ WEBCHAT_EMBED_ORIGINS: bad })).toThrow(/WEBCHAT_EMBED_ORIGINS/);
    }
  });
});
