/**
 * `npm run bench`: the bot against a bare echo bot on the same stack (restify + CloudAdapter), under the
 * same load over loopback, with returning users spread over 100, 10,000 and 100,000 stored
 * conversations. The servers are measured interleaved in rounds (echo, floor, bot 100, bot 10,000,
 * bot 100,000, then again), so a slow minute on a shared machine hits every server alike, and each
 * ratio is taken within a round and reported as the median and range over the rounds.
 * Per server: turns/s, p50/p99, CPU per turn from the OS (/proc/<pid>/stat, user + system, over the
 * measured turns only), peak RSS (VmHWM and sampled VmRSS) and start-up to the first reply; and how loaded
 * the machine was: the cores other processes kept busy while each server was measured (/proc/stat minus
 * the server and the bench), and the load average after each round.
 * Checks the targets of issue #17; exits 1 if one is missed or any turn failed. Not a test: the numbers
 * depend on the machine, so they are reported, not asserted in CI. Loopback only; stops by itself.
 *
 * BENCH_ROUNDS (default 4) sets the rounds; BENCH_BEFORE_DIST=<another build's dist/> adds that build of
 * the bot (100 stored) to every round, for a before/after comparison in one run.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { benchConversations, templateConversations } from './conversations';
import { checkConversations, runLoad, type LoadResult } from './load';
import { readStateTemplate, seedConversations } from './seedState';
import { machineBusyMs, startServerProcess } from './serverProcess';

const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 4));
const LOAD = { connections: 16, warmUpSeconds: 2, durationSeconds: 8 };
const STORED = [100, 10_000, 100_000];
const distDir = path.resolve(__dirname, '..');
const BOT_ENTRY = path.join(distDir, 'src', 'index.js');
const ECHO_ENTRY = path.join(distDir, 'bench', 'echoBot.js');
const FLOOR_ENTRY = path.join(distDir, 'bench', 'floorBot.js');

/** The node flags `npm start` runs the bot with, read from package.json, so the bench measures the bot as deployed. */
function startScriptNodeFlags(): string[] {
  const packageJson = JSON.parse(fs.readFileSync(path.join(distDir, '..', 'package.json'), 'utf8')) as { scripts: { start: string } };
  const match = /\bnode((?:\s+--\S+)*)\s+dist\/src\/index\.js/.exec(packageJson.scripts.start);
  if (!match) throw new Error(`package.json's start script no longer runs "node [flags] dist/src/index.js": ${packageJson.scripts.start}`);
  return match[1].trim().split(/\s+/).filter(Boolean);
}
const NODE_FLAGS = startScriptNodeFlags();

interface Server {
  label: string;
  /** For the progress line. */
  short: string;
  entry: string;
  env: Record<string, string>;
  stored: number;
  isBot: boolean;
}

interface Sample {
  load: LoadResult;
  cpuUsPerTurn: number;
  peakRssMb: number;
  startupMs: number;
  startupCpuMs: number;
  turnErrors: number;
  /** Cores the rest of the machine kept busy while this server was measured (not the server, not the bench). */
  othersCores: number;
}

async function measure(server: Server, workDir: string, checkReplies: boolean): Promise<Sample> {
  const running = await startServerProcess(server.entry, NODE_FLAGS, server.env, workDir);
  let peakRssMb = running.rssMb();
  const sampler = setInterval(() => (peakRssMb = Math.max(peakRssMb, running.rssMb())), 250);
  try {
    if (checkReplies) await checkConversations(running.url, benchConversations, server.stored);
    await runLoad(running.url, benchConversations, {
      connections: LOAD.connections,
      durationSeconds: LOAD.warmUpSeconds,
      stored: server.stored,
    });
    const cpuBefore = running.cpuMs();
    const busyBefore = machineBusyMs();
    const benchBefore = process.cpuUsage();
    const wallBefore = performance.now();
    const load = await runLoad(running.url, benchConversations, {
      connections: LOAD.connections,
      durationSeconds: LOAD.durationSeconds,
      stored: server.stored,
    });
    const cpuMs = running.cpuMs() - cpuBefore;
    const benchCpu = process.cpuUsage(benchBefore);
    const othersMs = machineBusyMs() - busyBefore - cpuMs - (benchCpu.user + benchCpu.system) / 1000;
    peakRssMb = Math.max(peakRssMb, running.peakRssMb());
    return {
      load,
      cpuUsPerTurn: (cpuMs * 1000) / Math.max(1, load.turns),
      peakRssMb,
      startupMs: running.startupToFirstReplyMs,
      startupCpuMs: running.startupCpuMs,
      turnErrors: (running.output().match(/turn error/g) ?? []).length,
      othersCores: Math.max(0, othersMs) / (performance.now() - wallBefore),
    };
  } finally {
    clearInterval(sampler);
    await running.stop();
  }
}

/** Runs the conversations once on a fresh bot and keeps its state files (written at shutdown) as the records to copy. */
async function captureTemplate(workDir: string): Promise<Awaited<ReturnType<typeof readStateTemplate>>> {
  const dataDir = path.join(workDir, 'template');
  const server = await startServerProcess(BOT_ENTRY, NODE_FLAGS, { DATA_DIR: dataDir, STORAGE: 'lowdb' }, workDir);
  try {
    await checkConversations(server.url, templateConversations, 0);
  } finally {
    await server.stop();
  }
  return readStateTemplate(path.join(dataDir, 'state'));
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const spread = (values: number[], digits: number) =>
  `${median(values).toFixed(digits)} (${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)})`;
const failedTurns = (s: Sample) => s.load.failures.errors + s.load.failures.non2xx + s.load.failures.badReplies + s.turnErrors;

function table(servers: Server[], samples: Map<string, Sample[]>): string {
  const of = (server: Server, pick: (s: Sample) => number, digits = 0) => spread(samples.get(server.label)!.map(pick), digits);
  const rows: string[][] = [
    ['', ...servers.map((s) => s.label)],
    ['turns/s', ...servers.map((s) => of(s, (x) => x.load.turnsPerSecond))],
    ['server CPU per turn (µs)', ...servers.map((s) => of(s, (x) => x.cpuUsPerTurn))],
    ['p50 latency (ms)', ...servers.map((s) => of(s, (x) => x.load.p50Ms))],
    ['p99 latency (ms)', ...servers.map((s) => of(s, (x) => x.load.p99Ms))],
    ['peak RSS (MB), max', ...servers.map((s) => Math.max(...samples.get(s.label)!.map((x) => x.peakRssMb)).toFixed(0))],
    ['start-up to first reply (ms)', ...servers.map((s) => of(s, (x) => x.startupMs))],
    ['start-up CPU to first reply (ms)', ...servers.map((s) => of(s, (x) => x.startupCpuMs))],
    ["other processes' load while measured (cores busy)", ...servers.map((s) => of(s, (x) => x.othersCores, 1))],
    ['failed turns', ...servers.map((s) => String(samples.get(s.label)!.reduce((sum, x) => sum + failedTurns(x), 0)))],
  ];
  return rows.map((row, i) => `| ${row.join(' | ')} |${i === 0 ? `\n|${row.map(() => ' --- ').join('|')}|` : ''}`).join('\n');
}

const loadAverage = () =>
  os
    .loadavg()
    .map((n) => n.toFixed(1))
    .join(' ');

function machine(): string {
  const cpus = os.cpus();
  return `${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GB RAM, ${os.type()} ${os.release()}, Node ${process.version}`;
}

const benchStarted = performance.now();

async function main(): Promise<void> {
  // The build step that makes start-up read the trained knowledge instead of training (npm run build runs it too once wired in).
  console.log(
    execFileSync(process.execPath, [path.join(distDir, 'src', 'cli', 'buildKnowledgeCache.js')], {
      encoding: 'utf8',
      env: { ...process.env, DOTENV_CONFIG_QUIET: 'true' },
    }).trim(),
  );
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-'));
  try {
    process.stdout.write('seeding stored conversations:');
    const seedingStarted = performance.now();
    const template = await captureTemplate(workDir);
    const servers: Server[] = [
      { label: 'echo bot', short: 'echo', entry: ECHO_ENTRY, env: {}, stored: 100, isBot: false },
      {
        label: 'floor (state + 1 dialog, lowdb)',
        short: 'floor',
        entry: FLOOR_ENTRY,
        env: { STORAGE: 'lowdb', DATA_DIR: path.join(workDir, 'floor') },
        stored: 100,
        isBot: false,
      },
    ];
    for (const stored of STORED) {
      const dataDir = path.join(workDir, `stored-${stored}`);
      const started = performance.now();
      seedConversations(path.join(dataDir, 'state'), template, stored);
      process.stdout.write(` ${stored.toLocaleString('en-GB')} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
      servers.push({
        label: `bot, ${stored.toLocaleString('en-GB')} stored`,
        short: `bot@${stored}`,
        entry: BOT_ENTRY,
        env: { DATA_DIR: dataDir, STORAGE: 'lowdb' },
        stored,
        isBot: true,
      });
    }
    const before = process.env.BENCH_BEFORE_DIST;
    if (before) {
      const dataDir = path.join(workDir, 'before-100');
      seedConversations(path.join(dataDir, 'state'), template, 100);
      servers.push({
        label: 'bot before, 100 stored',
        short: 'before@100',
        entry: path.join(path.resolve(before), 'src', 'index.js'),
        env: { DATA_DIR: dataDir, STORAGE: 'lowdb' },
        stored: 100,
        isBot: true,
      });
    }
    console.log(` (${((performance.now() - seedingStarted) / 1000).toFixed(0)} s with the template run)`);
    console.log(
      `load: ${LOAD.connections} connections over 127.0.0.1, conversations of ${benchConversations.map((c) => c.length).join('+')} turns ` +
        `(16 of them returning users on stored conversations), ${LOAD.warmUpSeconds} s warm-up then ${LOAD.durationSeconds} s measured per server, ${ROUNDS} rounds`,
    );

    const samples = new Map<string, Sample[]>(servers.map((s) => [s.label, []]));
    for (let round = 0; round < ROUNDS; round += 1) {
      process.stdout.write(`round ${round + 1}/${ROUNDS}:`);
      for (const server of servers) {
        const sample = await measure(server, workDir, round === 0 && server.isBot);
        samples.get(server.label)!.push(sample);
        process.stdout.write(` ${server.short} ${sample.cpuUsPerTurn.toFixed(0)} µs`);
      }
      process.stdout.write(` (${((performance.now() - benchStarted) / 1000).toFixed(0)} s, load average ${loadAverage()})\n`);
    }

    console.log(`\n${new Date().toISOString().slice(0, 10)}, ${machine()}`);
    const others = [...samples.values()].flat().map((x) => x.othersCores);
    console.log(
      `machine load: load average ${loadAverage()} (1, 5, 15 min) at the end for ${os.cpus().length} cores; other processes kept ` +
        `${spread(others, 1)} cores busy while servers were measured (median, range)${median(others) > 0.5 ? ': a shared machine, read the ratios, not the absolute figures' : ''}\n`,
    );
    console.log(`${table(servers, samples)}\n`);

    const echo = samples.get('echo bot')!;
    const bot = (stored: number) => samples.get(`bot, ${stored.toLocaleString('en-GB')} stored`)!;
    const perRound = (a: Sample[], b: Sample[], pick: (s: Sample) => number) => a.map((s, i) => pick(s) / pick(b[i]));
    console.log('ratios within each round, median (range):');
    const cpuRatios = STORED.map((stored) => perRound(bot(stored), echo, (s) => s.cpuUsPerTurn));
    STORED.forEach((stored, i) =>
      console.log(`  CPU per turn, bot ${stored.toLocaleString('en-GB')} stored / echo: ${spread(cpuRatios[i], 2)}`),
    );
    const floor = samples.get('floor (state + 1 dialog, lowdb)')!;
    console.log(
      `  CPU per turn, floor / echo: ${spread(
        perRound(floor, echo, (s) => s.cpuUsPerTurn),
        2,
      )}   (state and one dialog on this stack, nothing else)`,
    );
    console.log(
      `  throughput, bot 100 stored / echo: ${spread(
        perRound(bot(100), echo, (s) => s.load.turnsPerSecond),
        2,
      )}`,
    );
    const p99Ratios = perRound(bot(100_000), bot(100), (s) => s.load.p99Ms);
    console.log(`  p99, 100,000 stored / 100 stored: ${spread(p99Ratios, 2)}`);
    console.log(
      `  p99, 10,000 stored / 100 stored: ${spread(
        perRound(bot(10_000), bot(100), (s) => s.load.p99Ms),
        2,
      )}`,
    );
    if (before)
      console.log(
        `  CPU per turn, bot before / bot now (100 stored): ${spread(
          perRound(samples.get('bot before, 100 stored')!, bot(100), (s) => s.cpuUsPerTurn),
          2,
        )}`,
      );

    const bots = servers.filter((s) => s.isBot && !s.label.includes('before')).flatMap((s) => samples.get(s.label)!);
    const all = [...samples.values()].flat();
    const worstCpu = Math.max(...cpuRatios.map(median));
    const targets: Array<[string, string, string, boolean]> = [
      ['CPU per turn, bot / echo (median, worst stored size)', worstCpu.toFixed(2), '<= 2.0 (bar 2.5)', worstCpu <= 2.0],
      ['p99 at 100,000 stored / p99 at 100 (median)', median(p99Ratios).toFixed(2), '<= 1.2', median(p99Ratios) <= 1.2],
      ['bot peak RSS, any run (MB)', Math.max(...bots.map((s) => s.peakRssMb)).toFixed(0), '< 250', bots.every((s) => s.peakRssMb < 250)],
      [
        'bot start-up to first reply, median (slowest)',
        `${median(bots.map((s) => s.startupMs)).toFixed(0)} (${Math.max(...bots.map((s) => s.startupMs)).toFixed(0)}) ms, ` +
          `CPU ${median(bots.map((s) => s.startupCpuMs)).toFixed(0)} ms`,
        '< 1000',
        median(bots.map((s) => s.startupMs)) < 1000,
      ],
      ['failed turns, all runs', String(all.reduce((sum, s) => sum + failedTurns(s), 0)), '= 0', all.every((s) => failedTurns(s) === 0)],
    ];
    console.log('targets (issue #17):');
    for (const [name, value, target, met] of targets) console.log(`  ${met ? 'met   ' : 'MISSED'}  ${name}: ${value} (target ${target})`);
    if (targets.some(([, , , met]) => !met)) process.exitCode = 1;
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
    console.log(`bench took ${((performance.now() - benchStarted) / 1000).toFixed(0)} s`);
  }
}

main().catch((error: Error) => {
  console.error(`bench failed: ${error.message}`);
  process.exit(1);
});
