/** A local HTTP server playing the clinic's booking webhook: it can accept, fail with 500, or hang. */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export type ClinicMode = 'accept' | 'fail' | 'hang';

export interface FakeClinic {
  url: string;
  mode: ClinicMode;
  /** Every POST that reached the clinic, in order, with the mode it met. */
  requests: Array<{ mode: ClinicMode; headers: http.IncomingHttpHeaders; body: Record<string, unknown> }>;
  /** Bodies of the requests the clinic accepted (answered 2xx). */
  accepted(): Array<Record<string, unknown>>;
  close(): Promise<void>;
}

export async function startFakeClinic(mode: ClinicMode = 'accept'): Promise<FakeClinic> {
  const hanging = new Set<http.ServerResponse>();
  const clinic: FakeClinic = {
    url: '',
    mode,
    requests: [],
    accepted: () => clinic.requests.filter((r) => r.mode === 'accept').map((r) => r.body),
    close: () =>
      new Promise((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => {
      const current = clinic.mode;
      clinic.requests.push({ mode: current, headers: req.headers, body: JSON.parse(raw || '{}') });
      if (current === 'hang') {
        hanging.add(res);
        return;
      }
      res.writeHead(current === 'accept' ? 201 : 500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: current === 'accept' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  clinic.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/bookings`;
  return clinic;
}

/** Polls until `check` is true or the time is up. */
export async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 10_000, everyMs = 50): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
