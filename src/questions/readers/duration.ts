/**
 * How long the pain has lasted, in days. The symptom parsers read amounts and relative phrases ("about 3
 * weeks", "a fortnight", "this week") and, through the language layer's date reader, start dates ("since
 * the 7th of November", "since 14/11", "last saturday", "since halloween"). A range ("somewhere between 6 and 12
 * weeks", "more than 3 months", or a button's "7-41 days") is kept as a range, never a made-up midpoint.
 */
import type { DetectorLexicon } from '../../safety/types';
import { daysBefore, startPeriodIn, type DateReading } from '../../language/dates';
import { namedDayIn } from '../../language/namedDays';
import { normalisedWords } from '../../language/normalise';
import { parseDuration } from '../../symptoms/answerParsers';

export interface DurationAnswer {
  /** Days since it started (for a range: the lower bound, so "6 to 12 weeks" counts as 6 weeks or more). */
  days: number;
  /** Set for a range: [from, to] in whole days; `to` is null for "over ...". */
  range?: [number, number | null];
  /**
   * A vague amount or start ("a few days", "since the summer", "end of september"): the days it can
   * span. Only used to pick the button that holds it; when none does, `days` is the answer.
   */
  about?: [number, number];
}

export interface DurationReading extends DateReading {
  language: DetectorLexicon;
}

const NUMBER = String.raw`(?:\d+(?:\.\d+)?|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a couple of|a few|few|couple of)`;
const UNIT = String.raw`(?:days?|weeks?|months?|years?|fortnights?)`;
const BETWEEN = new RegExp(String.raw`\b(?:between |from )?(${NUMBER})(?: ${UNIT})? (?:and|to|or|-) (${NUMBER}) (${UNIT})\b`);
const OPEN_ABOVE = new RegExp(String.raw`\b(?:more than|over|longer than|at least|upwards of|well over|plus of) (${NUMBER} ${UNIT})\b`);
const OPEN_BELOW = new RegExp(String.raw`\b(?:less than|under|not even|not quite|shorter than) (${NUMBER} ${UNIT})\b`);

/** "between 6 and 12 weeks" -> [42, 83]; "more than 3 months" -> [90, null]; "less than a week" -> [0, 6]. */
function typedRange(words: string, reading: DurationReading): [number, number | null] | undefined {
  const days = (amount: string): number | undefined => parseDuration(amount, reading);
  const between = BETWEEN.exec(words);
  if (between) {
    const [from, to] = [days(`${between[1]} ${between[3]}`), days(`${between[2]} ${between[3]}`)];
    if (from !== undefined && to !== undefined && from < to) return [from, to - 1];
  }
  const above = OPEN_ABOVE.exec(words);
  if (above) {
    const from = days(above[1]);
    if (from !== undefined) return [from, null];
  }
  const below = OPEN_BELOW.exec(words);
  if (below) {
    const to = days(below[1]);
    if (to !== undefined && to > 0) return [0, to - 1];
  }
  return undefined;
}

export function readDuration(text: string, reading: DurationReading): DurationAnswer | undefined {
  // "6-12 weeks", "2–3 months": a dash between two amounts is a range (the normaliser drops the dash).
  const words = normalisedWords(text.replace(/(\d)\s*[-\u2013\u2014]\s*(\d)/g, '$1 to $2'), reading.language);
  const range = typedRange(words, reading);
  if (range) return { days: range[0], range };
  const vague = vagueSpan(words, reading);
  if (vague) {
    // What the rest of the answer says must fit the span ("a few days, no actually 3 months" is 3 months).
    const rest = parseDuration(words.replace(vague.words, ' '), reading);
    const [from, to] = vague.about;
    if (rest === undefined || (rest >= from && rest <= to)) return { days: rest ?? from, about: vague.about };
  }
  const days = parseDuration(text, reading);
  return days === undefined ? undefined : { days };
}

/** "a few" of a unit: two to five of them. */
const FEW = /\b(?:a )?few (days|weeks)\b/;

/** The vague amount or start the words give, with the words that give it. */
function vagueSpan(words: string, reading: DurationReading): { about: [number, number]; words: string } | undefined {
  const few = FEW.exec(words);
  if (few) {
    const unit = few[1] === 'days' ? 1 : 7;
    return { about: [2 * unit, 5 * unit], words: few[0] };
  }
  const period = startPeriodIn(words, reading.today);
  // "the summer bank holiday", "the early may bank holiday": a named day is a day, not a stretch.
  const named = namedDayIn(words, reading.namedDays, reading.today);
  if (period && named && named.index < period.index + period.words.length && period.index < named.end) return undefined;
  return period && { about: [daysBefore(period.last, reading.today), daysBefore(period.first, reading.today)], words: period.words };
}

/** A button's value: "7-41 days", "84+ days", "21 days" or "1 day". */
export function durationFromChoice(value: string): DurationAnswer | undefined {
  const range = /^(\d+)-(\d+) days$/.exec(value);
  if (range && Number(range[1]) <= Number(range[2])) return { days: Number(range[1]), range: [Number(range[1]), Number(range[2])] };
  const open = /^(\d+)\+ days$/.exec(value);
  if (open) return { days: Number(open[1]), range: [Number(open[1]), null] };
  const exact = /^(\d+) days?$/.exec(value);
  return exact && (exact[1] === '1') === value.endsWith('day') ? { days: Number(exact[1]) } : undefined;
}

export function canonicalDuration(answer: DurationAnswer): string {
  if (!answer.range) return answer.days === 1 ? '1 day' : `${answer.days} days`;
  return answer.range[1] === null ? `${answer.range[0]}+ days` : `${answer.range[0]}-${answer.range[1]} days`;
}

/** The button whose range holds the range the user typed ("between 6 and 12 weeks" is "6 to 12 weeks") or the span a vague answer covers. */
export function durationChoiceFor(answer: DurationAnswer, choices: DurationAnswer[]): DurationAnswer | undefined {
  const span = answer.range ?? answer.about;
  if (!span) return undefined;
  const [from, to] = span;
  return choices.find((c) => {
    if (!c.range) return false;
    const [low, high] = c.range;
    return from >= low && (high === null || (to !== null && to <= high));
  });
}
