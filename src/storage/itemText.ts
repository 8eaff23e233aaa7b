/**
 * The JSON text of a state item (its eTag left out), handed between the storage and the bot's state so a
 * turn serialises its state once. The state stringifies itself to tell whether it changed; without this
 * the storage stringified it again to write it, and the state as read was stringified once more to have
 * something to compare with. Two one-shot hand-overs, each taken by the one reader it is meant for, so a
 * text noted for one purpose is never used for another (an item read, changed and written by other code
 * is stringified as before). Keyed weakly by the object: nothing outlives the turn's state.
 */
const asRead = new WeakMap<object, string>();
const toWrite = new WeakMap<object, string>();

/** JSON of a state item without its eTag (the eTag is storage bookkeeping, not a change). */
export function stringifyItem(item: Record<string, unknown>): string {
  const { eTag: _ignored, ...rest } = item;
  return JSON.stringify(rest);
}

/** Storage, on a read: `text` is stringifyItem(item) for the item it returns. */
export function noteReadText(item: object, text: string): void {
  asRead.set(item, text);
}

/** The text noted when `item` was read, once; stringifyItem when none was. */
export function takeReadText(item: Record<string, unknown>): string {
  const text = asRead.get(item);
  asRead.delete(item);
  return text ?? stringifyItem(item);
}

/** State, just before writing: `text` is stringifyItem(item) as the item is now. */
export function noteWriteText(item: object, text: string): void {
  toWrite.set(item, text);
}

/** Storage, on a write: the text noted for `item` (once), if any. Take it before any await. */
export function takeWriteText(item: object): string | undefined {
  const text = toWrite.get(item);
  toWrite.delete(item);
  return text;
}
