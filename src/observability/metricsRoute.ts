/**
 * /metrics in the Prometheus text format. Its counters are health information in aggregate (a
 * suicidal-thoughts red flag moving from 0 to 1), so it is never open: either the scraper sends
 * `Authorization: Bearer $METRICS_KEY` on the main port, or it reads a separate port bound to
 * 127.0.0.1 (METRICS_PORT) that only this machine reaches. With neither, /metrics is off.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type restify from 'restify';
import type { Registry } from 'prom-client';

const digest = (value: string) => createHash('sha256').update(value).digest();

/** GET /metrics on the main server, for callers with the key; nothing is registered without one. */
export function registerMetricsRoute(registry: Registry, key: string | undefined): (server: restify.Server) => void {
  return (server) => {
    if (!key) return;
    const expected = digest(`Bearer ${key}`);
    server.get('/metrics', async (req, res) => {
      // Hashes have equal lengths, so the comparison takes the same time whatever was sent.
      if (!timingSafeEqual(digest(req.header('authorization') ?? ''), expected)) {
        res.json(401, { error: 'Unauthorized', message: 'Metrics need Authorization: Bearer <METRICS_KEY>.' });
        return;
      }
      const body = await registry.metrics();
      res.writeHead(200, { 'content-type': registry.contentType });
      res.end(body);
    });
  };
}

export interface MetricsListener {
  url: string;
  close(): Promise<void>;
}

/** A second, local-only server with nothing but /metrics. */
export function listenForMetrics(registry: Registry, port: number): Promise<MetricsListener> {
  // Status and body in separate calls: restify patches Node's response, and its writeHead returns nothing.
  const answer = (res: http.ServerResponse, status: number, body = '') => {
    res.writeHead(status, { 'content-type': registry.contentType });
    res.end(body);
  };
  const server = http.createServer((req, res) => {
    if (req.method !== 'GET' || req.url?.split('?')[0] !== '/metrics') return answer(res, 404);
    registry.metrics().then(
      (body) => answer(res, 200, body),
      () => answer(res, 500),
    );
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const { port: bound } = server.address() as AddressInfo;
      resolve({ url: `http://127.0.0.1:${bound}`, close: () => new Promise((done) => server.close(() => done())) });
    });
  });
}
