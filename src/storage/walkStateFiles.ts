/**
 * Walks a lowdb state folder (`<2 hex>/<hash>.json`, plus copies moved aside as `.corrupt-<time>`) as a
 * stream: directories are read entry by entry with fs.opendir, so memory stays flat whether the folder
 * holds a hundred records or a million. Stops between entries once `signal` aborts.
 */
import * as fs from 'node:fs/promises';
import * as path from 'node:path';

const SHARD = /^[0-9a-f]{2}$/;

export async function* walkStateFiles(dir: string, signal?: AbortSignal): AsyncGenerator<string> {
  const top = await fs.opendir(dir).catch(() => null);
  if (!top) return;
  try {
    for await (const shard of top) {
      if (signal?.aborted) return;
      if (!shard.isDirectory() || !SHARD.test(shard.name)) continue;
      const files = await fs.opendir(path.join(dir, shard.name)).catch(() => null);
      if (!files) continue;
      try {
        for await (const file of files) {
          if (signal?.aborted) return;
          if (file.isFile() && (file.name.endsWith('.json') || file.name.includes('.json.corrupt-')))
            yield path.join(dir, shard.name, file.name);
        }
      } finally {
        await files.close().catch(() => undefined);
      }
    }
  } finally {
    await top.close().catch(() => undefined);
  }
}
