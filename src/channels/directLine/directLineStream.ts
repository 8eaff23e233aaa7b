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
import type { ActivitySet } from './directLineConversation';
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
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}

/** @param upgrades the restify server: it re-emits its HTTP server's 'upgrade' events. */
export function attachDirectLineStreams(upgrades: EventEmitter, service: DirectLineService): DirectLineStreams {
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
    const conversation = service.find(conversationId);
    if (!conversation) {
      refuseUpgrade(socket, 404, 'Not Found', 'no such conversation: start a new one');
      return;
    }
    const rawWatermark = url.searchParams.get('watermark');
    const watermark = rawWatermark && /^\d{1,15}$/.test(rawWatermark) ? Number(rawWatermark) : undefined;

    sockets.handleUpgrade(req, socket, head, (ws) => {
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
