/**
 * When something started, as days before today: calendar dates and weekdays ("since the 7th of November",
 * "since 14/11", "last saturday", "3 days ago") read by chrono-node, named days ("since halloween") from
 * knowledge/nlp/named-days.yaml, and a bare day of the month ("since the 20th"). `today` is the turn's
 * date, never the clock. A date that would be in the future ("since march" in December is this year's
 * March, in February last year's) is read as the most recent one before today.
 */
// The English parsers only: the package's main entry also loads its dozen other locales (~100 ms of start-up).
import * as chronoEn from 'chrono-node/en';
import { namedDayIn, type NamedDay } from './namedDays';

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
  if (!START_CUE.test(text) && (needsCue || !NUMERIC_DATE.test(text)) && !/^\s*\S+(?: \S+)?\s*$/.test(words)) return undefined;
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
