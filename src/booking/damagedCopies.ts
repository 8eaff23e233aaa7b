/**
 * Copies of the booking file set aside as unreadable (`bookings.json.corrupt-<time>`: cut short by a crash
 * or a full disk before the append-only file existed) still hold people's details until retention deletes
 * them. "Forget me" takes one person's requests out of them: a copy is read with a fault-tolerant JSON
 * parser (jsonc-parser), which also gives the request that was cut short; the person's requests are
 * dropped, and so is any whose owner cannot be read (it could be theirs); the copy is rewritten beside
 * itself and renamed over, keeping its modification time, so retention still counts from when it was set
 * aside.
 */
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { findNodeAtLocation, getNodeValue, parseTree } from 'jsonc-parser';

/** The damaged copies in the booking file's folder. */
export async function* damagedBookingCopies(folder: string): AsyncGenerator<string> {
  const entries = await fs.opendir(folder).catch(() => null);
  if (!entries) return;
  for await (const entry of entries)
    if (entry.isFile() && entry.name.startsWith('bookings.json') && entry.name.includes('.corrupt-')) yield path.join(folder, entry.name);
}

/** Removes the user's requests from every damaged copy in `folder`; returns how many were removed. */
export async function removeUserFromDamagedCopies(folder: string, userKey: string): Promise<number> {
  let removed = 0;
  for await (const file of damagedBookingCopies(folder)) removed += await removeUserFromCopy(file, userKey);
  return removed;
}

async function removeUserFromCopy(file: string, userKey: string): Promise<number> {
  const text = await fs.readFile(file, 'utf8');
  const list = findNodeAtLocation(parseTree(text, []) ?? { type: 'null', offset: 0, length: 0 }, ['bookings']);
  if (list?.type !== 'array') {
    // Cut short before its list began: nothing in it can be told apart, so a copy naming the user goes.
    if (!text.includes(userKey)) return 0;
    await fs.rm(file, { force: true });
    return 1;
  }
  const requests = (list.children ?? []).map((node) => getNodeValue(node) as unknown);
  const kept = requests.filter((request) => !mayBelongTo(request, userKey));
  if (kept.length === requests.length) return 0;
  const { atime, mtime } = await fs.stat(file);
  const next = `${file}.next`;
  await fs.writeFile(next, JSON.stringify({ bookings: kept }, null, 2));
  await fs.utimes(next, atime, mtime);
  await fs.rename(next, file);
  return requests.length - kept.length;
}

/**
 * The user's, or possibly theirs: a request cut short inside its userKey keeps only the start of it,
 * and one cut before its userKey (or with none) names nobody.
 */
function mayBelongTo(request: unknown, userKey: string): boolean {
  if (typeof request !== 'object' || request === null) return false;
  const owner = (request as { userKey?: unknown }).userKey;
  return typeof owner !== 'string' || userKey.startsWith(owner);
}
