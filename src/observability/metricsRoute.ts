import type restify from 'restify';
import type { Registry } from 'prom-client';

/** GET /metrics in the Prometheus text format. It holds no personal data, so it needs no key. */
export function registerMetricsRoute(registry: Registry): (server: restify.Server) => void {
  return (server) => {
    server.get('/metrics', async (_req, res) => {
      const body = await registry.metrics();
      res.writeHead(200, { 'content-type': registry.contentType });
      res.end(body);
    });
  };
}
