/**
 * The calls an escalation offers, by REGION, over real HTTP (emulator channel, Web Chat's renderer):
 * the emergency number, the urgent route's number (NHS 111 in the UK) with the emergency number for
 * "if it gets worse", and the crisis line before the emergency number. Each is a tel: button in the
 * alert card, the first one styled to stand out.
 */
import { HttpUser, messagesOf, startBot, type RunningBot } from '../helpers/runningBot';

interface Action {
  type: string;
  url?: string;
  style?: string;
}
interface Element {
  type: string;
  style?: string;
  items?: Element[];
  actions?: Action[];
}

const callsOf = (replies: Awaited<ReturnType<HttpUser['say']>>): Action[] => {
  const walk = (elements: Element[]): Action[] => elements.flatMap((e) => [...(e.actions ?? []), ...walk(e.items ?? [])]);
  return messagesOf(replies)
    .flatMap((r) => (r.attachments ?? []) as Array<{ content: { body: Element[] } }>)
    .flatMap((a) => walk(a.content.body))
    .filter((a) => a.type === 'Action.OpenUrl' && a.url?.startsWith('tel:'));
};

const say = async (bot: RunningBot, text: string) => {
  const user = new HttpUser(bot.url);
  await user.join();
  return callsOf(await user.say(text));
};

describe('escalation calls by region', () => {
  let uk: RunningBot;
  let us: RunningBot;
  beforeAll(async () => {
    [uk, us] = await Promise.all([startBot({ REGION: 'UK' }), startBot({ REGION: 'US' })]);
  });
  afterAll(async () => {
    await Promise.all([uk?.stop(), us?.stop()]);
  });

  it('emergency: the emergency number, in red', async () => {
    expect(await say(uk, "I can't pee and my legs are numb")).toEqual([
      { type: 'Action.OpenUrl', title: 'Call 999', url: 'tel:999', style: 'destructive' },
    ]);
    expect((await say(us, "I can't pee and my legs are numb")).map((a) => a.url)).toEqual(['tel:911']);
  });

  it('urgent: NHS 111 first in the UK, then the emergency number; in the US (no urgent number) the emergency number', async () => {
    const ukCalls = await say(uk, 'I have a fever and back pain');
    expect(ukCalls.map((a) => [a.url, a.style])).toEqual([
      ['tel:111', 'positive'],
      ['tel:999', undefined],
    ]);
    expect((await say(us, 'I have a fever and back pain')).map((a) => a.url)).toEqual(['tel:911']);
  });

  it('crisis: the crisis line first (Samaritans 116 123, 988), then the emergency number', async () => {
    expect((await say(uk, 'I want to kill myself')).map((a) => a.url)).toEqual(['tel:116123', 'tel:999']);
    expect((await say(us, 'I want to kill myself')).map((a) => a.url)).toEqual(['tel:988', 'tel:911']);
  });
});
