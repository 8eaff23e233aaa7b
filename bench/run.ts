/**
 * `npm run bench`: the bot against a bare echo bot on the same stack, under the same load of multi-turn
 * conversations over loopback, then the bot again with 10,000 stored conversations instead of 100.
 * A third server, the floor (bench/floorBot.ts), shows what state and dialogs cost on this stack by themselves.
 * Prints the figures side by side and checks them against the targets of issue #6; exits 1 if one is
 * missed or any turn failed. Not a test: the numbers depend on the machine, so they are reported, not asserted in CI.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { benchConversations } from './conversations';
import { checkConversations, runLoad, type LoadResult } from './load';
import { readStateTemplate, seedConversations } from './seedState';
import { startServerProcess } from './serverProcess';

const LOAD = { connections: 16, warmUpSeconds: 3, durationSeconds: 10 };
const STORED = [100, 10_000];
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

interface Measured {
  label: string;
  load: LoadResult;
  startupMs: number;
  peakRssMb: number | null;
  turnErrors: number;
}

async function measure(label: string, entry: string, env: Record<string, string>, workDir: string, checkReplies: boolean): Promise<Measured> {
  process.stdout.write(`- ${label}: starting`);
  const server = await startServerProcess(entry, NODE_FLAGS, env, workDir);
  try {
    if (checkReplies) await checkConversations(server.url, benchConversations);
    process.stdout.write(`, warming up ${LOAD.warmUpSeconds} s`);
    await runLoad(server.url, benchConversations, { connections: LOAD.connections, durationSeconds: LOAD.warmUpSeconds });
    process.stdout.write(`, measuring ${LOAD.durationSeconds} s`);
    const load = await runLoad(server.url, benchConversations, { connections: LOAD.connections, durationSeconds: LOAD.durationSeconds });
    const peakRssMb = server.peakRssMb();
    process.stdout.write(' done\n');
    return { label, load, startupMs: server.startupMs, peakRssMb, turnErrors: (server.output().match(/turn error/g) ?? []).length };
  } finally {
    await server.stop();
  }
}

/** Runs the bench conversations once on a fresh bot and keeps its state files as the records to copy. */
async function captureTemplate(workDir: string): Promise<ReturnType<typeof readStateTemplate>> {
  const dataDir = path.join(workDir, 'template');
  const server = await startServerProcess(BOT_ENTRY, NODE_FLAGS, { DATA_DIR: dataDir, STORAGE: 'lowdb' }, workDir);
  try {
    await checkConversations(server.url, benchConversations);
  } finally {
    await server.stop();
  }
  return readStateTemplate(path.join(dataDir, 'state'));
}

function table(rows: Measured[]): string {
  const f = (value: number | null, digits = 0) => (value === null ? 'n/a' : value.toFixed(digits));
  const lines: Array<[string, ...string[]]> = [
    ['', ...rows.map((r) => r.label)],
    ['turns/s', ...rows.map((r) => f(r.load.turnsPerSecond))],
    ['p50 latency (ms)', ...rows.map((r) => f(r.load.p50Ms, 1))],
    ['p99 latency (ms)', ...rows.map((r) => f(r.load.p99Ms, 1))],
    ['peak RSS (MB)', ...rows.map((r) => f(r.peakRssMb))],
    ['start-up to listening (ms)', ...rows.map((r) => f(r.startupMs))],
    ['turns measured', ...rows.map((r) => String(r.load.turns))],
    ['failed turns', ...rows.map((r) => String(failedTurns(r)))],
  ];
  const widths = lines[0].map((_, column) => Math.max(...lines.map((line) => line[column].length)));
  return lines.map((line) => line.map((cell, column) => (column === 0 ? cell.padEnd(widths[0]) : cell.padStart(widths[column]))).join('   ')).join('\n');
}

const ratio = (a: Measured, b: Measured) => (a.load.turnsPerSecond / b.load.turnsPerSecond).toFixed(2);
const failedTurns = (m: Measured) => m.load.failures.errors + m.load.failures.non2xx + m.load.failures.badReplies + m.turnErrors;

async function main(): Promise<void> {
  for (const entry of [BOT_ENTRY, ECHO_ENTRY, FLOOR_ENTRY]) if (!fs.existsSync(entry)) throw new Error(`${entry} is missing: run it with npm run bench (it builds first)`);
  const cpus = os.cpus();
  console.log(`Back on Track benchmark, ${new Date().toISOString()}`);
  console.log(`machine: ${cpus[0]?.model ?? 'unknown cpu'}, ${cpus.length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GB, ${os.type()} ${os.release()}, node ${process.version}`);
  // Other processes share the cores with both servers and the load generator: say how busy the machine was.
  console.log(`load average before the run (1 min): ${os.loadavg()[0].toFixed(2)}; servers run as npm start does: node ${[...NODE_FLAGS, '<entry>'].join(' ')}`);
  const turnsPerRound = benchConversations.map((c) => c.length).join(' + ');
  console.log(`load: ${LOAD.connections} connections over 127.0.0.1, each playing conversations of ${turnsPerRound} turns back to back ` +
    `(expectReplies); ${LOAD.warmUpSeconds} s warm-up, then ${LOAD.durationSeconds} s measured, per server\n`);

  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-'));
  try {
    const echo = await measure('echo bot', ECHO_ENTRY, {}, workDir, false);
    // The stack's own floor: state and one dialog, no content; in memory, then on the bot's lowdb storage.
    const floors: Measured[] = [];
    for (const storage of ['memory', 'lowdb']) {
      floors.push(await measure(`floor, ${storage}`, FLOOR_ENTRY, { STORAGE: storage, DATA_DIR: path.join(workDir, `floor-${storage}`) }, workDir, false));
    }
    const template = await captureTemplate(workDir);
    const bots: Measured[] = [];
    for (const stored of STORED) {
      const dataDir = path.join(workDir, `stored-${stored}`);
      await seedConversations(path.join(dataDir, 'state'), template, stored);
      bots.push(await measure(`bot, ${stored.toLocaleString('en-GB')} stored`, BOT_ENTRY, { DATA_DIR: dataDir, STORAGE: 'lowdb' }, workDir, true));
    }
    const results = [echo, ...floors, ...bots];
    console.log(`\n${table(results)}\n`);

    const [small, large] = bots;
    const targets: Array<[string, number, string, boolean]> = [
      ['bot throughput / echo throughput', small.load.turnsPerSecond / echo.load.turnsPerSecond, '>= 0.8', small.load.turnsPerSecond >= 0.8 * echo.load.turnsPerSecond],
      ['p99 at 10,000 stored / p99 at 100', large.load.p99Ms / small.load.p99Ms, '<= 1.2', large.load.p99Ms <= 1.2 * small.load.p99Ms],
      ['bot start-up, slowest (s)', Math.max(...bots.map((b) => b.startupMs)) / 1000, '< 2', bots.every((b) => b.startupMs < 2000)],
      ['bot peak RSS, largest (MB)', Math.max(...bots.map((b) => b.peakRssMb ?? Infinity)), '< 250', bots.every((b) => (b.peakRssMb ?? Infinity) < 250)],
      ['failed turns, all runs', results.reduce((sum, r) => sum + failedTurns(r), 0), '= 0', results.every((r) => failedTurns(r) === 0)],
    ];
    console.log('targets:');
    for (const [name, value, target, met] of targets) console.log(`  ${met ? 'met   ' : 'MISSED'}  ${name}: ${Number.isInteger(value) ? value : value.toFixed(2)} (target ${target})`);
    const [floorMemory, floorLowdb] = floors;
    console.log('where the time goes (throughput ratios, for reading the first target):');
    console.log(`  floor in memory / echo: ${ratio(floorMemory, echo)}   (state and one dialog on this stack, nothing else)`);
    console.log(`  floor on lowdb / echo: ${ratio(floorLowdb, echo)}   (the same, with every turn saved to disk)`);
    console.log(`  bot, 100 stored / floor on lowdb: ${ratio(small, floorLowdb)}   (what the bot's own work leaves of the floor)`);
    if (targets.some(([, , , met]) => !met)) process.exitCode = 1;
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

main().catch((error: Error) => {
  console.error(`bench failed: ${error.message}`);
  process.exit(1);
});
