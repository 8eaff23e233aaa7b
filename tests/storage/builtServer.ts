/**
 * The built bot (`node dist/src/index.js`) as a child process, the way `npm start` runs it, so a test can
 * SIGKILL it like a crash would. dist/ is rebuilt first when any source is newer than it.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..', '..');
const entry = path.join(root, 'dist', 'src', 'index.js');

export interface BuiltServer {
  url: string;
  child: ChildProcess;
  output(): string;
  /** Resolves with the exit code and signal once the process has ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function ensureBuilt(): void {
  const builtAt = fs.existsSync(entry) ? fs.statSync(entry).mtimeMs : 0;
  const newestSource = Math.max(...['src', 'dialogs'].flatMap((dir) => sourceTimes(path.join(root, dir))));
  if (builtAt > newestSource) return;
  const tsc = spawnSync(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], {
    cwd: root,
    encoding: 'utf8',
  });
  // Type errors still emit JavaScript (npm test reports them in its own tsc step); a missing entry point does not.
  if (!fs.existsSync(entry) || fs.statSync(entry).mtimeMs <= builtAt) {
    throw new Error(`building dist/ failed:\n${tsc.stdout}${tsc.stderr}`);
  }
}

function sourceTimes(dir: string): number[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts'))
    .map((name) => fs.statSync(path.join(dir, name)).mtimeMs);
}

/** Starts the built bot on a free 127.0.0.1 port and resolves once it is listening. */
export function startBuiltServer(env: Record<string, string>, workDir: string): Promise<BuiltServer> {
  const child = spawn(process.execPath, [entry], {
    // workDir has no .env, so a developer's settings cannot leak into the test.
    cwd: workDir,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DOTENV_CONFIG_QUIET: 'true', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the built bot did not start within 20 s:\n${output}`));
    }, 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const listening = /listening on (http:\/\/\S+)\/api\/messages/.exec(output);
      if (listening) {
        clearTimeout(timer);
        resolve({ url: listening[1], child, output: () => output, exited });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`the built bot exited (${signal ?? code}) before listening:\n${output}`));
    });
  });
}
