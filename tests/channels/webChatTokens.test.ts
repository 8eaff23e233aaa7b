/**
 * Where the page's token comes from in each set-up. With DIRECT_LINE_SECRET the server exchanges the
 * secret at Azure's tokens/generate (here a local fake speaking that protocol) and the secret never
 * reaches the browser. With MicrosoftAppId and no secret there is no chat, said plainly.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startBot, type RunningBot } from '../helpers/runningBot';

const SECRET = 'azure-direct-line-secret-for-tests';

interface FakeAzureDirectLine {
  endpoint: string;
  requests: Array<{ path: string; authorization?: string; body: string }>;
  /** What the next requests are answered with. */
  answer: { status: number; body: unknown };
  close(): Promise<void>;
}

/** Azure's POST /v3/directline/tokens/generate: the secret as a bearer token in, a conversation token out. */
async function startFakeAzure(): Promise<FakeAzureDirectLine> {
  const state = {
    requests: [] as FakeAzureDirectLine['requests'],
    answer: {
      status: 200,
      body: { conversationId: 'azure-conv-1', token: 'azure-token-1', expires_in: 3600 },
    } as FakeAzureDirectLine['answer'],
  };
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      state.requests.push({ path: `${req.method} ${req.url}`, authorization: req.headers.authorization, body });
      const authorised = req.headers.authorization === `Bearer ${SECRET}`;
      const found = req.method === 'POST' && req.url === '/v3/directline/tokens/generate';
      const [status, reply] = !found
        ? [404, {}]
        : !authorised
          ? [403, { error: { code: 'BadArgument', message: 'secret invalid' } }]
          : [state.answer.status, state.answer.body];
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(reply));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, {
    endpoint: `http://127.0.0.1:${port}/v3/directline`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}

const askForToken = async (url: string) => {
  const response = await fetch(`${url}/api/webchat/token`, { method: 'POST' });
  return { status: response.status, text: await response.text() };
};

describe('page token from Azure Bot Service Direct Line (DIRECT_LINE_SECRET)', () => {
  let azure: FakeAzureDirectLine;
  let bot: RunningBot;

  beforeAll(async () => {
    azure = await startFakeAzure();
    bot = await startBot({ DIRECT_LINE_SECRET: SECRET, DIRECT_LINE_ENDPOINT: azure.endpoint });
  });
  afterAll(async () => {
    await bot.stop();
    await azure.close();
  });

  it('exchanges the secret server-side and gives the page only the conversation token and Azure domain', async () => {
    const reply = await askForToken(bot.url);
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.text)).toEqual({
      token: 'azure-token-1',
      conversationId: 'azure-conv-1',
      expiresIn: 3600,
      domain: azure.endpoint,
    });
    expect(reply.text).not.toContain(SECRET);

    const request = azure.requests.at(-1)!;
    expect(request.path).toBe('POST /v3/directline/tokens/generate');
    expect(request.authorization).toBe(`Bearer ${SECRET}`);
    // A dl_ user id is embedded in the token, so the page cannot choose who it is.
    expect(JSON.parse(request.body)).toEqual({ user: { id: expect.stringMatching(/^dl_/) } });

    const page = await (await fetch(`${bot.url}/`)).text();
    expect(page).not.toContain(SECRET);
  });

  it('lets the page talk to Azure (CSP) and switches the self-hosted Direct Line off', async () => {
    const page = await fetch(`${bot.url}/`);
    expect(page.headers.get('content-security-policy')).toContain(
      `connect-src 'self' ${bot.url.replace('http', 'ws')} ${new URL(azure.endpoint).origin} ${new URL(azure.endpoint).origin.replace('http', 'ws')}`,
    );
    const generate = await fetch(`${bot.url}/v3/directline/tokens/generate`, { method: 'POST' });
    expect(generate.status).toBe(404);
  });

  it('answers 502, without the secret, when Azure refuses or fails', async () => {
    azure.answer = { status: 500, body: { error: { code: 'ServiceError', message: 'boom' } } };
    const failed = await askForToken(bot.url);
    expect(failed.status).toBe(502);
    expect(failed.text).not.toContain(SECRET);
    expect(bot.logs.join('\n')).toMatch(/tokens\/generate answered HTTP 500/);
    expect(bot.logs.join('\n')).not.toContain(SECRET);
    azure.answer = { status: 200, body: { conversationId: 'azure-conv-2', token: 'azure-token-2', expires_in: 3600 } };
    expect((await askForToken(bot.url)).status).toBe(200);
  });
});

describe('page token with a wrong Azure secret', () => {
  it('answers 502 and logs the status (not the secret)', async () => {
    const azure = await startFakeAzure();
    const bot = await startBot({ DIRECT_LINE_SECRET: 'not-the-right-secret', DIRECT_LINE_ENDPOINT: azure.endpoint });
    try {
      const reply = await askForToken(bot.url);
      expect(reply.status).toBe(502);
      expect(bot.logs.join('\n')).toMatch(/answered HTTP 403/);
      expect(bot.logs.join('\n')).not.toContain('not-the-right-secret');
    } finally {
      await bot.stop();
      await azure.close();
    }
  });
});

describe('page token with MicrosoftAppId and no DIRECT_LINE_SECRET', () => {
  it('has no self-hosted Direct Line (the adapter would refuse its turns), and says the chat is not set up', async () => {
    const bot = await startBot({ MicrosoftAppId: '00000000-0000-0000-0000-000000000001', MicrosoftAppPassword: 'not-used-here' });
    try {
      const reply = await askForToken(bot.url);
      expect(reply.status).toBe(503);
      expect(JSON.parse(reply.text).message).toMatch(/not set up/);
      expect((await fetch(`${bot.url}/v3/directline/tokens/generate`, { method: 'POST' })).status).toBe(404);
      expect(bot.logs.join('\n')).toMatch(/DIRECT_LINE_SECRET/);
    } finally {
      await bot.stop();
    }
  });
});
