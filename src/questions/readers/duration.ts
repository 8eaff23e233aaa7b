/**
 * How long the pain has lasted, in days. The symptom parsers read amounts and relative phrases ("about 3
 * weeks", "since last tuesday", "a fortnight"); Microsoft's recognizers read calendar dates ("since the
 * 7th of November", "since 14/11") and spelled-out durations the parsers miss. A button carries a range
 * ("7-41 days"): the range is kept, never a made-up midpoint.
 */
import type * as RecognizersSuite from '@microsoft/recognizers-text-suite';
import { parseDuration } from '../../symptoms/answerParsers';

export interface DurationAnswer {
  /** Days since it started (for a range: the lower bound, so "6 to 12 weeks" counts as 6 weeks or more). */
  days: number;
  /** Set when the user gave a range (a button): [from, to]; `to` is null for "over ...". */
  range?: [number, number | null];
}

const DAY_MS = 86_400_000;

let recognizers: typeof RecognizersSuite | undefined;
/** Loaded on the first date to read, not at start-up: the suite with all its cultures costs ~0.25 s to load. */
function loadRecognizers(): typeof RecognizersSuite {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, to keep start-up lean
  recognizers ??= require('@microsoft/recognizers-text-suite') as typeof RecognizersSuite;
  return recognizers;
}

/** Days from a date the recognizers found in the text ("since 14/11") to `today`. */
function daysSinceRecognizedDate(text: string, today: Date): number | undefined {
  if (!/\b(since|from|started|start|began|begun|on|around|about|ago)\b/i.test(text) && !/\d{1,2}\/\d{1,2}/.test(text)) return undefined;
  // "7/10" read as a date would turn a pain score into a start date; only "since/from ..." is a date here.
  const Recognizers = loadRecognizers();
  const results = Recognizers.recognizeDateTime(text, Recognizers.Culture.English, undefined, today);
  let best: number | undefined;
  for (const result of results) {
    const values = (result.resolution?.values ?? []) as Array<{ type?: string; value?: string; start?: string }>;
    if (result.typeName === 'datetimeV2.duration') {
      const seconds = Number(values[0]?.value);
      if (Number.isFinite(seconds) && seconds > 0) best = Math.max(best ?? 0, Math.floor(seconds / 86_400));
      continue;
    }
    // A date or range: the latest candidate that is not in the future is when it started.
    const starts = values
      .map((v) => v.start ?? v.value)
      .filter((v): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v))
      .map((v) => new Date(`${v.slice(0, 10)}T00:00:00`))
      .filter((d) => d.getTime() <= today.getTime());
    if (starts.length === 0) continue;
    const latest = Math.max(...starts.map((d) => d.getTime()));
    best = Math.max(best ?? 0, Math.max(0, Math.floor((today.getTime() - latest) / DAY_MS)));
  }
  return best;
}

export function readDuration(text: string, today: Date = new Date()): DurationAnswer | undefined {
  const days = parseDuration(text, today) ?? daysSinceRecognizedDate(text, today);
  return days === undefined ? undefined : { days };
}

/** A button's value: "7-41 days", "84+ days" or "21 days". */
export function durationFromChoice(value: string): DurationAnswer | undefined {
  const range = /^(\d+)-(\d+) days$/.exec(value);
  if (range && Number(range[1]) <= Number(range[2])) return { days: Number(range[1]), range: [Number(range[1]), Number(range[2])] };
  const open = /^(\d+)\+ days$/.exec(value);
  if (open) return { days: Number(open[1]), range: [Number(open[1]), null] };
  const exact = /^(\d+) days$/.exec(value);
  return exact ? { days: Number(exact[1]) } : undefined;
}

export function canonicalDuration(answer: DurationAnswer): string {
  if (!answer.range) return `${answer.days} days`;
  return answer.range[1] === null ? `${answer.range[0]}+ days` : `${answer.range[0]}-${answer.range[1]} days`;
}
