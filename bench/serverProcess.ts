/**
 * A server under benchmark as its own process: start-up to the first reply, CPU time and memory read
 * from the OS (/proc/<pid>/stat and /proc/<pid>/status), clean stop.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import { sendTurn } from './load';

export interface ServerProcess {
  url: string;
  pid: number;
  /** Milliseconds from spawning node until the answer to the first message arrived. */
  startupToFirstReplyMs: number;
  /** CPU time (user + system) the process used until then: less disturbed by a busy machine than the wall time. */
  startupCpuMs: number;
  /** Lines the server printed (turn errors would show here). */
  output(): string;
  /** CPU time (user + system) the process has used so far, in milliseconds, from /proc/<pid>/stat. */
  cpuMs(): number;
  /** Resident memory now, and the peak since start (VmHWM), in MB. */
  rssMb(): number;
  peakRssMb(): number;
  stop(): Promise<void>;
}

/** Generous: on a shared machine under load a bot has been seen to take 10-30 s to listen. */
const START_TIMEOUT_MS = 90_000;

const CLOCK_TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

export async function startServerProcess(
  entry: string,
  nodeFlags: string[],
  env: Record<string, string>,
  cwd: string,
): Promise<ServerProcess> {
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
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${entry} did not start within ${START_TIMEOUT_MS / 1000} s:\n${output}`));
    }, START_TIMEOUT_MS);
    const onExit = (code: number | null, signal: string | null) => {
      clearTimeout(timer);
      reject(new Error(`${entry} exited (${signal ?? code}) before listening:\n${output}`));
    };
    child.once('exit', onExit);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const listening = /listening on (http:\/\/\S+)\/api\/messages/.exec(output);
      if (!listening) return;
      clearTimeout(timer);
      child.off('exit', onExit);
      resolve(listening[1]);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
  });
  await sendTurn(
    url,
    { kind: 'message', text: 'hi' },
    { conversationId: `first-${randomUUID()}`, userId: `first-${randomUUID().slice(0, 8)}` },
  );
  const startupToFirstReplyMs = performance.now() - started;
  const pid = child.pid!;
  return {
    url,
    pid,
    startupToFirstReplyMs,
    startupCpuMs: cpuMsOf(pid),
    output: () => output,
    cpuMs: () => cpuMsOf(pid),
    rssMb: () => procStatusMb(pid, 'VmRSS'),
    peakRssMb: () => procStatusMb(pid, 'VmHWM'),
    stop: () => stopChild(child),
  };
}

/**
 * CPU time the whole machine has spent busy so far (every core, every process), in milliseconds, from
 * /proc/stat: what other processes took while a server was measured is this minus the server's and the
 * bench's own.
 */
export function machineBusyMs(): number {
  const fields = fs.readFileSync('/proc/stat', 'utf8').split('\n', 1)[0].trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal: idle and iowait are not busy; guest time is inside user.
  const [user, nice, system, , , irq, softirq, steal] = fields;
  return ((user + nice + system + irq + softirq + (steal ?? 0)) * 1000) / CLOCK_TICKS_PER_SECOND;
}

function cpuMsOf(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may contain spaces, so split after its closing parenthesis):
  // utime and stime are fields 14 and 15 of the whole line, 12 and 13 here.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
}

function procStatusMb(pid: number, field: string): number {
  const line = fs
    .readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${field}:`));
  if (!line) throw new Error(`/proc/${pid}/status has no ${field}`);
  return Number(line.split(/\s+/)[1]) / 1024;
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
