/**
 * Compression bombs over real HTTP: a 240 MB gzip body (about 240 KB on the wire, under MAX_BODY_BYTES)
 * and its deflate and brotli cousins are refused with 415 before anything inflates them, and the bot
 * keeps answering.
 */
import { Readable } from 'node:stream';
import * as zlib from 'node:zlib';
import { HttpUser, messagesOf, startBot, type RunningBot } from '../helpers/runningBot';

let bot: RunningBot;
beforeAll(async () => {
  bot = await startBot();
});
afterAll(async () => {
  await bot.stop();
});

/** A JSON activity whose text is `megabytes` MB of one letter, compressed by `compressor` as a stream. */
async function bomb(compressor: zlib.Gzip | zlib.Deflate | zlib.BrotliCompress, megabytes: number): Promise<Buffer> {
  const chunk = Buffer.alloc(1024 * 1024, 'a');
  const parts = (function* () {
    yield Buffer.from('{"type":"message","conversation":{"id":"bomb"},"channelId":"emulator","deliveryMode":"expectReplies","text":"');
    for (let i = 0; i < megabytes; i += 1) yield chunk;
    yield Buffer.from('"}');
  })();
  const output: Buffer[] = [];
  const done = new Promise<void>((resolve, reject) => {
    compressor.on('data', (data: Buffer) => output.push(data));
    compressor.on('end', resolve);
    compressor.on('error', reject);
  });
  Readable.from(parts).pipe(compressor);
  await done;
  return Buffer.concat(output);
}

it.each([
  ['gzip', () => zlib.createGzip({ level: 9 }), 240],
  ['deflate', () => zlib.createDeflate({ level: 9 }), 240],
  ['br', () => zlib.createBrotliCompress(), 32],
] as const)(
  'refuses a %s bomb with 415 and a plain message, and keeps serving',
  async (encoding, compressor, megabytes) => {
    const body = await bomb(compressor(), megabytes);
    expect(body.length).toBeLessThan(256 * 1024);
    // The bot runs in this process: what it allocates for the request shows as growth from here.
    const rssBefore = process.memoryUsage().rss;
    const response = await fetch(`${bot.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': encoding },
      body: new Uint8Array(body),
    });
    expect(response.status).toBe(415);
    const answer = (await response.json()) as { message: string };
    expect(answer.message).toMatch(/uncompressed/);
    expect((await fetch(`${bot.url}/healthz`)).status).toBe(200);
    expect(messagesOf(await new HttpUser(bot.url).say('hello')).length).toBeGreaterThan(0);
    // Inflating the bomb would add hundreds of MB; refusing it adds next to nothing.
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(150 * 1024 * 1024);
  },
  60_000,
);
