/**
 * When something started, as days before today: calendar dates and weekdays ("since the 7th of November",
 * "since 14/11", "last saturday", "3 days ago") read by chrono-node, named days ("since halloween") from
 * knowledge/nlp/named-days.yaml, and a bare day of the month ("since the 20th"). `today` is the turn's
 * date, never the clock. A date that would be in the future ("since march" in December is this year's
 * March, in February last year's) is read as the most recent one before today.
 */
// The English parsers only: the package's main entry also loads its dozen other locales (~100 ms of start-up).
import * as chronoEn from 'chrono-node/en';
import { namedDayIn, WEEKDAYS, type NamedDay } from './namedDays';

export interface DateReading {
  /** The turn's date (the user's calendar day). */
  today: Date;
  namedDays: readonly NamedDay[];
  /** "14/11" is 14 November (day first, the UK's order) unless the bot's region writes months first (US). */
  monthFirst?: boolean;
}

const DAY_MS = 86_400_000;
/** Words that make a date the start of something ("since", "started on"). */
const START_CUE = /\b(since|from|started|starting|start|began|begun|beginning|on|around|about|ago|as of|last)\b/i;
/** A start word shortly before a date, in the same clause. */
const STARTED_BEFORE = /\b(since|started|starting|start|began|begun|from|as of)\b[^,.;!?]{0,25}$/i;
const NUMERIC_DATE = /\b\d{1,2}[/.-]\d{1,2}(?:[/.-]\d{2,4})?\b/;

const WEEKDAY_LAST_WEEK = new RegExp(`\\b(${WEEKDAYS.join('|')}) (?:of )?last week\\b`, 'i');
const JUST_GONE = new RegExp(`\\b(${WEEKDAYS.join('|')}) just gone\\b`, 'gi');

const midnightOf = (d: Date): Date => new Date(d.getFullYear(), d.getMonth(), d.getDate());
const daysBetween = (from: Date, to: Date): number => Math.round((midnightOf(to).getTime() - midnightOf(from).getTime()) / DAY_MS);

/** "the 20th" with no month: the most recent 20th, this month or last. */
function dayOfMonthIn(words: string, today: Date): Date | undefined {
  const m = /\b(?:the )?(\d{1,2}) ?(?:st|nd|rd|th)\b(?! (?:of )?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec))/.exec(words);
  if (!m) return undefined;
  const day = Number(m[1]);
  if (day < 1 || day > 31) return undefined;
  for (let back = 0; back <= 2; back += 1) {
    const candidate = new Date(today.getFullYear(), today.getMonth() - back, day);
    if (candidate.getDate() === day && candidate.getTime() <= midnightOf(today).getTime()) return candidate;
  }
  return undefined;
}

/**
 * Days from the start date the text names to today, or undefined when it names none. With `needsCue`
 * (a free description), only a date said as a start ("since ...", "started ...") counts.
 */
export function daysSinceNamedStart(text: string, words: string, reading: DateReading, needsCue = false): number | undefined {
  const { today } = reading;
  // "tuesday just gone" is the most recent Tuesday, as "since tuesday" is.
  text = text.replace(JUST_GONE, 'since $1');
  words = words.replace(JUST_GONE, 'since $1');
  // "wednesday last week": that weekday in the week (Monday to Sunday) before this one; chrono reads the
  // weekday and "last week" apart.
  const inLastWeek = WEEKDAY_LAST_WEEK.exec(text);
  if (inLastWeek && (!needsCue || STARTED_BEFORE.test(text.slice(0, inLastWeek.index)))) {
    const start = midnightOf(today);
    const mondayBased = (d: number): number => (d + 6) % 7;
    start.setDate(start.getDate() - mondayBased(today.getDay()) - 7 + mondayBased(WEEKDAYS.indexOf(inLastWeek[1].toLowerCase())));
    const rest = text.replace(WEEKDAY_LAST_WEEK, ' ');
    const others = /[a-z0-9]/i.test(rest) ? daysSinceNamedStart(rest, words.replace(WEEKDAY_LAST_WEEK, ' '), reading, needsCue) : undefined;
    return Math.max(daysBetween(start, today), others ?? 0);
  }
  const bare = (w: string): boolean => /^\s*\S+(?: \S+)?\s*$/.test(w);
  if (!START_CUE.test(text) && (needsCue || !NUMERIC_DATE.test(text)) && !bare(words)) {
    // "bonfire night. remember cos i was carrying boxes": an answer that opens with a bare date.
    const opener = /^\s*([^.,;:!?]+)[.,;:!?]/.exec(text)?.[1];
    const openerWords = words.split(/ ?[.,;:!?] ?/)[0];
    return !needsCue && opener && bare(openerWords) ? daysSinceNamedStart(opener, openerWords, reading) : undefined;
  }
  // "since sundays long run": the weekday's, apostrophe dropped, is the weekday.
  text = text.replace(/\b(since|from) ((?:mon|tues|wednes|thurs|fri|satur|sun)day)'?s\b/gi, '$1 $2');
  const starts: Date[] = [];
  // In a free description a date counts only when said as the start: "started hurting last sunday",
  // not "did a long run last sunday" or a "6/10" pain score.
  const saidAsStart = (before: string, after: string): boolean => !needsCue || STARTED_BEFORE.test(before) || /^\s*ago\b/.test(after);
  const named = namedDayIn(words, reading.namedDays, today);
  if (named && saidAsStart(words.slice(0, named.index), words.slice(named.end))) starts.push(named.date);
  // Words of the named day are its own: "the august bank holiday" is not 1 August, "christmas last year" not a year ago.
  const namedWords = named ? ` ${words.slice(named.index, named.end)} ` : '';
  const parser = reading.monthFirst ? chronoEn : chronoEn.GB;
  // Where a "last year" / "this year" that belongs to the date before it ends ("since march last year").
  let yearOfDateEnds = -1;
  for (const result of parser.parse(text, today)) {
    if (result.index < yearOfDateEnds) continue;
    const resultWords = (result.text.toLowerCase().match(/[a-z0-9]+/g) ?? []).join(' ');
    if (named && resultWords && namedWords.includes(` ${resultWords} `)) continue;
    if (!saidAsStart(text.slice(0, result.index), text.slice(result.index + result.text.length)) && !/\bago\b/i.test(result.text)) continue;
    let start = result.start.date();
    const yearSaid = /^\s*(?:of\s+)?(last|this)\s+year\b/i.exec(text.slice(result.index + result.text.length));
    if (yearSaid && result.start.isCertain('month') && !result.start.isCertain('year')) {
      start = new Date(start);
      start.setFullYear(today.getFullYear() - (yearSaid[1].toLowerCase() === 'last' ? 1 : 0));
      yearOfDateEnds = result.index + result.text.length + yearSaid[0].length;
    }
    // chrono may pick the next one: "since sunday" on a Thursday is next Sunday, "since march" in
    // December next March. The start is the most recent one: a week back for a weekday, a year for a month.
    if (midnightOf(start).getTime() > midnightOf(today).getTime()) {
      start = new Date(start);
      if (result.start.isCertain('weekday') && !result.start.isCertain('day')) start.setDate(start.getDate() - 7);
      else if (!result.start.isCertain('year')) start.setFullYear(start.getFullYear() - 1);
    }
    if (midnightOf(start).getTime() <= midnightOf(today).getTime()) starts.push(start);
  }
  if (starts.length === 0 && !needsCue) {
    const dayOfMonth = dayOfMonthIn(words, today);
    if (dayOfMonth) starts.push(dayOfMonth);
  }
  if (starts.length === 0) return undefined;
  // Several dates: the earliest is when it started ("since the 7th, worse since tuesday").
  return Math.max(...starts.map((start) => daysBetween(start, today)));
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH_WORD = String.raw`(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)`;
/** Meteorological seasons (the UK's) as [first month, last month], 0-based; winter runs into the new year. */
const SEASONS: Record<string, [number, number]> = { spring: [2, 4], summer: [5, 7], autumn: [8, 10], winter: [11, 13] };
const SEASON = /\b(?:since|in|from|over|during|the|this|last) (?:the )?(spring|summer|autumn|winter)\b/;
const MONTH_PART = new RegExp(
  String.raw`\b(?:(?:the )?(start|beginning|middle|end) of (?:the month of )?|(early|mid|late) )${MONTH_WORD}\b`,
);
/** Which days of the month a part of it covers (1-based; the end runs to the month's last day). */
const PART_DAYS: Record<string, [number, number]> = {
  start: [1, 10],
  beginning: [1, 10],
  early: [1, 10],
  middle: [11, 20],
  mid: [11, 20],
  end: [21, 31],
  late: [21, 31],
};

/**
 * A start said as a stretch of time, not a day: "since the summer", "at the end of september", "early
 * march". Returns the first and last day it can be (and the words that say it), for the most recent such stretch that has begun by
 * today (cut at today). Undefined when the words name none: "since march" is a date (the 1st), read by
 * daysSinceNamedStart, and "my fall" is not a season ("fall" is left out for that reason).
 */
export function startPeriodIn(words: string, today: Date): { first: Date; last: Date; words: string; index: number } | undefined {
  const midnight = midnightOf(today);
  const season = SEASON.exec(words);
  const part = MONTH_PART.exec(words);
  if (!season && !part) return undefined;
  for (const year of [today.getFullYear(), today.getFullYear() - 1]) {
    let from: Date;
    let to: Date;
    if (season) {
      const [first, last] = SEASONS[season[1]];
      [from, to] = [new Date(year, first, 1), new Date(year, last + 1, 0)];
    } else {
      const month = MONTHS.findIndex((name) => name.startsWith(part![3].slice(0, 3)));
      const [a, b] = PART_DAYS[part![1] ?? part![2]];
      [from, to] = [new Date(year, month, a), new Date(year, month, Math.min(b, new Date(year, month + 1, 0).getDate()))];
    }
    if (from.getTime() <= midnight.getTime())
      return {
        first: from,
        last: to.getTime() > midnight.getTime() ? midnight : to,
        words: (season ?? part)![0],
        index: (season ?? part)!.index,
      };
  }
  return undefined;
}

/** Whole days from a date to today. */
export const daysBefore = (date: Date, today: Date): number => daysBetween(date, today);

/** A date said in full, day, month and year ("2nd march 1990", "02/03/1990"), or undefined. */
export function fullDateIn(text: string, reading: DateReading): Date | undefined {
  const parser = reading.monthFirst ? chronoEn : chronoEn.GB;
  const result = parser.parse(text, reading.today).find((r) => ['day', 'month', 'year'].every((c) => r.start.isCertain(c as 'day')));
  return result?.start.date();
}
