/**
 * Runs the Dockerfile's steps without Docker (none runs here), each stage in its own folder standing in
 * for /app, so the production test exercises the image's exact file list, install command, environment,
 * start command and health check. A step this file does not know fails the test rather than being skipped.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface Instruction {
  keyword: string;
  args: string;
}

export interface Stage {
  name: string;
  instructions: Instruction[];
}

export function parseDockerfile(text: string): Stage[] {
  const stages: Stage[] = [];
  const lines = text.replace(/\\\n/g, ' ').split('\n');
  for (const line of lines.map((l) => l.trim())) {
    if (!line || line.startsWith('#')) continue;
    const [, keyword, args] = /^(\S+)\s+(.*)$/.exec(line) ?? [];
    if (!keyword) throw new Error(`unreadable Dockerfile line: ${line}`);
    if (keyword === 'FROM') {
      const name = / AS (\S+)$/i.exec(args)?.[1];
      if (!name) throw new Error(`every stage needs a name (FROM ... AS name): ${line}`);
      stages.push({ name, instructions: [] });
    } else if (stages.length > 0) {
      stages[stages.length - 1].instructions.push({ keyword, args });
    }
  }
  return stages;
}

export const stage = (stages: Stage[], name: string): Stage => {
  const found = stages.find((s) => s.name === name);
  if (!found) throw new Error(`the Dockerfile has no stage named ${name}`);
  return found;
};

/** The JSON array of a CMD (or HEALTHCHECK ... CMD): exec form only, so node is PID 1 and gets SIGTERM. */
export function execForm(instruction: Instruction): string[] {
  const json = instruction.keyword === 'HEALTHCHECK' ? instruction.args.replace(/^.*?\bCMD\s+/, '') : instruction.args;
  const parsed: unknown = JSON.parse(json);
  if (!Array.isArray(parsed)) throw new Error(`${instruction.keyword} must use the exec form ["..."]: ${instruction.args}`);
  return parsed as string[];
}

export function envOf(s: Stage): Record<string, string> {
  const env: Record<string, string> = {};
  for (const { args } of s.instructions.filter((i) => i.keyword === 'ENV')) {
    for (const pair of args.split(/\s+/)) {
      const [key, ...value] = pair.split('=');
      env[key] = value.join('=');
    }
  }
  return env;
}

export interface StageRun {
  context: string;
  /** Folder standing in for each stage's /app. */
  dirs: Record<string, string>;
  /** Environment for the npm commands. */
  env: NodeJS.ProcessEnv;
  /** Stages running alongside: a COPY --from=name waits for that stage to finish. */
  running?: Record<string, Promise<void>>;
}

/**
 * Copies and runs one stage's steps in dirs[stage.name]; the build stage's full `npm ci` links the repo's
 * node_modules instead. Stages run side by side as Docker's BuildKit runs them, until one copies from another.
 */
export async function runStage(s: Stage, stageRun: StageRun): Promise<void> {
  const dir = stageRun.dirs[s.name];
  const ignored = dockerIgnore(stageRun.context);
  for (const { keyword, args } of s.instructions) {
    if (keyword === 'COPY') {
      const from = /--from=(\S+)/.exec(args)?.[1];
      if (from) await stageRun.running?.[from];
      copy(args, dir, stageRun, ignored);
    } else if (keyword === 'RUN') for (const command of args.split('&&').map((c) => c.trim())) await runCommand(command, dir, stageRun);
    else if (!['WORKDIR', 'ENV', 'USER', 'EXPOSE', 'HEALTHCHECK', 'CMD', 'ARG'].includes(keyword)) {
      throw new Error(`the production test does not know the Dockerfile step ${keyword} ${args}`);
    }
  }
}

function copy(args: string, dir: string, stageRun: StageRun, ignored: (relative: string) => boolean): void {
  const words = args.split(/\s+/);
  const from = words.find((w) => w.startsWith('--from='))?.slice('--from='.length);
  const paths = words.filter((w) => !w.startsWith('--'));
  const target = paths.pop()!;
  for (const source of paths) {
    const sourcePath = from ? path.join(stageRun.dirs[from], source.replace(/^\/app\/?/, '')) : path.join(stageRun.context, source);
    const targetPath = target.endsWith('/') ? path.join(dir, target, path.basename(source)) : path.join(dir, target);
    fs.cpSync(sourcePath, targetPath, {
      recursive: true,
      filter: (file) => from !== undefined || !ignored(path.relative(stageRun.context, file)),
    });
  }
}

async function runCommand(command: string, dir: string, stageRun: StageRun): Promise<void> {
  const npm = (args: string[]) => run('npm', args, { cwd: dir, env: stageRun.env, encoding: 'utf8' });
  if (command.startsWith('npm ci') && !command.includes('--omit=dev')) {
    // The full install is the one npm test already ran: the same lock, so link it rather than fetch 1,000 packages again.
    fs.symlinkSync(path.join(stageRun.context, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  } else if (command.startsWith('npm ci')) {
    // --prefer-offline: the npm cache is warm from the first install, so this needs no network when nothing changed.
    await npm([...command.split(/\s+/).slice(1), '--prefer-offline']);
  } else if (command === 'npm run build') {
    await npm(['run', 'build', '--silent']);
  } else if (command.startsWith('mkdir -p ')) {
    fs.mkdirSync(path.join(dir, command.slice('mkdir -p '.length).replace(/^\/app\/?/, '')), { recursive: true });
  } else if (command === 'npm cache clean --force' || command.startsWith('chown ')) {
    // Image-only: emptying the cache would empty the developer's; users and owners need Docker.
  } else {
    throw new Error(`the production test does not know the Dockerfile command: ${command}`);
  }
}

/** .dockerignore entries: plain paths (and what is under them) and `*.ext` patterns. */
function dockerIgnore(context: string): (relative: string) => boolean {
  const file = path.join(context, '.dockerignore');
  const entries = fs.existsSync(file)
    ? fs
        .readFileSync(file, 'utf8')
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l && !l.startsWith('#'))
    : [];
  return (relative) =>
    entries.some((entry) =>
      entry.startsWith('*.') ? relative.endsWith(entry.slice(1)) : relative === entry || relative.startsWith(`${entry}/`),
    );
}
