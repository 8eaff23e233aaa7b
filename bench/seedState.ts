/**
 * Fills a lowdb state folder with N stored conversations (each with its user record) before the bot
 * starts, copying real records the bot wrote for the bench conversations, so the stored data has the size
 * and shape of the real thing. Files are written straight into the bot's layout (stateFileFor): going
 * through the storage's journal would only add a checkpoint per record to a set-up step.
 */
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { stateFileFor } from '../src/storage/lowdbStorage';
import { walkStateFiles } from '../src/storage/walkStateFiles';
import { seededSpeaker } from './activity';

export interface StateTemplate {
  conversations: Record<string, unknown>[];
  users: Record<string, unknown>[];
}

/** Reads the records a bot left in `stateDir` (after its conversations ran and it shut down) to copy from. */
export async function readStateTemplate(stateDir: string): Promise<StateTemplate> {
  const template: StateTemplate = { conversations: [], users: [] };
  for await (const file of walkStateFiles(stateDir)) {
    const record = JSON.parse(fs.readFileSync(file, 'utf8')) as { key: string; item: Record<string, unknown> };
    if (record.key.includes('/conversations/')) template.conversations.push(record.item);
    if (record.key.includes('/users/')) template.users.push(record.item);
  }
  if (template.conversations.length === 0 || template.users.length === 0) throw new Error(`no conversation state found in ${stateDir}`);
  return template;
}

/** Writes `count` conversations (each with its user record) into `stateDir`. */
export function seedConversations(stateDir: string, template: StateTemplate, count: number): void {
  const made = new Set<string>();
  const put = (key: string, item: Record<string, unknown>) => {
    const file = stateFileFor(stateDir, key);
    const dir = path.dirname(file);
    if (!made.has(dir)) {
      fs.mkdirSync(dir, { recursive: true });
      made.add(dir);
    }
    fs.writeFileSync(file, JSON.stringify({ key, eTag: randomUUID(), updatedAt: new Date().toISOString(), item }));
  };
  for (let i = 0; i < count; i += 1) {
    const { conversationId, userId } = seededSpeaker(i);
    put(`emulator/conversations/${conversationId}/`, template.conversations[i % template.conversations.length]);
    put(`emulator/users/${userId}/`, template.users[i % template.users.length]);
  }
}
