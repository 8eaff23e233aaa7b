/** A bot under benchmark as its own process: start-up time to "listening", peak memory from /proc, clean stop. */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';

export interface ServerProcess {
  url: string;
  /** Milliseconds from spawning node until the server printed that it listens. */
  startupMs: number;
  /** Lines the server printed (turn errors would show here). */
  output(): string;
  /** The process's peak resident memory so far, in MB (null where /proc is missing). */
  peakRssMb(): number | null;
  stop(): Promise<void>;
}

export function startServerProcess(entry: string, nodeFlags: string[], env: Record<string, string>, cwd: string): Promise<ServerProcess> {
  const started = performance.now();
  const child: ChildProcess = spawn(process.execPath, [...nodeFlags, entry], {
    cwd,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DOTENV_CONFIG_QUIET: 'true',
      // All load comes from one address at machine speed: the rate limits would measure themselves (429s).
      // 0 turns them off; the limiter middleware still runs, as in production.
      RATE_LIMIT_PER_CLIENT: '0',
      RATE_LIMIT_PER_CONVERSATION: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${entry} did not start within 30 s:\n${output}`));
    }, 30_000);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${entry} exited (${signal ?? code}) before listening:\n${output}`));
    });
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const listening = /listening on (http:\/\/\S+)\/api\/messages/.exec(output);
      if (!listening || !timer.hasRef()) return;
      clearTimeout(timer);
      timer.unref();
      resolve({
        url: listening[1],
        startupMs: performance.now() - started,
        output: () => output,
        peakRssMb: () => procStatusMb(child.pid!, 'VmHWM'),
        stop: () => stopChild(child),
      });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
  });
}

function procStatusMb(pid: number, field: string): number | null {
  try {
    const line = fs.readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith(`${field}:`));
    return line ? Number(line.split(/\s+/)[1]) / 1024 : null;
  } catch {
    return null;
  }
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  child.removeAllListeners('exit');
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
