/**
 * Web Chat's browser bundle, copied at build time from node_modules into public/vendor/ (git-ignored),
 * with brotli and gzip twins (3.9 MB becomes about 0.7 MB or 1 MB on the wire). The server serves that folder's files
 * only: node_modules is never exposed (botframework-webchat also carries a 147 MB stats file).
 * `npm run build` runs this file; the browser test calls copyWebChatBundle() itself.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';
import { projectRoot } from '../../projectRoot';

/** The full bundle, not webchat-minimal.js: the minimal one does not render markdown, and answers use it. */
const SOURCE_FILES = ['webchat.js', 'webchat.js.LICENSE.txt'];

export function webChatBundleSourceDir(root = projectRoot()): string {
  return path.join(root, 'node_modules', 'botframework-webchat', 'dist');
}

export function webChatVendorDir(root = projectRoot()): string {
  return path.join(root, 'public', 'vendor');
}

export const WEBCHAT_BUNDLE_FILE = 'webchat.js';

function isUpToDate(source: string, target: string): boolean {
  if (!fs.existsSync(target)) return false;
  const from = fs.statSync(source);
  const to = fs.statSync(target);
  return from.size === to.size && to.mtimeMs >= from.mtimeMs;
}

/** Copies the bundle (with its brotli and gzip twins) unless the copy is already current. Returns the files written. */
export function copyWebChatBundle(root = projectRoot()): string[] {
  const sourceDir = webChatBundleSourceDir(root);
  const targetDir = webChatVendorDir(root);
  if (!fs.existsSync(path.join(sourceDir, WEBCHAT_BUNDLE_FILE))) {
    throw new Error(`${path.join(sourceDir, WEBCHAT_BUNDLE_FILE)} is missing: run npm install`);
  }
  fs.mkdirSync(targetDir, { recursive: true });
  const written: string[] = [];
  for (const file of SOURCE_FILES) {
    const source = path.join(sourceDir, file);
    const target = path.join(targetDir, file);
    const compressed = file.endsWith('.js');
    if (isUpToDate(source, target) && (!compressed || (fs.existsSync(`${target}.gz`) && fs.existsSync(`${target}.br`)))) continue;
    fs.copyFileSync(source, target);
    written.push(target);
    if (compressed) {
      const body = fs.readFileSync(target);
      fs.writeFileSync(`${target}.gz`, gzipSync(body, { level: 9 }));
      // Quality 11 takes a few seconds once per build and saves about a quarter over gzip on every first visit.
      fs.writeFileSync(
        `${target}.br`,
        brotliCompressSync(body, {
          params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: body.length },
        }),
      );
      written.push(`${target}.gz`, `${target}.br`);
    }
  }
  return written;
}

if (require.main === module) {
  const written = copyWebChatBundle();
  console.log(
    written.length > 0
      ? `Web Chat bundle copied to ${path.relative(projectRoot(), webChatVendorDir())}/`
      : 'Web Chat bundle already current',
  );
}
