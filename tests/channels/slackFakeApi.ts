/**
 * A local stand-in for Slack's Web API: records chat.postMessage / chat.update calls (form-encoded,
 * as @slack/web-api sends them) and answers `{ ok: true, ts }` like Slack. Also signs requests the way
 * Slack signs its calls to the bot.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { slackSignatureOf } from '../../src/channels/slack/slackSignature';

export interface SlackApiCall {
  method: string;
  authorization: string | undefined;
  channel?: string;
  text?: string;
  thread_ts?: string;
  ts?: string;
  blocks?: Array<{
    type: string;
    text?: { text: string };
    elements?: Array<{ type: string; text: { text: string } | string; value?: string; action_id?: string }>;
  }>;
  /** The ts this fake answered with (the posted message's id). */
  answeredTs: string;
}

export interface FakeSlackApi {
  url: string;
  calls: SlackApiCall[];
  /** Resolves with all calls once at least `count` have arrived (rejects after `timeoutMs`). */
  waitForCalls(count: number, timeoutMs?: number): Promise<SlackApiCall[]>;
  close(): Promise<void>;
}

export async function startFakeSlackApi(): Promise<FakeSlackApi> {
  const calls: SlackApiCall[] = [];
  let counter = 0;
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      const form = Object.fromEntries(new URLSearchParams(body));
      const answeredTs = `${Math.floor(Date.now() / 1000)}.${String(++counter).padStart(6, '0')}`;
      calls.push({
        method: (req.url ?? '').replace(/^\/api\//, ''),
        authorization: req.headers.authorization,
        ...form,
        blocks: form.blocks ? JSON.parse(form.blocks) : undefined,
        answeredTs,
      });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: true, channel: form.channel, ts: answeredTs }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/`,
    calls,
    waitForCalls: async (count, timeoutMs = 8000) => {
      const deadline = Date.now() + timeoutMs;
      while (calls.length < count) {
        if (Date.now() > deadline)
          throw new Error(`expected ${count} Slack API calls, got ${calls.length}: ${calls.map((c) => c.method).join(', ')}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return calls;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export interface SlackRequestOptions {
  secret: string;
  contentType?: string;
  /** Seconds since the epoch; defaults to now. */
  timestamp?: number;
  headers?: Record<string, string>;
  /** Leave the signature headers out. */
  unsigned?: boolean;
}

/** POSTs a body to the bot as Slack would, signed with `secret`. */
export async function postAsSlack(url: string, body: string, options: SlackRequestOptions): Promise<{ status: number; text: string }> {
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const headers: Record<string, string> = { 'content-type': options.contentType ?? 'application/json', ...options.headers };
  if (!options.unsigned) {
    headers['x-slack-request-timestamp'] = timestamp;
    headers['x-slack-signature'] = slackSignatureOf(options.secret, timestamp, body);
  }
  const response = await fetch(url, { method: 'POST', headers, body });
  return { status: response.status, text: await response.text() };
}
