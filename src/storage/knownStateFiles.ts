/**
 * Which state files exist, per shard folder, so reading a key that has none (the first turn of every new
 * conversation and user) opens no file: a failed open costs a thread-pool trip and an error with its
 * stack, about 25 µs of CPU, against a look-up here. A shard's folder is listed once, when a key in it is
 * first read from disk; the files this process writes afterwards are added as they are written. This
 * relies on what LowdbStorage already states: one process owns the folder.
 *
 * Kept small: a file is known by 28 bits of its name's hash (a Set of small integers, ~2 MB at 100,000
 * records). Two files sharing those bits, or a file deleted since, only mean the file is opened as before;
 * a file that exists is never reported missing. A shard whose folder cannot be listed is always opened.
 */
import * as fs from 'node:fs/promises';
import * as path from 'node:path';

interface Shard {
  ids: Set<number>;
  /** Resolves to false when the folder could not be listed (then nothing is known about it). */
  listed: Promise<boolean>;
}

/** `<64 hex>.json`: a state file's name (not a temp file, not a copy moved aside as unreadable). */
const STATE_FILE = /^[0-9a-f]{64}\.json$/;
const idOf = (name: string): number => parseInt(name.slice(2, 9), 16);

export class KnownStateFiles {
  private readonly shards = new Map<string, Shard>();

  /** False only when `file` surely does not exist. */
  async mayExist(file: string): Promise<boolean> {
    const dir = path.dirname(file);
    let shard = this.shards.get(dir);
    if (!shard) {
      const ids = new Set<number>();
      shard = { ids, listed: listInto(dir, ids) };
      this.shards.set(dir, shard);
    }
    return !(await shard.listed) || shard.ids.has(idOf(path.basename(file)));
  }

  /** Call once `file` has been written. A shard not listed yet will see it on disk when it is. */
  written(file: string): void {
    this.shards.get(path.dirname(file))?.ids.add(idOf(path.basename(file)));
  }
}

async function listInto(dir: string, ids: Set<number>): Promise<boolean> {
  try {
    for (const name of await fs.readdir(dir)) if (STATE_FILE.test(name)) ids.add(idOf(name));
    return true;
  } catch (error) {
    // No folder yet: no file in it. Any other failure: know nothing, open files as before.
    return (error as NodeJS.ErrnoException).code === 'ENOENT';
  }
}
