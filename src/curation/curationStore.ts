/**
 * What the clinic's editors need to improve the knowledge base: questions the bot could not answer
 * confidently, and ratings of its answers. Kept in the bot's own storage (lowdb, Redis or memory), only
 * for users who agreed to let the bot keep their answers, redacted before they are written, per user
 * (so "forget me" deletes them) and never longer than DATA_RETENTION_DAYS. `npm run kb:gaps` lists them.
 *
 * Storage keys: `curation/users/<userKey>` holds one user's entries; `curation/index` lists the user
 * keys (one-way hashes, see src/booking/userKey.ts), written with its eTag so two bot instances adding
 * users at once do not overwrite each other.
 */
import type { Storage, StoreItem } from 'botbuilder';

export type Rating = 'helpful' | 'partly' | 'not_helpful';
export const RATINGS: readonly Rating[] = ['helpful', 'partly', 'not_helpful'];

export interface Guess {
  intent: string;
  score: number;
}

export type CurationEntry =
  | { kind: 'unanswered'; at: string; text: string; outcome: string; guesses: Guess[] }
  | { kind: 'feedback'; at: string; topic: string; rating: Rating; comment?: string };

const INDEX_KEY = 'curation/index';
const userRecordKey = (userKey: string) => `curation/users/${userKey}`;
/** One user's entries are capped: a chatty user cannot fill the store. */
const MAX_ENTRIES_PER_USER = 200;
const DAY_MS = 24 * 60 * 60 * 1000;

interface UserRecord extends StoreItem {
  entries: CurationEntry[];
}

interface IndexRecord extends StoreItem {
  users: string[];
}

export class CurationStore {
  constructor(
    private readonly storage: Storage,
    private readonly retentionDays: number,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async add(userKey: string, entry: CurationEntry): Promise<void> {
    const key = userRecordKey(userKey);
    const record = ((await this.storage.read([key]))[key] as UserRecord | undefined) ?? { entries: [] };
    const entries = this.current([...record.entries, entry]).slice(-MAX_ENTRIES_PER_USER);
    await this.storage.write({ [key]: { entries, eTag: '*' } });
    await this.addToIndex(userKey);
  }

  /** Deletes everything kept for this user ("forget me"). */
  async forget(userKey: string): Promise<void> {
    await this.storage.delete([userRecordKey(userKey)]);
    await this.updateIndex((users) => users.filter((u) => u !== userKey));
  }

  /** Every entry still within the retention period, all users together (no user keys). */
  async list(): Promise<CurationEntry[]> {
    const index = ((await this.storage.read([INDEX_KEY]))[INDEX_KEY] as IndexRecord | undefined)?.users ?? [];
    if (index.length === 0) return [];
    const records = await this.storage.read(index.map(userRecordKey));
    return this.current(Object.values(records).flatMap((record) => (record as UserRecord).entries ?? []));
  }

  private current(entries: CurationEntry[]): CurationEntry[] {
    const cutoff = this.now().getTime() - this.retentionDays * DAY_MS;
    return entries.filter((entry) => Date.parse(entry.at) >= cutoff);
  }

  private async addToIndex(userKey: string): Promise<void> {
    await this.updateIndex((users) => (users.includes(userKey) ? users : [...users, userKey]));
  }

  /** Read-modify-write with the record's eTag; retried when another instance wrote in between. */
  private async updateIndex(change: (users: string[]) => string[]): Promise<void> {
    for (let attempt = 0; ; attempt += 1) {
      const current = (await this.storage.read([INDEX_KEY]))[INDEX_KEY] as IndexRecord | undefined;
      const users = current?.users ?? [];
      const next = change(users);
      if (next.length === users.length && next.every((u, i) => u === users[i])) return;
      try {
        // No record yet: '*' creates it. Otherwise the write must match what was read.
        await this.storage.write({ [INDEX_KEY]: { users: next, eTag: current?.eTag ?? '*' } });
        return;
      } catch (error) {
        if (attempt >= 4) throw error;
      }
    }
  }
}
