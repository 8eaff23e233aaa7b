/**
 * What every answer reader reads with: the one language layer, the named days, the region's phone and
 * date conventions, and the turn's date. The date is the user's calendar day from the activity (its
 * local timestamp, which carries the user's offset), else the day the turn arrived: readers never read
 * the clock themselves.
 */
import type { CountryCode } from 'libphonenumber-js';
import type { ConceptRules } from '../safety/conceptRules';
import { screenForRedFlags } from '../safety/redFlagDetector';
import type { DetectorLexicon, RedFlagRules } from '../safety/types';
import type { NamedDay } from '../language/namedDays';
import type { ReadContext } from './answerTypes';

/** Everything a reader needs that does not change from turn to turn (built once at start-up). */
export type AnswerReading = Omit<ReadContext, 'today'>;

/** The flag whose `unless` list says sore legs are the work's soreness ("after the race", "doms"). */
const BILATERAL_LEGS = 'bilateral-leg-symptoms';

export function answerReadingOf(options: {
  language: DetectorLexicon;
  concepts?: ConceptRules;
  /** The red-flag rules, for questions a red flag answers (a question's `yesWhen.flags`). */
  redFlags?: RedFlagRules;
  namedDays: readonly NamedDay[];
  phoneCountry?: CountryCode;
}): AnswerReading {
  const { redFlags } = options;
  return {
    redFlagsIn: redFlags && ((text, answering) => new Set(screenForRedFlags(text, redFlags, { answering }).hits.map((hit) => hit.id))),
    language: options.language,
    namedDays: options.namedDays,
    phoneCountry: options.phoneCountry,
    monthFirst: options.phoneCountry === 'US',
    afterExertion: options.concepts?.flags.find((f) => f.id === BILATERAL_LEGS)?.unless ?? null,
  };
}

const DAY_MS = 86_400_000;

/** The user's calendar day for a turn, at local noon (so day arithmetic never trips over a clock change). */
export function turnDay(activity: { localTimestamp?: Date | string; timestamp?: Date | string }, arrived: Date): Date {
  const local = typeof activity.localTimestamp === 'string' ? /^(\d{4})-(\d{2})-(\d{2})T/.exec(activity.localTimestamp) : null;
  if (local) {
    const day = new Date(Number(local[1]), Number(local[2]) - 1, Number(local[3]), 12);
    // A client's clock can be wrong; a day more than a day away from when the turn arrived is not trusted.
    if (Math.abs(day.getTime() - arrived.getTime()) <= 1.5 * DAY_MS) return day;
  }
  return new Date(arrived.getFullYear(), arrived.getMonth(), arrived.getDate(), 12);
}

export function readContextOf(
  reading: AnswerReading,
  activity: { localTimestamp?: Date | string; timestamp?: Date | string },
  arrived: Date = new Date(),
): ReadContext {
  return { ...reading, today: turnDay(activity, arrived) };
}
