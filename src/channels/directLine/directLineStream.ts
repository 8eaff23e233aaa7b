/**
 * The WebSocket half of Direct Line 3.0: the `streamUrl` handed out on start/reconnect. Upgrades arrive
 * as 'upgrade' events, which restify passes on from its HTTP server without routing them. It sends ActivitySets
 * (`{ activities, watermark }`): first what the client has not seen yet, then each new batch as the log
 * grows. What the client sends is ignored: directlinejs only sends "" as a keep-alive.
 */
import type { EventEmitter } from 'node:events';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ActivitySet, DirectLineConversation } from './directLineConversation';
import type { DirectLineService } from './directLineService';
import { DIRECT_LINE_PATH } from './directLineRoutes';

const STREAM_PATH = new RegExp(`^${DIRECT_LINE_PATH}/conversations/([^/]+)/stream$`);
/** Ping interval: a peer that has not answered the last ping by the next one is gone (closed laptop, lost network). */
const HEARTBEAT_MS = 30_000;

export interface DirectLineStreams {
  close(): void;
}

function refuseUpgrade(socket: Duplex, status: number, reason: string, message: string): void {
  // A client that hangs up mid-refusal must not raise an unhandled 'error' (that would end the process).
  socket.on('error', () => socket.destroy());
  const body = JSON.stringify({ error: { code: reason.replace(/\s/g, ''), message } });
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/**
 * Open sockets allowed per conversation (a conversation's tokens all name it): a few tabs of one chat
 * are normal, thousands from one token are an attack on the server's memory.
 */
export const DEFAULT_MAX_STREAMS_PER_CONVERSATION = 5;

/** @param upgrades the restify server: it re-emits its HTTP server's 'upgrade' events. */
export function attachDirectLineStreams(
  upgrades: EventEmitter,
  service: DirectLineService,
  maxStreamsPerConversation = DEFAULT_MAX_STREAMS_PER_CONVERSATION,
): DirectLineStreams {
  /** Open (or opening) sockets per conversation id. */
  const openStreams = new Map<string, number>();
  const release = (conversationId: string) => {
    const left = (openStreams.get(conversationId) ?? 1) - 1;
    if (left > 0) openStreams.set(conversationId, left);
    else openStreams.delete(conversationId);
  };
  const sockets = new WebSocketServer({ noServer: true, maxPayload: 4 * 1024 });
  const alive = new WeakMap<WebSocket, boolean>();

  const send = (socket: WebSocket, set: ActivitySet) => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(set));
  };

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const match = STREAM_PATH.exec(url.pathname);
    if (!match) {
      // Another part of the app may own this upgrade; with nobody else listening it would hang forever.
      if (upgrades.listenerCount('upgrade') === 1) refuseUpgrade(socket, 404, 'Not Found', 'no WebSocket here');
      return;
    }
    socket.on('error', () => socket.destroy());
    let conversationId: string;
    try {
      conversationId = decodeURIComponent(match[1]);
    } catch {
      refuseUpgrade(socket, 400, 'Bad Request', 'the conversation id in the path is not valid');
      return;
    }
    const check = service.tokens.check(url.searchParams.get('t') ?? undefined, 'stream', conversationId);
    if (!check.ok) {
      refuseUpgrade(socket, check.status, check.status === 401 ? 'Unauthorized' : 'Forbidden', check.message);
      return;
    }
    const open = openStreams.get(conversationId) ?? 0;
    if (open >= maxStreamsPerConversation) {
      refuseUpgrade(
        socket,
        429,
        'Too Many Requests',
        `at most ${maxStreamsPerConversation} open streams per conversation; close another tab of this chat`,
      );
      return;
    }
    // Counted from here, before the storage read, so a burst of upgrades cannot slip past the limit.
    openStreams.set(conversationId, open + 1);
    const rawWatermark = url.searchParams.get('watermark');
    const watermark = rawWatermark && /^\d{1,15}$/.test(rawWatermark) ? Number(rawWatermark) : undefined;
    service.find(conversationId).then(
      (conversation) => {
        if (!conversation) {
          release(conversationId);
          refuseUpgrade(socket, 404, 'Not Found', 'no such conversation: start a new one');
          return;
        }
        accept(req, socket, head, conversationId, conversation, watermark);
      },
      () => {
        release(conversationId);
        refuseUpgrade(socket, 503, 'Service Unavailable', 'the chat store cannot be reached right now; please try again shortly');
      },
    );
  };

  const accept = (
    req: IncomingMessage,
    socket: Duplex,
    head: Buffer,
    conversationId: string,
    conversation: DirectLineConversation,
    watermark: number | undefined,
  ) => {
    if (socket.destroyed) {
      release(conversationId);
      return;
    }
    sockets.handleUpgrade(req, socket, head, (ws) => {
      ws.once('close', () => release(conversationId));
      alive.set(ws, true);
      ws.on('pong', () => alive.set(ws, true));
      ws.on('error', () => ws.terminate());
      // Subscribing and reading the backlog happen in one synchronous step: no activity is missed or sent twice.
      const unsubscribe = conversation.subscribe({
        onActivities: (set) => send(ws, set),
        onClose: () => ws.close(1000, 'conversation ended'),
      });
      ws.on('close', unsubscribe);
      const backlog = conversation.activitiesAfter(watermark, Number.MAX_SAFE_INTEGER);
      if (backlog.activities.length > 0) send(ws, backlog);
    });
  };

  const heartbeat = setInterval(() => {
    for (const ws of sockets.clients) {
      if (!alive.get(ws)) {
        ws.terminate();
        continue;
      }
      alive.set(ws, false);
      ws.ping();
    }
  }, HEARTBEAT_MS);
  heartbeat.unref();

  upgrades.on('upgrade', onUpgrade);

  return {
    close: () => {
      clearInterval(heartbeat);
      upgrades.off('upgrade', onUpgrade);
      // Terminate rather than close politely: an open socket would keep server.close() waiting.
      for (const ws of sockets.clients) ws.terminate();
      sockets.close();
    },
  };
}
