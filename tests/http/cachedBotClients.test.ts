/**
 * The adapter reuses its Bot Framework clients: a conversation's turns share one ConnectorClient and one
 * UserTokenClient instead of building new ones every turn, and a different service URL gets its own client
 * (replies must go to the channel the activity came from).
 */
import type { Activity, TurnContext } from 'botbuilder';
import { createAdapter } from '../../src/adapter';
import { parseConfig } from '../../src/config';

function activity(serviceUrl: string, text: string): Activity {
  return {
    type: 'message',
    text,
    channelId: 'emulator',
    serviceUrl,
    deliveryMode: 'expectReplies',
    from: { id: 'runner', name: 'Runner' },
    recipient: { id: 'bot', name: 'Bot' },
    conversation: { id: 'conversation-1' },
  } as Activity;
}

it('reuses one connector and one token client across turns, and gives another service URL its own client', async () => {
  const adapter = createAdapter(parseConfig({}), 'Sorry.', () => undefined);
  const seen: Array<{ connector: unknown; tokens: unknown }> = [];
  const turn = async (serviceUrl: string) => {
    const response = await adapter.handleActivity('', activity(serviceUrl, 'hello'), async (context: TurnContext) => {
      seen.push({
        connector: context.turnState.get(adapter.ConnectorClientKey),
        tokens: context.turnState.get(adapter.UserTokenClientKey),
      });
      await context.sendActivity('hi');
    });
    expect(response?.status).toBe(200);
  };

  await turn('http://127.0.0.1:9/channel-a');
  await turn('http://127.0.0.1:9/channel-a');
  await turn('http://127.0.0.1:9/channel-b');

  const [first, second, other] = seen;
  expect(first.connector).toBeDefined();
  expect(second.connector).toBe(first.connector);
  expect(second.tokens).toBe(first.tokens);
  expect(other.connector).not.toBe(first.connector);
  expect((other.connector as { baseUri?: string }).baseUri).toBe('http://127.0.0.1:9/channel-b');
});
