import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The folder holding package.json. Code runs both from src/ (tests) and from dist/src/ (npm start),
 * so paths to knowledge/ and public/ are found by walking up rather than by a fixed number of "..".
 */
export function projectRoot(start: string = __dirname): string {
  let dir = start;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`No package.json above ${start}`);
    dir = parent;
  }
  return dir;
}
