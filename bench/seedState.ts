/**
 * Fills a lowdb state folder with N stored conversations before the bot starts, written straight to disk
 * with the bot's own LowdbStorage (same file layout), copying real records the bot wrote for the bench
 * conversations, so the stored data has the size and shape of the real thing.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { StoreItems } from 'botbuilder';
import { LowdbStorage } from '../src/storage/lowdbStorage';

interface StateTemplate {
  conversations: Record<string, unknown>[];
  users: Record<string, unknown>[];
}

/** Reads the records a bot left in `stateDir` (after its conversations ran) to copy from. */
export function readStateTemplate(stateDir: string): StateTemplate {
  const template: StateTemplate = { conversations: [], users: [] };
  for (const name of fs.readdirSync(stateDir, { recursive: true, encoding: 'utf8' })) {
    if (!name.endsWith('.json')) continue;
    const record = JSON.parse(fs.readFileSync(path.join(stateDir, name), 'utf8')) as { key: string; item: Record<string, unknown> };
    if (record.key.includes('/conversations/')) template.conversations.push(record.item);
    if (record.key.includes('/users/')) template.users.push(record.item);
  }
  if (template.conversations.length === 0 || template.users.length === 0) throw new Error(`no conversation state found in ${stateDir}`);
  return template;
}

/** Writes `count` conversations (each with its user record) into `stateDir`. */
export async function seedConversations(stateDir: string, template: StateTemplate, count: number): Promise<void> {
  const storage = new LowdbStorage(stateDir, { cacheSize: 0 });
  const batch = 200;
  for (let start = 0; start < count; start += batch) {
    const changes: StoreItems = {};
    for (let i = start; i < Math.min(count, start + batch); i += 1) {
      changes[`emulator/conversations/seeded-${i}/`] = template.conversations[i % template.conversations.length];
      changes[`emulator/users/seeded-runner-${i}/`] = template.users[i % template.users.length];
    }
    await storage.write(changes);
  }
  await storage.flush();
}
