/** The real server over real HTTP: what a channel (or the Emulator) sees. */
import { buttonsOf, HttpUser, messagesOf, startBot, summaryOf, textOf, type RunningBot } from '../helpers/runningBot';

let bot: RunningBot;
beforeAll(async () => {
  bot = await startBot();
});
afterAll(async () => {
  await bot.stop();
});

async function postRaw(body: string, contentType = 'application/json'): Promise<{ status: number; text: string }> {
  const response = await fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': contentType }, body });
  return { status: response.status, text: await response.text() };
}

describe('HTTP surface', () => {
  it('answers /healthz with a small JSON status', async () => {
    const response = await fetch(`${bot.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok', name: 'back-on-track' });
  });

  it('greets a new user with what it is, what it is not, the emergency number and suggestions', async () => {
    const replies = await new HttpUser(bot.url).join();
    const text = textOf(replies);
    expect(text).toMatch(/not a diagnosis/i);
    expect(text).toContain('999');
    expect(buttonsOf(replies).length).toBeGreaterThanOrEqual(2);
  });

  it('answers a runner question with a sourced answer and a TurnSummary trace, within the turn (expectReplies)', async () => {
    const user = new HttpUser(bot.url);
    await user.join();
    const replies = await user.say('is it worth getting a back brace for running?');
    expect(textOf(replies)).toMatch(/Sources?:/);
    const summary = summaryOf(replies);
    expect(summary).toMatchObject({ triage: null, redFlags: [] });
    expect(summary!.score).toBeGreaterThan(0);
    expect(summary!.score).toBeLessThanOrEqual(1);
    expect(summary!.intent).toMatch(/support|brace/);
  });

  it('tells the start-up log when the first turn has been answered, not before (a health check is no turn)', async () => {
    const fresh = await startBot();
    try {
      let answered = false;
      void fresh.app.firstReply.then(() => (answered = true));
      await fetch(`${fresh.url}/healthz`);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(answered).toBe(false);
      const replies = await new HttpUser(fresh.url).say('hello');
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(messagesOf(replies).length).toBeGreaterThan(0);
      expect(answered).toBe(true);
    } finally {
      await fresh.stop();
    }
  });

  it('refuses malformed JSON with a 400 and keeps serving', async () => {
    const bad = await postRaw('{"type": "message", "text": ');
    expect(bad.status).toBe(400);
    const after = await new HttpUser(bot.url).say('hello');
    expect(messagesOf(after).length).toBeGreaterThan(0);
  });

  it('refuses an activity without a conversation, or without a type, with a 400 naming the problem', async () => {
    const noConversation = await postRaw(
      JSON.stringify({ type: 'message', text: 'hi', serviceUrl: bot.url, channelId: 'emulator', from: { id: 'u' } }),
    );
    expect(noConversation.status).toBe(400);
    expect(noConversation.text).toMatch(/conversation/);
    const noType = await postRaw(JSON.stringify({ text: 'hi', conversation: { id: 'x' }, deliveryMode: 'expectReplies' }));
    expect(noType.status).toBe(400);
    const array = await postRaw('[1,2,3]');
    expect(array.status).toBe(400);
  });
});

describe('bad input gets a short helpful reply, never a crash or an echo of markup', () => {
  const cases: Array<[string, string, Record<string, unknown> | undefined, RegExp]> = [
    ['empty text', '', undefined, /empty|didn.t get|type/i],
    ['whitespace', '   \n\t ', undefined, /empty|didn.t get|type/i],
    [
      'an attachment with no text',
      '',
      { attachments: [{ contentType: 'image/png', contentUrl: 'http://127.0.0.1/x.png' }] },
      /can.t (open|read|see)|type/i,
    ],
    ['emoji only', '😩😩', undefined, /./],
    ['script tags', '<script>alert("x")</script>', undefined, /./],
  ];
  it.each(cases)('%s', async (_name, text, extra, expected) => {
    const replies = await new HttpUser(bot.url).say(text, extra);
    const all = textOf(replies);
    expect(all).toMatch(expected);
    expect(all).not.toMatch(/<script|alert\(/i);
    expect(all).not.toMatch(/Error|stack|at \w+ \(/);
  });

  it('a very long message gets a reply (and is still screened)', async () => {
    const replies = await new HttpUser(bot.url).say('my back hurts when I run. '.repeat(400));
    expect(messagesOf(replies).length).toBeGreaterThan(0);
    expect(summaryOf(replies)?.intent).toBe('too_long');
  });

  it('another language gets a reply saying the bot understands English', async () => {
    const replies = await new HttpUser(bot.url).say('Me duele mucho la espalda cuando corro por la mañana');
    expect(summaryOf(replies)?.intent).toBe('other_language');
    expect(textOf(replies)).toMatch(/English/);
  });

  it('HTML around a real question is stripped and the question answered', async () => {
    const replies = await new HttpUser(bot.url).say('<b>how often should I replace my running shoes?</b>');
    expect(textOf(replies)).not.toContain('<b>');
    expect(textOf(replies)).toMatch(/300/);
  });
});
