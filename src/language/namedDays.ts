/**
 * Named days people date things from ("since Halloween", "since bonfire night", "since Easter"), from
 * knowledge/nlp/named-days.yaml. A day is a fixed date, a day counted from Easter Sunday, or the nth
 * weekday of a month; "since <day>" is its most recent occurrence that is not after today.
 */
import * as path from 'node:path';
import { z } from 'zod';
import { readYamlFile } from '../knowledge/loadKnowledge';

/** Weekday names in Date.getDay() order (0 is Sunday). */
export const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const ORDINALS: Record<string, number> = { '1st': 1, '2nd': 2, '3rd': 3, '4th': 4, first: 1, second: 2, third: 3, fourth: 4, last: -1 };

/** When a named day falls in a given year (local calendar date). */
export type DayRule = (year: number) => Date;

/** Easter Sunday (Gregorian), by the anonymous algorithm in Meeus' Astronomical Algorithms. */
function easterSunday(year: number): Date {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const h = (19 * a + b - Math.floor(b / 4) - Math.floor((b - Math.floor((8 * b + 13) / 25)) / 3) + 15) % 30;
  const l = (32 + 2 * (b % 4) + 2 * Math.floor(c / 4) - h - (c % 4)) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return new Date(year, month - 1, day);
}

/** Reads a day's `date` ("10-31", "easter-2", "4th thursday of november"); undefined when it is none of these. */
export function dayRuleOf(date: string): DayRule | undefined {
  const fixed = /^(\d{2})-(\d{2})$/.exec(date);
  if (fixed) {
    const [month, day] = [Number(fixed[1]), Number(fixed[2])];
    const probe = new Date(2024, month - 1, day); // a leap year, so 02-29 is a date
    if (month < 1 || month > 12 || probe.getMonth() !== month - 1) return undefined;
    return (year) => new Date(year, month - 1, day);
  }
  const easter = /^easter(?:([+-])(\d{1,2}))?$/.exec(date);
  if (easter) {
    const offset = easter[1] ? Number(`${easter[1]}${easter[2]}`) : 0;
    return (year) => {
      const d = easterSunday(year);
      return new Date(year, d.getMonth(), d.getDate() + offset);
    };
  }
  const nth = /^(\S+) (\S+) of (\S+)$/.exec(date.toLowerCase());
  if (nth && nth[1] in ORDINALS && WEEKDAYS.includes(nth[2]) && MONTHS.includes(nth[3])) {
    const [n, weekday, month] = [ORDINALS[nth[1]], WEEKDAYS.indexOf(nth[2]), MONTHS.indexOf(nth[3])];
    return (year) => {
      if (n > 0) {
        const first = new Date(year, month, 1).getDay();
        return new Date(year, month, 1 + ((weekday - first + 7) % 7) + 7 * (n - 1));
      }
      const last = new Date(year, month + 1, 0);
      return new Date(year, month, last.getDate() - ((last.getDay() - weekday + 7) % 7));
    };
  }
  return undefined;
}

const namedDaysFileSchema = z.strictObject({
  days: z
    .array(
      z
        .strictObject({
          id: z.string().regex(/^[a-z0-9-]+$/, 'ids are lower-case words joined by hyphens'),
          says: z.array(z.string().min(2)).min(1),
          date: z.string(),
        })
        .superRefine((day, ctx) => {
          if (dayRuleOf(day.date) === undefined)
            ctx.addIssue({
              code: 'custom',
              path: ['date'],
              message: `the day "${day.id}" has the date "${day.date}", which is not one this file understands: use "MM-DD", "easter", "easter+1" / "easter-2", or "4th thursday of november"`,
            });
        }),
    )
    .min(1)
    .superRefine((days, ctx) => {
      const seen = new Set<string>();
      days.forEach((day, i) => {
        if (seen.has(day.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `the id "${day.id}" is used twice` });
        seen.add(day.id);
      });
    }),
});

export interface NamedDay {
  id: string;
  /** What people say for it, as the answer readers' words (lower case, apostrophes gone). */
  says: string[];
  on: DayRule;
}

/** A phrase as the normaliser leaves it: lower case, no apostrophes, single spaces. */
const plainWords = (text: string): string =>
  (
    text
      .toLowerCase()
      .replace(/['\u2019]/g, '')
      .match(/[a-z0-9]+/g) ?? []
  ).join(' ');

export function loadNamedDays(knowledgeDir: string): NamedDay[] {
  const { days } = readYamlFile(path.join(knowledgeDir, 'nlp', 'named-days.yaml'), namedDaysFileSchema);
  return days.map((day) => ({ id: day.id, says: day.says.map(plainWords), on: dayRuleOf(day.date)! }));
}

/**
 * The named day the words mention (the longest phrase wins: "christmas eve" over "christmas") and its
 * most recent occurrence on or before `today`.
 */
export function namedDayIn(
  words: string,
  days: readonly NamedDay[],
  today: Date,
): { day: NamedDay; date: Date; index: number; end: number } | undefined {
  const padded = ` ${words} `;
  let best: { day: NamedDay; length: number; index: number } | undefined;
  for (const day of days)
    for (const phrase of day.says) {
      const at = padded.indexOf(` ${phrase} `);
      if (at >= 0 && phrase.length > (best?.length ?? 0)) best = { day, length: phrase.length, index: at };
    }
  if (!best) return undefined;
  const midnight = new Date(today.getFullYear(), today.getMonth(), today.getDate());
  const end = best.index + best.length;
  // "christmas last year", "easter this year": the year said is the year meant, and part of the day's words.
  const year = /^ (last|this) year\b/.exec(padded.slice(end + 1));
  if (year) {
    const date = best.day.on(today.getFullYear() - (year[1] === 'last' ? 1 : 0));
    return date.getTime() > midnight.getTime() ? undefined : { day: best.day, date, index: best.index, end: end + year[0].length };
  }
  let date = best.day.on(today.getFullYear());
  if (date.getTime() > midnight.getTime()) date = best.day.on(today.getFullYear() - 1);
  return { day: best.day, date, index: best.index, end };
}
