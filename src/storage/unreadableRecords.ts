/**
 * A storage that found a record unreadable (cut short by a power loss or a full disk), set it aside and
 * answered "no record" says so once, so the bot can tell the user why it has lost track instead of
 * starting over silently.
 */
export interface ReportsUnreadableRecords {
  /** True once for a key whose record was found unreadable since the last call; false otherwise. */
  takeUnreadable(key: string): boolean;
}

export const reportsUnreadableRecords = (storage: unknown): storage is ReportsUnreadableRecords =>
  typeof (storage as Partial<ReportsUnreadableRecords> | null)?.takeUnreadable === 'function';
