/** Imported first by index.ts, so that every module loaded after it goes through the code cache (codeCache.ts). */
import * as path from 'node:path';
import { enableCodeCache } from './codeCache';

// In dist/cache, beside the knowledge cache: a new build (which empties dist) starts without it.
export const codeCache = enableCodeCache(path.join(__dirname, '..', 'cache', 'compiled-modules.bin'));
