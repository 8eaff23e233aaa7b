/**
 * The production path as a clinic's IT team runs it: the Dockerfile's steps (read from the Dockerfile,
 * run without Docker) build the bot in a clean folder, install only the production dependencies from the
 * lock into another, and start it there; it must answer over HTTP, serve the chat page, pass its own
 * health check and stop cleanly on SIGTERM.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomUUID } from 'node:crypto';
import { postActivity } from '../../src/cli/directPost';
import { projectRoot } from '../../src/projectRoot';
import { envOf, execForm, parseDockerfile, runStage, stage } from '../helpers/dockerfileSteps';
import { makeTempDir } from '../helpers/tempDir';

const root = projectRoot();
const stages = parseDockerfile(fs.readFileSync(path.join(root, 'Dockerfile'), 'utf8'));
const runtime = stage(stages, 'runtime');
const lastOf = (keyword: string) => runtime.instructions.filter((i) => i.keyword === keyword).at(-1)!;
const startCommand = execForm(lastOf('CMD'));

// npm test's own npm_* variables (lifecycle, package paths) must not leak into the nested npm; its cache may.
const npmEnv = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('npm_') || key === 'npm_config_cache'));

let temp: ReturnType<typeof makeTempDir>;
let appDir: string;
let bot: ChildProcess;
let url: string;
let port: string;
const output: string[] = [];

beforeAll(async () => {
  temp = makeTempDir('production-');
  const dirs = { build: path.join(temp.dir, 'build'), runtime: path.join(temp.dir, 'app') };
  Object.values(dirs).forEach((dir) => fs.mkdirSync(dir));
  appDir = dirs.runtime;
  const running: Record<string, Promise<void>> = {};
  running.build = runStage(stage(stages, 'build'), { context: root, dirs, env: npmEnv });
  running.runtime = runStage(runtime, { context: root, dirs, env: npmEnv, running });
  await Promise.all(Object.values(running));

  // Only the port and interface differ from the image: tests stay on 127.0.0.1 and take a free port.
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, ...envOf(runtime), HOST: '127.0.0.1', PORT: '0' };
  bot = spawn(startCommand[0] === 'node' ? process.execPath : startCommand[0], startCommand.slice(1), {
    cwd: appDir,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the production bot did not start:\n${output.join('')}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output.push(chunk.toString());
      const match = /listening on (http:\/\/[\d.:]+)/.exec(output.join(''));
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    bot.stdout!.on('data', onData);
    bot.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    bot.once('exit', (code) => reject(new Error(`the production bot exited (${code}):\n${output.join('')}`)));
  });
  port = new URL(url).port;
}, 180_000);

afterAll(() => {
  if (bot && bot.exitCode === null && bot.signalCode === null) bot.kill('SIGKILL');
  temp?.cleanup();
});

describe('production install (the Dockerfile steps without Docker)', () => {
  it('holds the bot without TypeScript, the Web Chat package or the compiled tests', () => {
    expect(fs.existsSync(path.join(appDir, 'dist', 'src', 'index.js'))).toBe(true);
    expect(fs.existsSync(path.join(appDir, 'dist', 'tests'))).toBe(false);
    expect(fs.existsSync(path.join(appDir, 'node_modules', 'typescript'))).toBe(false);
    expect(fs.existsSync(path.join(appDir, 'node_modules', 'botframework-webchat'))).toBe(false);
  });

  it('answers a message over HTTP', async () => {
    const user = { id: `user-${randomUUID().slice(0, 8)}`, name: 'Runner' };
    const replies = await postActivity(url, {
      type: 'message',
      conversationId: `prod-${randomUUID()}`,
      user,
      text: 'is it worth getting a back brace for running?',
    });
    const text = replies
      .filter((r) => r.type === 'message')
      .map((r) => r.text ?? '')
      .join('\n');
    expect(text).toMatch(/Sources?:/);
  });

  it('serves the chat page and the Web Chat bundle the build copied into place', async () => {
    const page = await fetch(`${url}/`);
    expect(page.status).toBe(200);
    // The page names the bundle by its content hash: /webchat/v/<hash>/webchat.js.
    const bundlePath = /\/webchat\/v\/[^"']+\/webchat[^"']*\.js/.exec(await page.text())?.[0];
    expect(bundlePath).toBeDefined();
    const bundle = await fetch(`${url}${bundlePath}`);
    expect(bundle.status).toBe(200);
    expect((await bundle.arrayBuffer()).byteLength).toBeGreaterThan(1_000_000);
  });

  it("passes the image's HEALTHCHECK", () => {
    const [command, ...args] = execForm(lastOf('HEALTHCHECK'));
    expect(() =>
      execFileSync(command === 'node' ? process.execPath : command, args, { env: { PATH: process.env.PATH, PORT: port }, timeout: 5_000 }),
    ).not.toThrow();
  });

  it('is what `npm run serve` runs', () => {
    const packageJson = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(packageJson.scripts.serve).toBe(startCommand.join(' '));
  });

  it('stops on SIGTERM with status 0, as `docker stop` asks', async () => {
    const exited = new Promise<number | null>((resolve) => bot.once('exit', (code) => resolve(code)));
    bot.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
