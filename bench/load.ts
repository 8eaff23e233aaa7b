/**
 * Drives a server with the bench conversations through autocannon: a fixed number of connections, each
 * playing whole conversations back to back, for a fixed time. Every response must carry at least one
 * message activity, or it is counted as a bad reply (and the run reported as failed).
 */
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import { benchActivity, seededSpeaker, type Speaker } from './activity';
import type { BenchTurn } from './conversations';

export interface LoadOptions {
  connections: number;
  durationSeconds: number;
  /** How many conversations are stored (bench/seedState.ts): returning users are picked among them. */
  stored: number;
}

export interface LoadResult {
  /** Answered turns (2xx), the ones the CPU per turn is divided by. */
  turns: number;
  turnsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Connection errors and timeouts, non-2xx answers, and 2xx answers without a message. */
  failures: { errors: number; non2xx: number; badReplies: number };
}

function speakerFor(turn: BenchTurn, startsConversation: boolean, context: Partial<Speaker>, stored: number): Speaker {
  if (turn.kind === 'returning') return seededSpeaker(Math.floor(Math.random() * stored));
  if (startsConversation || !context.conversationId) {
    context.conversationId = `bench-${randomUUID()}`;
    context.userId = `runner-${randomUUID().slice(0, 8)}`;
  }
  return context as Speaker;
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
        const speaker = speakerFor(turn, startsConversation, context as Partial<Speaker>, options.stored);
        return { ...request, body: JSON.stringify(benchActivity(turn, speaker, url)) };
      },
    })),
    verifyBody: (body) => String(body).includes('"type":"message"'),
  });
  return {
    turns: result['2xx'],
    turnsPerSecond: result['2xx'] / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    failures: { errors: result.errors, non2xx: result.non2xx, badReplies: result.mismatches },
  };
}

/** Sends one turn and returns the text of its replies (throws on a non-2xx answer). */
export async function sendTurn(url: string, turn: BenchTurn, speaker: Speaker): Promise<string> {
  const response = await fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(benchActivity(turn, speaker, url)),
  });
  const body = (await response.json().catch(() => ({}))) as { activities?: Array<{ type: string; text?: string }> };
  const text = (body.activities ?? [])
    .filter((a) => a.type === 'message')
    .map((a) => a.text ?? '')
    .join('\n');
  if (!response.ok) throw new Error(`the server answered "${turn.text ?? turn.kind}" with HTTP ${response.status}: ${text.slice(0, 200)}`);
  return text;
}

/** Plays each conversation once, in order, and checks every reply that names what it must contain. */
export async function checkConversations(url: string, conversations: BenchTurn[][], stored: number): Promise<void> {
  for (const conversation of conversations) {
    const context: Partial<Speaker> = {};
    for (const [index, turn] of conversation.entries()) {
      const speaker = speakerFor(turn, index === 0, context, stored);
      const text = await sendTurn(url, turn, speaker);
      if (turn.expect && !turn.expect.test(text))
        throw new Error(`the bot answered "${turn.text ?? turn.kind}" with: ${text.slice(0, 200)} (expected ${turn.expect})`);
      if (turn.kind !== 'join' && text === '') throw new Error(`the bot gave no reply to "${turn.text}"`);
    }
  }
}
