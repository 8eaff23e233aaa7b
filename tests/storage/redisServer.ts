/**
 * A real Redis for the tests: the one named by REDIS_URL when set, otherwise a private redis-server on a
 * free 127.0.0.1 port with persistence off. A missing redis-server fails the suite with instructions; it
 * never skips, so a machine without Redis cannot pass the Redis tests by not running them.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as net from 'node:net';

export interface TestRedis {
  url: string;
  /** The server's process id, to pause it (SIGSTOP); absent for a REDIS_URL given from outside. */
  pid?: number;
  stop(): Promise<void>;
}

const MISSING =
  'redis-server is not installed, so the Redis storage tests cannot run. Install it ' +
  '(Debian/Ubuntu: apt-get install -y redis-server) or point REDIS_URL at a Redis you can use for tests.';

export async function startTestRedis(): Promise<TestRedis> {
  if (process.env.REDIS_URL) return { url: process.env.REDIS_URL, stop: async () => undefined };
  if (spawnSync('redis-server', ['--version']).error) throw new Error(MISSING);
  // Another process may take the free port between our check and redis-server binding it: try again.
  let lastError: Error | undefined;
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const port = await freePort();
    try {
      const child = await spawnRedis(port);
      return { url: `redis://127.0.0.1:${port}`, pid: child.pid, stop: () => stopChild(child) };
    } catch (error) {
      lastError = error as Error;
    }
  }
  throw lastError;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

function spawnRedis(port: number): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`redis-server did not start within 5 s:\n${output}`));
    }, 5_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve(child);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited with code ${code} before it was ready:\n${output}`));
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
