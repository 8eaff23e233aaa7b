/**
 * The real botframework-directlinejs client (what Web Chat uses inside), run in Node. It expects a
 * browser: its REST calls go through rxjs's ajax, which needs XMLHttpRequest (xhr2 provides one), and
 * its stream needs a global WebSocket (ws provides one; Node 20 has none). With `webSocket: false` it
 * polls GET /activities instead.
 */
import { DirectLine, type Activity, type Message } from 'botframework-directlinejs';
import WebSocket from 'ws';

// xhr2 ships no types; it is the XMLHttpRequest constructor.
const NodeXMLHttpRequest = require('xhr2') as unknown;

export function installBrowserTransports(): void {
  const browserLike = globalThis as Record<string, unknown>;
  browserLike.XMLHttpRequest ??= NodeXMLHttpRequest;
  browserLike.WebSocket ??= WebSocket;
}

export interface PageToken {
  token: string;
  conversationId: string;
  expiresIn: number;
  domain: string;
}

/** What the chat page does first: POST /api/webchat/token. */
export async function fetchPageToken(botUrl: string): Promise<PageToken> {
  const response = await fetch(`${botUrl}/api/webchat/token`, { method: 'POST' });
  if (!response.ok) throw new Error(`token endpoint answered ${response.status}`);
  return (await response.json()) as PageToken;
}

export class DirectLineTestClient {
  readonly received: Activity[] = [];
  readonly directLine: DirectLine;
  private readonly subscription: ReturnType<DirectLine['activity$']['subscribe']>;

  constructor(options: { token: string; domain: string; webSocket: boolean; conversationId?: string; pollingInterval?: number }) {
    installBrowserTransports();
    this.directLine = new DirectLine(options);
    this.subscription = this.directLine.activity$.subscribe((activity) => this.received.push(activity));
  }

  /** Bot messages received so far. */
  get botMessages(): Message[] {
    return this.received.filter((a): a is Message => a.type === 'message' && a.from.role === 'bot');
  }

  /** Resolves with the first received activity matching, waiting up to `timeoutMs`. */
  async waitFor(predicate: (activity: Activity) => boolean, description: string, timeoutMs = 8000): Promise<Activity> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.received.find(predicate);
      if (found) return found;
      if (Date.now() > deadline) {
        const seen = this.received.map((a) => `${a.type}:${(a as Message).text?.slice(0, 40) ?? ''}`).join(' | ');
        throw new Error(`no activity ${description} within ${timeoutMs} ms; received: ${seen}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  /** Posts a message the way Web Chat does; resolves with the id the service gave it. */
  send(text: string): Promise<string> {
    return new Promise((resolve, reject) => {
      this.directLine.postActivity({ type: 'message', from: { id: 'page-chosen-id', name: 'Runner' }, text }).subscribe(resolve, reject);
    });
  }

  close(): void {
    this.subscription.unsubscribe();
    this.directLine.end();
  }
}

export const textOf = (activity: Activity): string => (activity as Message).text ?? '';
/** The id of the activity this one answers (directlinejs's types leave replyToId out). */
export const replyToOf = (activity: Activity): string | undefined => (activity as { replyToId?: string }).replyToId;
