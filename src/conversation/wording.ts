/** Picks the bot's wording from knowledge/wording.yaml and fills its {placeholders}. */
import type { Wording } from '../knowledge/schema';
import type { WordingKey } from '../knowledge/wordingKeys';

export type Say = (key: WordingKey, values?: Record<string, string>) => string;

export function fillPlaceholders(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

/** `pick` chooses among variants; tests pass one that always takes the first, for stable transcripts. */
export function createSay(wording: Wording, defaults: Record<string, string>, pick: (n: number) => number = randomIndex): Say {
  return (key, values = {}) => {
    const entry = wording[key];
    if (entry === undefined) throw new Error(`wording.yaml has no message "${key}"`);
    const template = Array.isArray(entry) ? entry[pick(entry.length)] : entry;
    return fillPlaceholders(template, { ...defaults, ...values });
  };
}

const randomIndex = (n: number): number => Math.floor(Math.random() * n);
