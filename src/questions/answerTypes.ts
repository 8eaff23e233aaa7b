/**
 * One reader per kind of answer. Each reads what was typed, reads the canonical value a button
 * carries, and writes an answer back as that canonical value, so a tapped button, its label typed and
 * the same thing said in the user's own words all give one result. Plain functions, no I/O.
 */
import type { CountryCode } from 'libphonenumber-js';
import { parseContactDetail } from '../booking/contactDetails';
import type { ContactDetail } from '../booking/bookingTypes';
import { parseAge, parseLegSymptoms, parseLocation, parseSeverity, parseTiming, parseTrainingChanges } from '../symptoms/answerParsers';
import { parseBothersomeness } from '../symptoms/startBack';
import type { LegSymptom, PainArea, PainTiming, Side, SymptomAnswers, TrainingChange } from '../symptoms/types';
import { splitIntoClauses } from '../language/clauses';
import { statusOf } from '../language/mentionStatus';
import { isEnglishWord } from '../language/dictionary';
import { normalisedWords, normaliseText } from '../language/normalise';
import { correctTowards } from '../language/spelling';
import type { DetectorLexicon } from '../safety/types';
import { fullDateIn, type DateReading } from '../language/dates';
import { canonicalDuration, durationChoiceFor, durationFromChoice, readDuration, type DurationAnswer } from './readers/duration';
import { readName } from './readers/name';
import { canonicalScore, readScore, scoreFromChoice, type ScoreAnswer } from './readers/score';
import { isNonAnswer, isQuestionBack, readYesNo } from './readers/yesNo';

export interface ReadContext extends DateReading {
  /** The country a local phone number is read in. */
  phoneCountry?: CountryCode;
  /** The one language layer's lexicon (knowledge/nlp/lexicon.yaml and the red-flag file's detector words). */
  language: DetectorLexicon;
  /** Sore legs said with these are the work's soreness (the bilateral-leg red flag's `unless` list). */
  afterExertion?: RegExp | null;
  /** The red flags the red-flag screen finds in a message answering a question (ids of red-flags.yaml). */
  redFlagsIn?: (text: string, answering: string) => ReadonlySet<string>;
}

export interface AnswerReader<T> {
  read(text: string, context: ReadContext): T | undefined;
  fromChoice(value: string): T | undefined;
  canonical(value: T): string;
  /** The question's button that stands for what the user typed ("between 6 and 12 weeks"), if one does. */
  choiceFor?(value: T, choices: T[]): T | undefined;
}

const reader = <T>(r: AnswerReader<T>): AnswerReader<T> => r;
/** A reader for which "not sure" or "what do you mean?" is never an answer. */
const definite = <T>(r: AnswerReader<T>): AnswerReader<T> => ({
  ...r,
  read: (text, context) => (isNonAnswer(text, context.language) ? undefined : r.read(text, context)),
});
const yesNoValue = (answer: 'yes' | 'no' | 'unclear'): boolean | undefined => (answer === 'unclear' ? undefined : answer === 'yes');
const yesNoCanonical = (value: boolean): string => (value ? 'yes' : 'no');
const yesNoChoice = (value: string): boolean | undefined => (value === 'yes' ? true : value === 'no' ? false : undefined);

const AREAS: PainArea[] = ['central', 'one_side', 'buttock', 'thigh', 'below_knee'];
const SIDES: Side[] = ['left', 'right', 'both'];
const TIMINGS: PainTiming[] = [
  'during_running',
  'after_running',
  'at_rest',
  'at_night',
  'all_the_time',
  'morning_stiffness',
  'with_movement',
];
const CHANGES: TrainingChange[] = ['mileage', 'surface', 'shoes', 'hills', 'speed'];
const LEG_SYMPTOMS: LegSymptom[] = ['pain', 'tingling', 'numbness', 'weakness'];

type Location = NonNullable<SymptomAnswers['location']>;
type Legs = NonNullable<SymptomAnswers['legSymptoms']>;

/** The lower back as a whole ("lower back", "lumbar", "my back"): the middle of the lower back. */
const WHOLE_LOWER_BACK =
  /^(?:(?:in|on|at|across) )?(?:the |my )?(?:(?:lower|low|lumbar|bottom of (?:the |my )?) ?(?:back|spine|region|area)?|lumbar(?: spine| region| area)?|back|lower back middle|middle of (?:the |my )?(?:lower )?back|mid(?:dle)? lower back)(?: only| just)?$/;

function readLocation(text: string, context: ReadContext): Location | undefined {
  const parsed = parseLocation(text, context);
  if (parsed) return parsed;
  return WHOLE_LOWER_BACK.test(normalisedWords(text, context.language)) ? { area: 'central' } : undefined;
}

/** Timing, plus a pain that comes with a movement ("when I bend over", "lifting"): mechanical pain. */
const MOVEMENT_IN_CLAUSE =
  /\b(bend|bending|bent|lift|lifting|twist|twisting|turn|turning|move|moving|movement|stoop|stooping|getting up|get up|stand up|standing up|sit down|sitting down|cough|sneeze|reach|reaching)\b/g;
const MOST_OF_THE_TIME =
  /\b(most of the time|nearly all the time|almost all the time|pretty much always|almost always|nearly always|most days|every day|all day)\b/;

/** Worse or better with a position: "worse after sitting", "better standing". */
const POSITION_CHANGE =
  /\b(?:worse|better|eases?|easier|flares?|hurts? more|hurts? less)\b(?: [a-z]+){0,3} (?:sitting|sat|sit|standing|stood|driving|drive)\b/;

/** "sitting at my desk all day", "walked all day": how long the activity lasts, not a pain there all the time. */
const ACTIVITY_ALL_DAY =
  /\b((?:sit|sits|sitting|sat|stand|standing|stood|drive|driving|work|working|desk|office|computer|laptop|feet)\b(?: [a-z]+){0,3}) (?:all day|every day)\b|\b((?:drove|walking|walked)\b(?: [a-z]+){0,3}) all day\b/g;

function readTiming(text: string, context: ReadContext): PainTiming[] | undefined {
  const found = new Set(parseTiming(text, context) ?? []);
  const moves = reportsMovement(text, context.language);
  const words = normalisedWords(text, context.language);
  // "most of the time, worse after sitting": pain that changes with position is mechanical, not
  // there all the time whatever one does (a plain "all the time" is still read as said).
  const changesWithPosition = moves || POSITION_CHANGE.test(words);
  if (!changesWithPosition && MOST_OF_THE_TIME.test(words.replace(ACTIVITY_ALL_DAY, '$1$2'))) found.add('all_the_time');
  if (moves) found.add('with_movement');
  return found.size > 0 ? TIMINGS.filter((t) => found.has(t)) : undefined;
}

/** A movement the user reports as bringing the pain on: "when I bend over", not "not when I bend" or "never lifting". */
function reportsMovement(text: string, language: DetectorLexicon): boolean {
  return splitIntoClauses(normaliseText(text, language), language.clauseBreaks).some((clause) =>
    [...clause.text.matchAll(MOVEMENT_IN_CLAUSE)].some((m) => {
      const span = { start: m.index, end: m.index + m[0].length };
      return statusOf({ ...clause, mentions: [span] }, span, language) === 'affirmed';
    }),
  );
}

function agreement(text: string, context: ReadContext): boolean | undefined {
  const words = normalisedWords(text, context.language);
  if (/^(?:i )?(?:strongly )?(?:disagree|do not agree|dont agree)\b/.test(words)) return false;
  if (/^(?:i )?(?:strongly )?agree\b/.test(words)) return true;
  return yesNoValue(readYesNo(text, { degreeMeansYes: true, language: context.language }));
}

/** An age, or a birth date given in full ("born 2nd march 1990"): the years since, on the turn's date. */
function readAge(text: string, context: ReadContext): number | undefined {
  const age = parseAge(text, context);
  if (age !== undefined || !/\bborn\b/i.test(text)) return age;
  const born = fullDateIn(text, context);
  if (!born) return undefined;
  const { today } = context;
  const beforeBirthday = today.getMonth() < born.getMonth() || (today.getMonth() === born.getMonth() && today.getDate() < born.getDate());
  const years = today.getFullYear() - born.getFullYear() - (beforeBirthday ? 1 : 0);
  return years >= 10 && years <= 100 ? years : undefined;
}

export type BookingField = 'name' | 'contact' | 'preferredTimes' | 'notes';
export type BookingConfirm = { decision: 'send' } | { decision: 'cancel' } | { decision: 'change'; field?: BookingField };
const BOOKING_FIELDS: BookingField[] = ['name', 'contact', 'preferredTimes', 'notes'];

const FIELD_WORDS: Array<[BookingField, RegExp]> = [
  [
    'preferredTimes',
    /\b(time|times|day|days|evening|evenings|morning|mornings|afternoon|afternoons|weekend|weekends|weekday|weekdays|slot|when)\b/,
  ],
  ['contact', /\b(emails?|e mail|phones?|numbers?|contact|mobile)\b/],
  ['name', /\b(name|spelling|spelt|spelled)\b/],
  ['notes', /\b(notes?|note|message)\b/],
];

/** What a typo in a confirmation is corrected towards ("sned it" is "send it"); real words stay as typed. */
const CONFIRM_WORDS: ReadonlySet<string> = new Set([
  'send',
  'confirm',
  'confirmed',
  'submit',
  'cancel',
  'change',
  'correct',
  'update',
  'wrong',
]);
const CONFIRM_SPELLING = { minLength: 4, keep: isEnglishWord };

function readConfirm(text: string, context: ReadContext): BookingConfirm | undefined {
  const words = normalisedWords(text, context.language)
    .split(' ')
    .map((word) => correctTowards(word, CONFIRM_WORDS, CONFIRM_SPELLING))
    .join(' ');
  if (/^(send|send it|send it please|please send|please send it|confirm|confirmed|book it|submit|go ahead and send)$/.test(words))
    return { decision: 'send' };
  if (/^(cancel|cancel it|stop|(?:do not|dont) send(?: it)?|forget it|never mind|nevermind)$/.test(words)) return { decision: 'cancel' };
  // "actually forget it, cancel": a cancel with no detail to change is a cancel, whatever leads up to it.
  const field = FIELD_WORDS.find(([, pattern]) => pattern.test(words))?.[0];
  if (!field && CANCEL_WORDS.test(words) && !CHANGE_VERBS.test(words)) return { decision: 'cancel' };
  // "yes but change the time to evenings": a change, never a send.
  if (/\b(change|edit|correct|fix|wrong|update|different|instead|but|except|actually)\b/.test(words)) {
    return field ? { decision: 'change', field } : { decision: 'change' };
  }
  const yesNo = readYesNo(text, { strict: true, language: context.language });
  if (yesNo === 'yes') return { decision: 'send' };
  if (yesNo === 'no') return { decision: 'cancel' };
  return undefined;
}

const CANCEL_WORDS =
  /\b(cancel|cancel it|(?:do not|dont) (?:send|book)|forget it|forget about it|never mind|nevermind|scrap it|scrap that)\b/;
const CHANGE_VERBS = /\b(change|edit|correct|fix|wrong|update|different|instead|except)\b/;

const MAX_FREE_TEXT = 500;
/** "no", "nothing else", "skip": no notes. */
const NOTHING =
  /^(no|nope|nah|none|nothing|nothing else|nothing more|nothing to add|no thanks|no thank you|skip|n a|na|that is all|that is it|all good|not really)$/;
/** Closing words around a "no" ("nope, that's everything, thanks"): they add nothing to it. */
const CLOSING =
  /(?:^| )(?:thats all|that is all|thats it|that is it|thats everything|that is everything|all good|im good|im fine|thanks|thank you|cheers|ta|mate)$/;

/** "no", "nope that's all, thanks", "nothing else thank you": no notes. */
function saysNothing(text: string, context: ReadContext): boolean {
  let words = normalisedWords(text, context.language);
  if (NOTHING.test(words)) return true;
  let closed = false;
  for (let rest = words.replace(CLOSING, ''); rest !== words; rest = words.replace(CLOSING, '')) {
    words = rest.trim();
    closed = true;
  }
  return closed && (words === '' || NOTHING.test(words));
}

export const ANSWER_READERS = {
  yesNo: reader<boolean>({
    read: (t, c) => yesNoValue(readYesNo(t, { language: c.language })),
    fromChoice: yesNoChoice,
    canonical: yesNoCanonical,
  }),
  /** A yes that acts (consent to store, delete everything): no new subject after it. */
  strictYesNo: reader<boolean>({
    read: (t, c) => yesNoValue(readYesNo(t, { strict: true, language: c.language })),
    fromChoice: yesNoChoice,
    canonical: yesNoCanonical,
  }),
  /** A safety screen: "maybe", "a bit", "sometimes" are yes. */
  safetyYesNo: reader<boolean>({
    read: (t, c) => yesNoValue(readYesNo(t, { partialMeansYes: true, language: c.language })),
    fromChoice: yesNoChoice,
    canonical: yesNoCanonical,
  }),
  agreement: definite<boolean>({ read: agreement, fromChoice: yesNoChoice, canonical: yesNoCanonical }),
  bothersome: definite<boolean>({
    read: parseBothersomeness,
    fromChoice: parseBothersomeness,
    canonical: (v) => (v ? 'very much' : 'not much'),
  }),
  duration: definite<DurationAnswer>({
    read: readDuration,
    fromChoice: durationFromChoice,
    canonical: canonicalDuration,
    choiceFor: durationChoiceFor,
  }),
  // Doubt before a number is an estimate, the answer asked for ("idk maybe 5?"); doubt alone, or asking
  // back ("what is a 5?"), is not.
  score: reader<ScoreAnswer>({
    read: (text, context) =>
      !isNonAnswer(text, context.language) || (!isQuestionBack(text, context.language) && parseSeverity(text, context) !== undefined)
        ? readScore(text, context)
        : undefined,
    fromChoice: scoreFromChoice,
    canonical: canonicalScore,
  }),
  location: definite<Location>({
    read: readLocation,
    fromChoice: (value) => {
      const [area, side] = value.split(' ') as [PainArea, Side | undefined];
      if (!AREAS.includes(area) || (side !== undefined && !SIDES.includes(side))) return undefined;
      return side ? { area, side } : { area };
    },
    canonical: (v) => (v.side ? `${v.area} ${v.side}` : v.area),
  }),
  legSymptoms: definite<Legs>({
    read: parseLegSymptoms,
    fromChoice: (value) => {
      if (value === 'none') return { legs: 'none' };
      const [legs, list] = value.split(':');
      if (legs !== 'one' && legs !== 'both') return undefined;
      const symptoms = (list ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean) as LegSymptom[];
      return symptoms.every((s) => LEG_SYMPTOMS.includes(s)) ? { legs, symptoms } : undefined;
    },
    canonical: (v) => (v.legs === 'none' ? 'none' : v.symptoms.length ? `${v.legs}: ${v.symptoms.join(', ')}` : v.legs),
  }),
  timing: definite<PainTiming[]>({
    read: readTiming,
    fromChoice: (value) => {
      const list = value.split(',').map((s) => s.trim()) as PainTiming[];
      return list.length > 0 && list.every((t) => TIMINGS.includes(t)) ? list : undefined;
    },
    canonical: (v) => v.join(', '),
  }),
  trainingChanges: definite<TrainingChange[]>({
    read: parseTrainingChanges,
    fromChoice: (value) => {
      if (value === 'none') return [];
      const list = value.split(',').map((s) => s.trim()) as TrainingChange[];
      return list.every((c) => CHANGES.includes(c)) ? list : undefined;
    },
    canonical: (v) => (v.length ? v.join(', ') : 'none'),
  }),
  age: definite<number>({
    read: readAge,
    fromChoice: (v) => (/^\d{2,3}$/.test(v) ? Number(v) : undefined),
    canonical: String,
  }),
  name: definite<string>({ read: readName, fromChoice: () => undefined, canonical: (v) => v }),
  contact: reader<ContactDetail>({
    read: (t, c) => parseContactDetail(t, c.phoneCountry),
    fromChoice: () => undefined,
    canonical: (v) => v.value,
  }),
  /** Free text, at least two characters, not a question back; a button's value is the text itself. */
  freeText: reader<string>({
    read: (t, c) => (t.trim().length >= 2 && !isQuestionBack(t, c.language) ? t.trim().slice(0, MAX_FREE_TEXT) : undefined),
    fromChoice: (v) => (v.trim().length >= 2 ? v : undefined),
    canonical: (v) => v,
  }),
  /** Optional free text: "no" / "nothing else" / "skip" mean none (null). */
  optionalText: reader<string | null>({
    read: (t, c) => (saysNothing(t, c) ? null : t.trim() && !isQuestionBack(t, c.language) ? t.trim().slice(0, MAX_FREE_TEXT) : undefined),
    fromChoice: (v) => (v === 'none' ? null : v.trim() ? v : undefined),
    canonical: (v) => v ?? 'none',
  }),
  bookingField: definite<BookingField>({
    read: (t, c) => FIELD_WORDS.find(([, pattern]) => pattern.test(normalisedWords(t, c.language)))?.[0],
    fromChoice: (v) => BOOKING_FIELDS.find((f) => f === v),
    canonical: (v) => v,
  }),
  bookingConfirm: definite<BookingConfirm>({
    read: readConfirm,
    fromChoice: (v): BookingConfirm | undefined =>
      v === 'send' ? { decision: 'send' } : v === 'cancel' ? { decision: 'cancel' } : v === 'change' ? { decision: 'change' } : undefined,
    canonical: (v) => (v.decision === 'change' && v.field ? `change ${v.field}` : v.decision),
  }),
} as const;

export type AnswerType = keyof typeof ANSWER_READERS;
export const ANSWER_TYPES = Object.keys(ANSWER_READERS) as AnswerType[];
export type AnswerValue<K extends AnswerType> = (typeof ANSWER_READERS)[K] extends AnswerReader<infer T> ? T : never;
