/**
 * Drives a server with the bench conversations through autocannon: a fixed number of connections, each
 * playing whole conversations back to back, for a fixed time. Every response must carry at least one
 * message activity, or it is counted as a bad reply (and the run reported as failed).
 */
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import { benchActivity, type Speaker } from './activity';
import type { BenchTurn } from './conversations';

export interface LoadOptions {
  connections: number;
  durationSeconds: number;
}

export interface LoadResult {
  turns: number;
  turnsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Connection errors and timeouts, non-2xx answers, and 2xx answers without a message. */
  failures: { errors: number; non2xx: number; badReplies: number };
}

export async function runLoad(url: string, conversations: BenchTurn[][], options: LoadOptions): Promise<LoadResult> {
  const steps = conversations.flatMap((conversation) => conversation.map((turn, index) => ({ turn, startsConversation: index === 0 })));
  const result = await autocannon({
    url: `${url}/api/messages`,
    connections: options.connections,
    duration: options.durationSeconds,
    requests: steps.map(({ turn, startsConversation }) => ({
      method: 'POST' as const,
      path: '/api/messages',
      headers: { 'content-type': 'application/json' },
      // autocannon keeps one context per connection: it carries the conversation that connection is in.
      setupRequest: (request, context) => {
        const speaker = context as Partial<Speaker>;
        if (startsConversation || !speaker.conversationId) {
          speaker.conversationId = `bench-${randomUUID()}`;
          speaker.userId = `runner-${randomUUID().slice(0, 8)}`;
        }
        return { ...request, body: JSON.stringify(benchActivity(turn, speaker as Speaker, url)) };
      },
    })),
    verifyBody: (body) => String(body).includes('"type":"message"'),
  });
  return {
    turns: result.requests.total,
    turnsPerSecond: result.requests.total / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    failures: { errors: result.errors, non2xx: result.non2xx, badReplies: result.mismatches },
  };
}

/** Plays each conversation once, in order, and checks every reply that names what it must contain. */
export async function checkConversations(url: string, conversations: BenchTurn[][]): Promise<void> {
  for (const conversation of conversations) {
    const speaker = { conversationId: `bench-check-${randomUUID()}`, userId: `runner-${randomUUID().slice(0, 8)}` };
    for (const turn of conversation) {
      const response = await fetch(`${url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(benchActivity(turn, speaker, url)),
      });
      const body = (await response.json()) as { activities?: Array<{ type: string; text?: string }> };
      const text = (body.activities ?? []).filter((a) => a.type === 'message').map((a) => a.text ?? '').join('\n');
      if (!response.ok || (turn.expect && !turn.expect.test(text))) {
        throw new Error(`the bot answered "${turn.text ?? turn.kind}" with HTTP ${response.status}: ${text.slice(0, 200)} (expected ${turn.expect})`);
      }
    }
  }
}
