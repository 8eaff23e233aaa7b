/** The built bot (`node dist/src/index.js`) as a separate process, so a test can SIGKILL it like a crash. */
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { projectRoot } from '../../src/projectRoot';
import { ensureBuilt } from './ensureBuilt';

export interface SpawnedBot {
  url: string;
  process: ChildProcess;
  output: string[];
  kill(signal?: NodeJS.Signals): Promise<void>;
}

const ENTRY = path.join(projectRoot(), 'dist', 'src', 'index.js');

export interface SpawnOptions {
  /**
   * The kernel's limit on the size of any file the bot writes (RLIMIT_FSIZE, in KiB): a write that would
   * pass it stops short and fails (EFBIG), as on a full disk. Lift it with `prlimit --pid`.
   */
  fileSizeLimitKb?: number;
}

export async function spawnBot(env: Record<string, string>, options: SpawnOptions = {}): Promise<SpawnedBot> {
  ensureBuilt();
  const [command, args] =
    options.fileSizeLimitKb === undefined
      ? [process.execPath, [ENTRY]]
      : ['bash', ['-c', `ulimit -S -f ${options.fileSizeLimitKb} && exec "$0" "$1"`, process.execPath, ENTRY]];
  const child = spawn(command, args, {
    env: { PATH: process.env.PATH, DOTENV_CONFIG_QUIET: 'true', PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`bot did not start:\n${output.join('')}`)), 15_000);
    const onData = (chunk: Buffer) => {
      output.push(chunk.toString());
      const match = output.join('').match(/listening on (http:\/\/[\d.:]+)/);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.once('exit', (code) => reject(new Error(`bot exited (${code}):\n${output.join('')}`)));
  });
  return {
    url,
    process: child,
    output,
    kill: (signal = 'SIGKILL') =>
      new Promise((resolve) => {
        // A process ended by a signal has no exit code, only a signalCode: both mean "already gone".
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill(signal);
      }),
  };
}
