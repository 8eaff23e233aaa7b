/**
 * The start-up cache of parsed knowledge and the trained classifier (src/knowledge/knowledgeCache.ts),
 * exercised as the built bot uses it, in separate node processes: the first start trains and saves it,
 * the next one starts from it and classifies and screens exactly as a freshly trained bot does, and any
 * change to a knowledge file, or a damaged cache file, makes start-up train afresh instead.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cacheKey } from '../../src/knowledge/knowledgeCache';
import { projectRoot } from '../../src/projectRoot';
import { ensureBuilt } from '../helpers/ensureBuilt';
import { makeTempDir } from '../helpers/tempDir';

jest.setTimeout(120_000);

const dist = path.join(projectRoot(), 'dist', 'src');
const SCRIPT = `
const [knowledgeDir, cacheFile] = process.argv.slice(1);
const { loadTrainedKnowledge } = require(${JSON.stringify(path.join(dist, 'services.js'))});
const { classifyIntent } = require(${JSON.stringify(path.join(dist, 'nlp', 'intentClassifier.js'))});
const { screenForRedFlags } = require(${JSON.stringify(path.join(dist, 'safety', 'redFlagDetector.js'))});
const logs = [];
const started = performance.now();
const { intentModel, safety, kb } = loadTrainedKnowledge(knowledgeDir, undefined, cacheFile, (m) => logs.push(m));
const ms = performance.now() - started;
const messages = ['why does my back hurt when i run', 'lowr bak pain wen runing', 'book a physio', 'I suddenly cannot control my bladder', 'numbness?', 'my legs feel weak and tingly on both sides'];
const answers = messages.map((text) => ({ intent: classifyIntent(intentModel, text), screen: screenForRedFlags(text, safety) }));
console.log(JSON.stringify({ logs, ms, answers, topics: kb.topics.length }));
`;

function start(knowledgeDir: string, cacheFile: string): { logs: string[]; ms: number; answers: unknown[]; topics: number } {
  const run = spawnSync(process.execPath, ['-e', SCRIPT, knowledgeDir, cacheFile], { encoding: 'utf8', env: { ...process.env, DOTENV_CONFIG_QUIET: 'true' } });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout.trim().split('\n').pop()!);
}

it('trains once, then starts from the cache with identical answers, and trains afresh when knowledge or the cache file changes', () => {
  ensureBuilt();
  const temp = makeTempDir('knowledge-cache-');
  try {
    const knowledgeDir = path.join(temp.dir, 'knowledge');
    fs.cpSync(path.join(projectRoot(), 'knowledge'), knowledgeDir, { recursive: true });
    const cacheFile = path.join(temp.dir, 'cache', 'trained-knowledge.bin');

    const first = start(knowledgeDir, cacheFile);
    expect(first.logs).toEqual([expect.stringMatching(/trained afresh; cache saved/)]);
    const cached = start(knowledgeDir, cacheFile);
    expect(cached.logs).toEqual([]);
    expect(cached.answers).toEqual(first.answers);
    expect(cached.topics).toBe(first.topics);
    // Reading the cache is the point: it must beat parsing and training by a wide margin.
    expect(cached.ms).toBeLessThan(first.ms / 2);

    fs.appendFileSync(path.join(knowledgeDir, 'wording.yaml'), '\n# edited by a physio\n');
    expect(start(knowledgeDir, cacheFile).logs).toEqual([expect.stringMatching(/trained afresh; cache saved/)]);
    expect(start(knowledgeDir, cacheFile).logs).toEqual([]);

    fs.truncateSync(cacheFile, 1000);
    const afterDamage = start(knowledgeDir, cacheFile);
    expect(afterDamage.logs).toEqual([expect.stringMatching(/trained afresh; cache saved/)]);
    expect(afterDamage.answers).toEqual(first.answers);
  } finally {
    temp.cleanup();
  }
});

it('keys the cache on every knowledge file, every file of the code, and the options', () => {
  const temp = makeTempDir('knowledge-key-');
  try {
    const knowledgeDir = path.join(temp.dir, 'knowledge');
    const codeDir = path.join(temp.dir, 'code');
    fs.mkdirSync(path.join(knowledgeDir, 'topics'), { recursive: true });
    fs.mkdirSync(path.join(codeDir, 'nlp'), { recursive: true });
    fs.writeFileSync(path.join(knowledgeDir, 'topics', 'a.yaml'), 'topics: []\n');
    fs.writeFileSync(path.join(codeDir, 'nlp', 'intentClassifier.js'), 'exports.x = 1;\n');
    const key = () => cacheKey(knowledgeDir, { threshold: null }, codeDir);
    const first = key();
    expect(key()).toBe(first);
    fs.writeFileSync(path.join(codeDir, 'nlp', 'intentClassifier.js'), 'exports.x = 2;\n');
    const afterCode = key();
    expect(afterCode).not.toBe(first);
    fs.writeFileSync(path.join(knowledgeDir, 'topics', 'a.yaml'), 'topics: [] # edited\n');
    expect(key()).not.toBe(afterCode);
    expect(cacheKey(knowledgeDir, { threshold: 0.3 }, codeDir)).not.toBe(key());
  } finally {
    temp.cleanup();
  }
});
