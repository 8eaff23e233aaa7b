/**
 * Rebuilds dist/ when a source file is newer than the built entry point, so a test that spawns the built
 * bot never runs yesterday's code (`npm test` builds first; `npx jest tests/storage` alone may not).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { projectRoot } from '../../src/projectRoot';

export function ensureBuilt(): void {
  const root = projectRoot();
  const entry = path.join(root, 'dist', 'src', 'index.js');
  const builtAt = fs.existsSync(entry) ? fs.statSync(entry).mtimeMs : 0;
  const newestSource = Math.max(...['src', 'dialogs'].flatMap((dir) => sourceTimes(path.join(root, dir))));
  if (builtAt > newestSource) return;
  const tsc = spawnSync(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], {
    cwd: root,
    encoding: 'utf8',
  });
  // Type errors still emit JavaScript (npm test reports them in its own tsc step); no fresh entry point is a failure.
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
