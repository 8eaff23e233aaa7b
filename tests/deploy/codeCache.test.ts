/**
 * The start-up code cache (src/codeCache.ts) in separate processes, as `npm start` uses it: modules run
 * the same from the cache as from source, a second start compiles nothing, and an edited module never
 * runs its old compiled code.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { projectRoot } from '../../src/projectRoot';
import { ensureBuilt } from '../helpers/ensureBuilt';
import { makeTempDir } from '../helpers/tempDir';

const CODE_CACHE = path.join(projectRoot(), 'dist', 'src', 'codeCache.js');

interface Run {
  lib: { answer: number; dir: string; other: string; otherValue: string; cached: boolean };
  hits: number;
  misses: number;
  message: string;
}

let temp: ReturnType<typeof makeTempDir>;
beforeAll(() => {
  ensureBuilt();
});
beforeEach(() => {
  temp = makeTempDir('code-cache-');
  fs.writeFileSync(
    path.join(temp.dir, 'runner.js'),
    `const cache = require(${JSON.stringify(CODE_CACHE)}).enableCodeCache(process.argv[2]);
const lib = require('./lib');
const message = cache.save();
console.log(JSON.stringify({ lib, hits: cache.hits, misses: cache.misses, message }));`,
  );
  writeLib('41 + 1');
  fs.writeFileSync(path.join(temp.dir, 'other.js'), `module.exports = 'other';`);
});
afterEach(() => temp.cleanup());

function writeLib(answer: string): void {
  fs.writeFileSync(
    path.join(temp.dir, 'lib.js'),
    `module.exports = { answer: ${answer}, dir: __dirname, other: require.resolve('./other'), otherValue: require('./other'), cached: require.cache[__filename] === module };`,
  );
}

function run(): Run {
  const out = execFileSync(process.execPath, [path.join(temp.dir, 'runner.js'), path.join(temp.dir, 'cache', 'modules.bin')], {
    encoding: 'utf8',
  });
  return JSON.parse(out) as Run;
}

describe('start-up code cache', () => {
  it('runs a module from the cache exactly as from source, and a second start compiles nothing from source', () => {
    const first = run();
    expect(first).toMatchObject({ hits: 0, misses: 2 });
    expect(first.message).toMatch(/saved for the next start/);
    expect(first.lib).toEqual({ answer: 42, dir: temp.dir, other: path.join(temp.dir, 'other.js'), otherValue: 'other', cached: true });
    const second = run();
    expect(second).toMatchObject({ hits: 2, misses: 0 });
    expect(second.lib).toEqual(first.lib);
  });

  it('compiles an edited module afresh, even when its length is unchanged (V8 checks only the length)', () => {
    run();
    writeLib('40 + 3');
    const edited = run();
    expect(edited.lib.answer).toBe(43);
    expect(edited).toMatchObject({ hits: 1, misses: 1 });
  });

  it('starts as without it when the cache file is damaged', () => {
    fs.mkdirSync(path.join(temp.dir, 'cache'));
    fs.writeFileSync(path.join(temp.dir, 'cache', 'modules.bin'), 'not a cache');
    expect(run()).toMatchObject({ lib: { answer: 42 }, hits: 0, misses: 2 });
  });
});
