/**
 * Parsers for the follow-up symptom questions. One pure function per question: each takes what the user
 * typed (casual, phone-typed, typos) and returns the parsed value, or `undefined` when the answer is unclear
 * so the dialog can ask again with an example. Parsers never guess a red flag away: negation is scoped to
 * its clause ("no numbness, but my left leg tingles" is a one-leg symptom).
 *
 * No I/O. Readers that turn dates into days ("since tuesday", "since halloween") take the turn's date in
 * their context, never the clock.
 */
import { fixAnswerWords, type AnswerWordsLexicon } from '../language/answerWords';
import { expandContractions, type ContractionsLexicon } from '../language/contractions';
import { straightQuotes } from '../language/normalise';
import { correctTowards, withoutDoubledEnding } from '../language/spelling';
import { isEnglishWord } from '../language/dictionary';
import type { MentionLexicon } from '../language/mentionStatus';
import { daysSinceNamedStart, type DateReading } from '../language/dates';
import type { NamedDay } from '../language/namedDays';
import { readYesNo } from '../questions/readers/yesNo';
import type { DetectorLexicon } from '../safety/types';
import { REAL_WORDS_NEAR_VOCABULARY } from './realWords';
import type { LegSymptom, PainArea, PainTiming, Side, SymptomAnswers, TrainingChange } from './types';

// ---------------------------------------------------------------------------------------------------------
// Normalisation
// ---------------------------------------------------------------------------------------------------------

/** What every parser reads with: the one lexicon (its answer words; the leg parser also its yes/no words). */
export interface AnswerContext {
  language: DetectorLexicon;
}

/**
 * Words the fuzzy corrector may correct towards (6+ letters: a one-letter slip in a short word is more
 * likely another real word, "there" vs "three"). Short words are fixed through the lexicon's `answerWords` instead.
 */
const FUZZY_VOCABULARY = new Set(
  (
    'middle center centre central centrally midline buttock buttocks bottom glutes gluteal hamstring hamstrings calves ' +
    'ankles yesterday fortnight fortnights couple several months weekend weekends monday tuesday wednesday thursday ' +
    'friday saturday sunday morning mornings tonight nighttime overnight always constant constantly nonstop ' +
    'running resting sitting standing asleep waking during stiffness tingling tingly tingles tingle numbness ' +
    'weakness shooting burning needles sciatica prickly prickling mileage marathon doubled distance longer ' +
    'concrete pavement pavements tarmac asphalt trails treadmill surface trainers sneakers uphill downhill ' +
    'incline intervals interval speedwork fartlek sprints sprinting threshold thirty twenty eleven twelve ' +
    'thirteen fourteen fifteen sixteen seventeen eighteen nineteen seventy eighty ninety definitely absolutely ' +
    'certainly nothing neither changed changes extremely moderately slightly somewhat unchanged usually ' +
    'spreads spreading radiates radiating travels between numbish weakening drags dragging buckles buckling ' +
    'increased ramped training instead recently lately started hurting aching throbbing ' +
    'stabbing anything christmas january february august september october november december'
  ).split(' '),
);

/** Real words one slip away from a vocabulary word: never "corrected". */
const PROTECTED = new Set(
  (
    'walking walked ruining setting thirsty speakers trains trained trainer trailer trials include includes ' +
    'including consultant sprains sprained sprain mourning getting waiting charged chained ' +
    'hunting turning testing nesting rusting lasting posting lifting fitting hitting knitting shifting ' +
    'twinge twinges muddle riddle longed lounger buckled dragged increases ramping starting mouths mounts upper'
  ).split(' '),
);

/** The parsers' words: never corrected are those of PROTECTED, real words near the vocabulary and number words. */
const PARSER_SPELLING = {
  minLength: 5,
  keep: (token: string): boolean => PROTECTED.has(token) || REAL_WORDS_NEAR_VOCABULARY.has(token) || isNumberWord(token),
};

/** A doubled last letter undone, then a long token corrected to the one vocabulary word it is a slip away from, if sure. */
const correctToken = (token: string): string =>
  correctTowards(withoutDoubledEnding(token, isEnglishWord), FUZZY_VOCABULARY, PARSER_SPELLING);

/** Phrases glued into one token so clause splitting on "and" does not break them. */
const GLUED_PHRASES: Array<[RegExp, string]> = [
  [/\bpins (and|n|&) needles\b/g, 'pinsneedles'],
  [/\bday (and|n|&) night\b/g, 'dayandnight'],
  [/\bnight (and|n|&) day\b/g, 'dayandnight'],
  [/\bon (and|n|&) off\b/g, 'onandoff'],
  [/\bup (and|n|&) down\b/g, 'upanddown'],
  [/\bups (and|n|&) downs\b/g, 'upsanddowns'],
  [/\bback (and|n|&) forth\b/g, 'backandforth'],
  [/\bleft (and|n|&) right\b/g, 'leftandright'],
  [/\bright (and|n|&) left\b/g, 'leftandright'],
  [/\bnot only\b/g, 'not_only'],
];

/**
 * Lower-case, contractions written in full (the lexicon's table), clause punctuation turned into " , ", typos fixed. The result is
 * padded with spaces so patterns can use \b at both ends.
 */
export function normalizeAnswer(text: string, language: AnswerWordsLexicon & ContractionsLexicon): string {
  let s = expandContractions(straightQuotes(text.toLowerCase()), language);
  s = s.replace(/(\d)\s*\/\s*(\d)/g, '$1/$2');
  s = s.replace(/(\d)\s*-\s*(\d)/g, '$1-$2');
  s = s.replace(/&/g, ' and ');
  s = s.replace(/[^a-z0-9/.\-+,;:!?~ ]/g, ' ');
  s = s.replace(/([,;:!?])/g, ' , ').replace(/\.(?!\d)/g, ' , ');
  s = s.replace(/([a-z])[-/]([a-z])/g, '$1 $2');
  s = s.replace(/(^|\s)-(?=[a-z])/g, '$1').replace(/([a-z])-(\s|$)/g, '$1$2');
  s = s.replace(/(\d)([a-z])/g, '$1 $2');
  s = s.replace(/\b([a-z])\1{2,}/g, '$1').replace(/([a-z])\1{2,}\b/g, '$1');
  const tokens = fixAnswerWords(s.split(/\s+/).filter(Boolean), language).map(correctToken);
  let joined = ` ${tokens.join(' ')} `;
  for (const [pattern, replacement] of GLUED_PHRASES) joined = joined.replace(pattern, replacement);
  return joined.replace(/\s+/g, ' ');
}

/** Splits a normalised answer into clauses: negation never reaches across a clause boundary. */
function clausesOf(norm: string): string[] {
  return norm
    .split(/ (?:,|but|though|although|however|except|apart from|other than|aside from|besides|only|just|and|whereas|plus|also|then|so) /)
    .map((clause) => ` ${clause.trim().replace(/^((only|just|and|but|so|then|also|plus|or) )+/, '')} `)
    .filter((clause) => clause.trim().length > 0);
}

/**
 * The one language layer's negation (knowledge/safety/red-flags.yaml, detector.negation and
 * notNegation), as the parsers read it: a denial word before a mention in its clause. "Can barely lift
 * my foot" is weakness, not a denial, on the screen and here alike; "not sure if" denies nothing.
 */
interface Negation {
  negation: RegExp;
  notNegation: RegExp;
}
const negations = new WeakMap<MentionLexicon, Negation>();
function negationOf(language: MentionLexicon): Negation {
  let negation = negations.get(language);
  if (!negation) {
    negation = { negation: new RegExp(language.negation.source), notNegation: new RegExp(language.notNegation.source, 'g') };
    negations.set(language, negation);
  }
  return negation;
}

/** True when the text holds a denial. */
function denies(text: string, neg: Negation): boolean {
  return neg.negation.test(text.replace(neg.notNegation, ' '));
}

/** True when a negation word comes before `index` within the clause. */
function negatedAt(clause: string, index: number, neg: Negation): boolean {
  return denies(clause.slice(0, index), neg);
}

/** Start indexes of the non-negated matches of a pattern in a clause. */
function positiveMatches(clause: string, pattern: RegExp, neg: Negation): RegExpExecArray[] {
  const global = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
  return [...clause.matchAll(global)].filter((m) => !negatedAt(clause, m.index, neg));
}

/** A number word is itself, never a slip for another ("eight" is not "eighty"). */
const isNumberWord = (token: string): boolean => token in SMALL_NUMBERS || token in TENS;

// ---------------------------------------------------------------------------------------------------------
// Numbers written as words
// ---------------------------------------------------------------------------------------------------------

const SMALL_NUMBERS: Record<string, number> = {
  zero: 0,
  nil: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
};
const TENS: Record<string, number> = {
  twenty: 20,
  thirty: 30,
  forty: 40,
  fourty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};

/** "thirty four" -> "34", "seven" -> "7", "a hundred" -> "100". Only for parsers where "one" means a number. */
function numberWordsToDigits(norm: string): string {
  const small = Object.keys(SMALL_NUMBERS).join('|');
  const tens = Object.keys(TENS).join('|');
  return norm
    .replace(/\b(a|one) hundred\b/g, '100')
    .replace(new RegExp(`\\b(${tens})(?: (?:and )?(one|two|three|four|five|six|seven|eight|nine))?\\b`, 'g'), (_m, t: string, u?: string) =>
      String(TENS[t] + (u ? SMALL_NUMBERS[u] : 0)),
    )
    .replace(new RegExp(`\\b(${small})\\b`, 'g'), (_m, w: string) => String(SMALL_NUMBERS[w]));
}

// ---------------------------------------------------------------------------------------------------------
// Location
// ---------------------------------------------------------------------------------------------------------

/** A shared (possibly global) pattern tested from the start. */
function test(pattern: RegExp, text: string): boolean {
  pattern.lastIndex = 0;
  const found = pattern.test(text);
  pattern.lastIndex = 0;
  return found;
}

/** A regex for whole words: like \b, but also safe next to the spaces that pad a normalised answer. */
function words(source: string): RegExp {
  return new RegExp(`(?<![a-z0-9_])(?:${source})(?![a-z0-9_])`);
}

const AREA_PATTERNS: Array<[PainArea, RegExp]> = [
  [
    'below_knee',
    words(
      String.raw`calf|calves|shins?|ankles?|foot|feet|toes?|heels?|lower legs?|(below|under|past|beyond|behind) (my |the )?knees?|all the way down (my |the |one |both |the back of (my |the )?)?legs?|(whole|entire) legs?|full length of (my |the )?legs?`,
    ),
  ],
  ['thigh', words(String.raw`thighs?|hamstrings?|groin|knees?|upper legs?|(back|top|front|side) of (my |the )?legs?|legs?`)],
  [
    'buttock',
    words(
      String.raw`bums?|butts?|buttocks?|cheeks?|glutes?|gluteal|bottom(?! of)|backside|rear end|(?<!(?:above|over|top of) (?:my |the )?)hips?(?! bones?)|si joint|sacroiliac|piriformis|sit(ting)? bones?`,
    ),
  ],
  [
    'central',
    words(
      String.raw`middle|mid back|mid spine|center|centre|central|centrally|spine|spinal|midline|tailbone|coccyx|across|all over|whole (of my )?(lower )?back|on the bone`,
    ),
  ],
];

const AREA_RANK: Record<PainArea, number> = { central: 0, one_side: 0, buttock: 1, thigh: 2, below_knee: 3 };

const BODY_WORDS =
  'side|sides|leg|legs|bum|butt|buttock|buttocks|glute|glutes|cheek|thigh|thighs|calf|calves|hip|hips|foot|feet|knee|knees|lower|back|hamstring|hamstrings|shin|shins|ankle|ankles|one|only|hand|toes?|heel|sciatica';
const NOT_A_SIDE =
  'now|away|there|here|after|before|then|in|at|down|up|above|below|by|next|where|when|across|over|through|on|into|under|around|along|the|as|way|time|thing|amount|answer|place|to|from|and|or|but|it';

function sidePattern(word: 'left' | 'right'): RegExp {
  return words(
    String.raw`${word} ?(hand )?sided?|${word[0]}hs|(on|to|towards|toward|my|its|it is|the) (the )?${word}(?! (${NOT_A_SIDE})(?![a-z]))|${word} (${BODY_WORDS})`,
  );
}
const LEFT = sidePattern('left');
const RIGHT = sidePattern('right');
const BOTH_SIDES_STRICT = words(
  String.raw`both (sides|legs|of them|buttocks|bum cheeks|butt cheeks|glutes|thighs|calves|feet|hips|hamstrings)|either side|each side|leftandright|bilateral`,
);
const BOTH_SIDES = words(`${BOTH_SIDES_STRICT.source}|both|two sides|alternat[a-z]*|switch[a-z]* sides`);
const ONE_SIDE = words(String.raw`one side|one sided|to the side|on the side|a side|single side|one of (my )?sides`);

interface SideFinding {
  left: boolean;
  right: boolean;
  both: boolean;
  oneUnknown: boolean;
}

/** Which side(s) the clauses name; `wholeAnswer` lets a bare "left" / "right" answer count. */
function findSides(clauses: string[], strict: boolean, neg: Negation, wholeAnswer?: string): SideFinding {
  const found: SideFinding = { left: false, right: false, both: false, oneUnknown: false };
  for (const clause of clauses) {
    if (positiveMatches(clause, LEFT, neg).length > 0) found.left = true;
    if (positiveMatches(clause, RIGHT, neg).length > 0) found.right = true;
    if (positiveMatches(clause, strict ? BOTH_SIDES_STRICT : BOTH_SIDES, neg).length > 0) found.both = true;
    if (positiveMatches(clause, ONE_SIDE, neg).length > 0) found.oneUnknown = true;
  }
  if (wholeAnswer !== undefined) {
    const bare = wholeAnswer
      .replace(/[ ,]+/g, ' ')
      .trim()
      .replace(/^((on|the|my|its|it is|mostly|mainly) )+/, '')
      .replace(/( (one|only|side|sided|mostly|mainly|mine))+$/, '');
    if (/^(left|l)$/.test(bare)) found.left = true;
    if (/^(right|r)$/.test(bare)) found.right = true;
  }
  return found;
}

function sideOf(found: SideFinding): Side | undefined {
  if (found.both || (found.left && found.right)) return 'both';
  if (found.left) return 'left';
  if (found.right) return 'right';
  return undefined;
}

/** A clause like "legs are fine" says where the pain is NOT. */
const FINE = /\b(fine|ok|alright|normal|good|great|perfect|unaffected|clear)\b/;
const PAIN_WORD =
  /\b(pain\w*|hurts?|hurting|hurted|ache|aches|ached|aching|achy|sore|soreness|niggle|niggly|twinge|shooting|burning|sharp|stabbing|throbbing|radiat\w*|sciatica|spread\w*|goes|travels|tingl\w*|numb\w*|pinsneedles|stiff\w*)\b/;

function parseLocationIn(norm: string, strict: boolean, neg: Negation): SymptomAnswers['location'] {
  let clauses = clausesOf(norm).filter((clause) => !(FINE.test(clause) && !PAIN_WORD.test(clause)));
  // In a free description, only clauses about the pain: "my left knee was operated on" is not a location.
  if (strict) clauses = clauses.filter((clause) => PAIN_WORD.test(clause) || /\bback\b/.test(clause));
  let area: PainArea | undefined;
  for (const clause of clauses) {
    for (const [candidate, pattern] of AREA_PATTERNS) {
      if (positiveMatches(clause, pattern, neg).length === 0) continue;
      if (area === undefined || AREA_RANK[candidate] > AREA_RANK[area]) area = candidate;
    }
  }
  const found = findSides(clauses, strict, neg, strict ? undefined : norm);
  const side = sideOf(found);
  if (area === undefined || area === 'central') {
    if (side === 'left' || side === 'right') return { area: 'one_side', side };
    if (side === 'both') return { area: 'central', side: 'both' };
    if (found.oneUnknown) return { area: 'one_side' };
    return area === 'central' ? { area: 'central' } : undefined;
  }
  return side ? { area, side } : { area };
}

/**
 * Where the pain is, the furthest point winning: below_knee > thigh > buttock > one_side / central.
 * "both sides" of the lower back is `central` with side `both`; "middle, a bit to the left" is one_side left.
 * A bare "lower back" is unclear (undefined).
 */
export function parseLocation(text: string, context: AnswerContext): SymptomAnswers['location'] {
  return parseLocationIn(normalizeAnswer(text, context.language), false, negationOf(context.language));
}

// ---------------------------------------------------------------------------------------------------------
// Duration
// ---------------------------------------------------------------------------------------------------------

const UNIT_DAYS: Record<string, number> = { hour: 1 / 24, day: 1, week: 7, fortnight: 14, month: 30, year: 365 };

function unitOf(word: string): string | undefined {
  if (/^(hours?|h)$/.test(word)) return 'hour';
  if (/^(days?|d)$/.test(word)) return 'day';
  if (/^(weeks?|w)$/.test(word)) return 'week';
  if (/^fortnights?$/.test(word)) return 'fortnight';
  if (/^(months?|m|mo)$/.test(word)) return 'month';
  if (/^(years?|y)$/.test(word)) return 'year';
  return undefined;
}

function quantityOf(word: string): number | undefined {
  if (/^\d+(\.\d+)?$/.test(word)) return Number(word);
  if (/^(a|an)$/.test(word)) return 1;
  if (/^(a )?couple( of)?$/.test(word)) return 2;
  if (/^(a )?few$/.test(word)) return 3;
  if (/^several$/.test(word)) return 4;
  if (/^half (a|an)$/.test(word)) return 0.5;
  return undefined;
}

/** Days back to the most recent Saturday ("the weekend"); "last weekend" is at least a week back. */
function daysSinceSaturday(today: Date, last: boolean): number {
  const diff = (today.getDay() - 6 + 7) % 7 || 7;
  return last ? Math.max(diff, 7) : diff;
}

const MONTH_AND_DAY_NAMES =
  'january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|monday|tuesday|wednesday|thursday|friday|saturday|sunday';
const datedYears = new WeakMap<readonly NamedDay[], RegExp>();
/** A month, weekday or named day followed by "last year" / "this year": the year qualifies the date. */
function datedYear(context: DateReading): RegExp {
  let pattern = datedYears.get(context.namedDays);
  if (!pattern) {
    const names = [...context.namedDays.flatMap((d) => d.says), ...MONTH_AND_DAY_NAMES.split('|')]
      .sort((a, b) => b.length - a.length)
      .map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    pattern = new RegExp(`\\b(${names.join('|')})(?: (?:of )?(?:last|this) year)\\b`, 'g');
    datedYears.set(context.namedDays, pattern);
  }
  return pattern;
}

const DURATION_CONTEXT_BEFORE = /\b(for|since|past|last|been|started|start|began|begun|lasted|ongoing|going on|had it|have had|over)\b/;
const DURATION_CONTEXT_AFTER = /^\s*(ago|now|back|or so ago|on and off|onandoff)\b/;

function durationIn(text: string, norm: string, strict: boolean, context: DateReading): number | undefined {
  const s = numberWordsToDigits(norm);
  const found: number[] = [];
  const inContext = (index: number, length: number): boolean =>
    !strict ||
    DURATION_CONTEXT_BEFORE.test(s.slice(Math.max(0, index - 30), index)) ||
    DURATION_CONTEXT_AFTER.test(s.slice(index + length));

  const quantity = String.raw`(\d+(?:\.\d+)?|a couple of|a couple|couple of|couple|a few|few|several|half an|half a|an|a)`;
  const unit = String.raw`(hours?|h|days?|d|weeks?|w|fortnights?|months?|mo|m|years?|y)`;
  const amount = new RegExp(String.raw`\b${quantity} (and a half )?${unit}( and a half)?\b`, 'g');
  for (const m of s.matchAll(amount)) {
    const n = quantityOf(m[1]);
    const u = unitOf(m[3]);
    if (n === undefined || u === undefined) continue;
    const before = s.slice(0, m.index);
    const after = s.slice(m.index + m[0].length);
    // Rates, not durations: "3 times a week", "I run 4 days a week", "50 km a week".
    if (/^(a|an)$/.test(m[1]) && /\b(times|x|twice|once|days|runs|miles|km|k|sessions|hours|minutes|mins|\d+)\s*$/.test(before)) continue;
    if (/^\s*(a|per|each|every) (week|month|day|year|fortnight)\b/.test(after)) continue;
    if (/^(m|d|w|y|h)$/.test(m[3]) && !/^\d/.test(m[1])) continue;
    if (!inContext(m.index, m[0].length)) continue;
    const half = m[2] !== undefined || m[4] !== undefined ? 0.5 : 0;
    found.push((n + half) * UNIT_DAYS[u]);
  }

  // "for weeks", "for months now": at least two of them.
  for (const m of s.matchAll(/\b(for|many|some) (days|weeks|months|years)\b/g)) {
    const u = unitOf(m[2]);
    if (u && !/^\s*(a|per|each|every)\b/.test(s.slice(m.index + m[0].length))) found.push(2 * UNIT_DAYS[u]);
  }

  const relative: Array<[RegExp, () => number]> = [
    [
      /\b(today|this morning|this afternoon|this evening|tonight|earlier today|an hour ago|few hours|couple of hours|just now|on my run today)\b/,
      () => 0,
    ],
    [/\b(the day before yesterday|day before yesterday)\b/, () => 2],
    [/\b(yesterday|last night)\b/, () => 1],
    [/\bthis week\b/, () => 3],
    [/\b(last|past) week\b/, () => 7],
    [/\b(last|past) month\b/, () => 30],
    [/\b(last|past) year\b/, () => 365],
    [/\b(last|the|this|over the|at the) weekend\b/, () => daysSinceSaturday(context.today, /\blast weekend\b/.test(s))],
  ];
  // "since christmas last year", "since march this year": the year belongs to the date, read below.
  const undated = s.replace(datedYear(context), '$1');
  for (const [pattern, days] of relative) {
    const m = pattern.exec(undated);
    if (!m) continue;
    if (
      strict &&
      !/\b(since|started|start|began|begun|from|ago|as of)\b/.test(undated.slice(Math.max(0, m.index - 30), m.index + m[0].length + 6))
    )
      continue;
    found.push(days());
  }

  // Start dates ("since tuesday", "since the 7th of November", "since halloween"): the language layer's date reader.
  const since = daysSinceNamedStart(text, norm.trim(), context, strict);
  if (since !== undefined) found.push(since);

  if (found.length === 0) return undefined;
  return Math.floor(Math.max(...found));
}

/**
 * How long ago the pain started, in days: "about 3 weeks" -> 21, "since yesterday" -> 1, "a couple of
 * months" -> 60, "over a year" -> 365, "since last saturday" -> days back to that Saturday, "today" -> 0. Several amounts: the longest
 * (when it first started). Unclear ("ages", "a while") -> undefined.
 */
export function parseDuration(text: string, context: DateReading & AnswerContext): number | undefined {
  return durationIn(text, normalizeAnswer(text, context.language), false, context);
}

// ---------------------------------------------------------------------------------------------------------
// Timing
// ---------------------------------------------------------------------------------------------------------

const TIMING_ORDER: PainTiming[] = [
  'during_running',
  'after_running',
  'at_rest',
  'at_night',
  'all_the_time',
  'morning_stiffness',
  'with_movement',
];
const RUN_NOUN = String.raw`((a|my|the|long|longer|easy|hard|fast|tempo|any|most|some|all|each|every|big|short|weekend|sunday|training) )*(run|runs|running|jog|jogs|jogging|races?|parkruns?)`;

const TIMING_PATTERNS: Array<[PainTiming, RegExp]> = [
  [
    'during_running',
    words(
      String.raw`(when|while|whilst|during|on|in|mid|through|as|whenever|every time|each time) (i am |i )?((actually|really|just|out|properly|proper) )?${RUN_NOUN}|during (training|sessions?|workouts?|intervals|speedwork)|mid ?run|(\d+|a few|few|couple of|a couple of) (km|k|miles?|minutes|mins) (in|into)|(running|jogging) (makes|hurts|causes|brings|is painful|is sore|aggravates|triggers|sets)|(hurts?|sore|painful|pain|aches?) (to run|running|when running|while running)`,
    ),
  ],
  [
    'after_running',
    words(
      String.raw`after(wards)? (i (have )?(run|ran|finish|stop|get home)|${RUN_NOUN}|training|sessions?|workouts?)|afterwards|after (too|as well|also)|post ?(run|race|runs)|(the|next) (day|morning) after|next (day|morning)|day after|when i (stop|finish|cool down|get home|get back)|once i (stop|finish|get home|get back|cool down)|cool(ing)? down|later (that|in the) (day|evening)`,
    ),
  ],
  [
    'at_rest',
    words(
      String.raw`at rest|(when|while|if|whenever) (i am |i )?(resting|rest|sit|sitting|sat|lie|lying|laying|stand|standing|relax|relaxing|driving|drive|still)|(even )?when (i am )?not running|sitting|sat (down|at|for|in|still)|lying down|laying down|at (my|a) desk|doing nothing|rest days?|off days?|on the (sofa|couch)|in bed|standing (still|for|around|up)|even (resting|at rest|sitting|lying|standing)|(?<!the )rest(?! of)`,
    ),
  ],
  [
    'at_night',
    words(
      String.raw`at night|(during|in) the night|night ?time|nighttime|overnight|nights|wakes? me|waking me|woke me|woken|wakes? up (with|because|from|in)|keeps? me (up|awake)|can not sleep|unable to sleep|can not get to sleep|trouble sleeping|(struggle|struggling|hard) to sleep|disturbs? my sleep|interrupts? my sleep|(when|while) (i am )?(asleep|sleeping)|in my sleep|at bedtime`,
    ),
  ],
  [
    'all_the_time',
    words(
      String.raw`all the time|dayandnight|all day and( all)? night|24 ?\/ ?7|constant|constantly|nonstop|non stop|never (stops|goes( away)?|eases|lets up|settles|goes off)(?! (me|you|my))|(does|do|will) not (stop|go away|ease( off| up)?|let up|settle|go off)(?! (me|you|my))|always (there|sore|painful|hurting|aching|hurts|on|present)|every (minute|moment|second)|no matter what|whatever i do|nothing (helps|eases|makes it better|works|changes it)|all day every day|permanent(ly)?|continuous(ly)?`,
    ),
  ],
  [
    'morning_stiffness',
    words(
      String.raw`in the mornings?|mornings|every morning|each morning|morning stiffness|stiff(ness)? (in the|every|each|first)|first thing|when i (wake|wake up|get up|get out of bed)|on waking|getting (up|out of bed)|out of bed in|after (i )?(wake|waking|sleep)`,
    ),
  ],
];

/** Short whole answers, read only when the message is the answer to the timing question. */
const BARE_TIMING: Array<[PainTiming, RegExp]> = [
  ['during_running', /^(running|when running|while running|on runs|during runs|on my runs|only running|run|runs)$/],
  ['after_running', /^(after|afterwards|after running|after runs|after a run)$/],
  ['at_night', /^(night|nights|at night|night time)$/],
  ['all_the_time', /^(always|constant|all the time|constantly|all day)$/],
  ['morning_stiffness', /^(morning|mornings|in the morning|in the mornings)$/],
  ['at_rest', /^(rest|resting|at rest)$/],
];

/** Rewrites that stop a runner's schedule being read as pain timing ("I run at night", "since last night"). */
function withoutScheduleWords(norm: string): string {
  return (
    norm
      .replace(
        /\b(run|runs|running|ran|jog|jogs|jogging|train|training) (at night|in the evenings?|after dark|in the mornings?|every morning|first thing)\b/g,
        '$1 early',
      )
      .replace(/\b(night|morning|evening) (runs?|jogs?|sessions?)\b/g, 'early $2')
      .replace(/\b(since|from|as of) (last night|this morning|tonight)\b/g, '$1 today')
      .replace(/\blast night\b/g, 'yesterday')
      // "loosens up when I run" is the opposite of pain while running (and typical of inflammatory pain).
      .replace(
        /\b(eases?|easing|eased|better|loosens?|loosening|loosened|goes away|improves?|settles?|warms? up|wears off)( off| up| away| a bit)? (when|while|once|as|after|with) (i |i am )?(start )?(run|running|a run|get going|warm up|move|moving|movement|exercise)\b/g,
        'eases with movement',
      )
      .replace(/\bnot_only\b/g, '')
  );
}

function timingIn(norm: string, strict: boolean, neg: Negation): PainTiming[] | undefined {
  const s = withoutScheduleWords(norm);
  const found = new Set<PainTiming>();
  for (const clause of clausesOf(s)) {
    for (const [timing, pattern] of TIMING_PATTERNS) if (positiveMatches(clause, pattern, neg).length > 0) found.add(timing);
  }
  // "when i run, and after" / "i run at night and it hurts during" leave a bare "after" / "during" clause,
  // "2 miles in and then for the rest of the day" a bare rest of the day.
  const clauses = clausesOf(s);
  for (const clause of clauses) {
    if (clauses.length > 1 && /^ (for )?the rest of the (day|evening|night)( too| as well)? $/.test(clause)) found.add('after_running');
    if (/^ ((it )?(hurts|is sore|aches) )?after(wards)?( too| as well| also| tbh| really| mostly| i think)* $/.test(clause))
      found.add('after_running');
    if (/^ ((it )?(hurts|is sore|aches) )?during( too| as well| also| tbh| really| mostly| i think)* $/.test(clause))
      found.add('during_running');
  }
  if (!strict) {
    const bare = s
      .replace(/[ ,]+/g, ' ')
      .trim()
      .replace(/^(only|just|mostly|mainly) /, '');
    for (const [timing, pattern] of BARE_TIMING) if (pattern.test(bare)) found.add(timing);
  }
  if (found.size === 0) return undefined;
  return TIMING_ORDER.filter((t) => found.has(t));
}

/**
 * When it hurts: "only when i run" -> [during_running], "the day after" -> [after_running], "wakes me at
 * night" -> [at_night], "all the time" -> [all_the_time], "stiff in the mornings" -> [morning_stiffness].
 * Negated timings are dropped ("not at night"). Nothing recognisable -> undefined.
 */
export function parseTiming(text: string, context: AnswerContext): PainTiming[] | undefined {
  return timingIn(normalizeAnswer(text, context.language), false, negationOf(context.language));
}

// ---------------------------------------------------------------------------------------------------------
// Severity
// ---------------------------------------------------------------------------------------------------------

const NOT_SEVERITY_UNITS =
  /\b\d+(\.\d+)? ?(days?|weeks?|months?|years?|km|k|miles?|mi|mins?|minutes|hours?|hrs?|times|x|%|percent|yo|years old|kg|lbs?)\b/g;

function severityIn(norm: string, strict: boolean): number | undefined {
  const s = numberWordsToDigits(norm);
  const explicit = [...s.matchAll(/\b(\d+(?:\.\d+)?)(?: ?(?:\/|out of|outta|of|on) ?)10\b/g)];
  if (strict) {
    const values = explicit.map((m) => Number(m[1]));
    if (values.length === 0 || values.some((v) => v > 10)) return undefined;
    return Math.round(Math.max(...values));
  }
  if (/^ ?(no pain|none|nothing|0|zero|no pain at all|pain free)( at the moment| right now| now)? ?$/.test(s)) return 0;
  const values: number[] = explicit.map((m) => Number(m[1]));
  let rest = s.replace(/\b(\d+(?:\.\d+)?)(?: ?(?:\/|out of|outta|of|on) ?)10\b/g, ' ');
  rest = rest.replace(NOT_SEVERITY_UNITS, ' ');
  for (const m of rest.matchAll(/\b(\d+(?:\.\d+)?) ?(?:-|to|or|\/|~) ?(\d+(?:\.\d+)?)\b/g)) values.push(Number(m[1]), Number(m[2]));
  rest = rest.replace(/\b(\d+(?:\.\d+)?) ?(?:-|to|or|\/|~) ?(\d+(?:\.\d+)?)\b/g, ' ');
  for (const m of rest.matchAll(/(?<![\d.])(-?\d+(?:\.\d+)?)(?![\d.])/g)) values.push(Number(m[1]));
  if (values.length === 0 || values.some((v) => v < 0 || v > 10)) return undefined;
  return Math.round(Math.max(...values));
}

/**
 * Pain from 0 to 10: "7/10", "7 out of 10", "maybe a 6", "seven", "about 4ish" -> the number; "6-7" -> 7
 * (the higher). Out of range ("15", "11/10") or words only ("bad") -> undefined.
 */
export function parseSeverity(text: string, context: AnswerContext): number | undefined {
  return severityIn(normalizeAnswer(text, context.language), false);
}

// ---------------------------------------------------------------------------------------------------------
// Leg symptoms
// ---------------------------------------------------------------------------------------------------------

const LEG_SYMPTOM_ORDER: LegSymptom[] = ['pain', 'tingling', 'numbness', 'weakness'];
const LEG_SYMPTOM_PATTERNS: Array<[LegSymptom, RegExp]> = [
  ['tingling', words(String.raw`tingl[a-z]*|pinsneedles|pins|prickl[a-z]*|buzz[a-z]*|fizz[a-z]*|crawling`)],
  [
    'numbness',
    words(
      String.raw`numb[a-z]*|dead|no feeling|can not feel|(?:barely|hardly) (?:feel|any feeling)|lost (the )?feeling|loss of feeling|reduced feeling|less feeling|(?:goes|go|going|gone|went) to sleep|(?:falls|fall|falling|fallen|fell|goes|went|gone) asleep`,
    ),
  ],
  [
    'weakness',
    words(
      String.raw`weak[a-z]*|gives? way|giving way|gave way|buckl[a-z]*|foot drops?|drop foot|drags?|dragging|can not lift|(?:barely|hardly) (?:lift|move|raise)|collaps[a-z]*|no strength|lost strength`,
    ),
  ],
  [
    'pain',
    words(
      String.raw`pain[a-z]*|hurts?|hurting|ache|aches|aching|achy|sore|soreness|shooting|shoots|burning|burns|sharp|stabbing|throbbing|radiat[a-z]*|sciatica|electric[a-z]*|zings?|zinging|shocks?`,
    ),
  ],
];
/** Muscle soreness words: "achy legs after runs" is not a nerve symptom unless the pain travels. */
const SORENESS_ONLY = words(String.raw`ache|aches|aching|achy|sore|soreness|stiff|tight|tired|heavy`);
const REAL_PAIN = words(
  String.raw`pain[a-z]*|hurts?|hurting|shooting|shoots|burning|burns|sharp|stabbing|throbbing|radiat[a-z]*|sciatica|electric[a-z]*|zings?|zinging|shocks?`,
);

/** Pain words that say the pain travels (nerve-like), as opposed to a sore muscle. */
const RADIATING = words(
  String.raw`shooting|shoots|radiat[a-z]*|down (my|the|one|both|into)|spread[a-z]*|travel[a-z]*|goes (down|into)|sciatica|electric[a-z]*|burning|zings?`,
);

const ONE_LEG = words(
  String.raw`one (leg|side|foot)|(left|right) (leg|foot|calf|thigh|shin|hamstring|knee|ankle|toes?|heel|side)|leg|foot|calf|thigh|shin|hamstring|knee|ankle|toes?|heel|sciatica|single leg`,
);
const ONE_LEG_STRICT = words(String.raw`one leg|one foot|leg|foot|calf|thigh|shin|knee|ankle|toes?|heel`);
const BOTH_LEGS_STRICT = words(
  String.raw`both (of )?(my )?(legs|feet|calves|thighs|shins|hamstrings|knees|ankles|sides)|leftandright|bilateral`,
);
const BOTH_LEGS = words(
  String.raw`${BOTH_LEGS_STRICT.source}|both|both (of )?(my )?ones|both of them|two legs|either leg|each leg|alternat[a-z]*|switch[a-z]* (sides|legs|between)`,
);
const PLURAL_LEGS = words(String.raw`legs|feet|thighs|calves|shins|hamstrings|knees|ankles`);

function legSymptomsIn(
  norm: string,
  strict: boolean,
  afterExertion: RegExp | null,
  neg: Negation,
  language?: DetectorLexicon,
): SymptomAnswers['legSymptoms'] {
  if (!strict && /^ ?((just|only) (in )?(my |the )?(lower )?back|(my |the )?(lower )?back only) ?$/.test(norm)) return { legs: 'none' };
  // "in one", "just the one, left": the question's own "one leg or both?" answered.
  if (!strict && /^ ?(in )?(just |only )?(the )?one( of them)?( ,)?( (left|right)( one)?)? ?$/.test(norm))
    return { legs: 'one', symptoms: [] };
  const symptoms = new Set<LegSymptom>();
  let both = false;
  let one = false;
  let negative = false;
  const sides = { left: false, right: false };
  for (const clause of clausesOf(norm)) {
    const clauseSymptoms = new Set<LegSymptom>();
    for (const [symptom, pattern] of LEG_SYMPTOM_PATTERNS)
      if (positiveMatches(clause, pattern, neg).length > 0) clauseSymptoms.add(symptom);
    // In a free description a sore leg muscle is not a leg symptom; pain must travel.
    if (strict && clauseSymptoms.has('pain') && !RADIATING.test(clause)) clauseSymptoms.delete('pain');
    // "achy legs after runs": muscle soreness, not a reason to read plural "legs" as both legs.
    const sorenessOnly =
      clauseSymptoms.size === 1 &&
      clauseSymptoms.has('pain') &&
      !RADIATING.test(clause) &&
      positiveMatches(clause, REAL_PAIN, neg).length === 0 &&
      SORENESS_ONLY.test(clause);
    // "both quads sore after the race": the race's soreness, whichever legs it names.
    if (!strict && sorenessOnly && afterExertion !== null && test(afterExertion, norm)) continue;
    const hasNegation = denies(clause, neg) || FINE.test(clause);
    if (hasNegation) negative = true;
    // Which legs a clause names counts only when the clause is positive: a symptom, or (when answering the
    // question) no negation at all, as in "left leg".
    if (clauseSymptoms.size === 0 && (hasNegation || strict)) continue;
    const found = findSides([clause], strict, neg, strict ? undefined : norm);
    const clauseBoth = positiveMatches(clause, strict ? BOTH_LEGS_STRICT : BOTH_LEGS, neg).length > 0;
    const clausePlural = !strict && clauseSymptoms.size > 0 && !sorenessOnly && positiveMatches(clause, PLURAL_LEGS, neg).length > 0;
    const clauseOne =
      positiveMatches(clause, strict ? ONE_LEG_STRICT : ONE_LEG, neg).length > 0 ||
      (!strict && (found.left || found.right || found.oneUnknown));
    if (!clauseBoth && !clausePlural && !clauseOne) {
      if (!strict) for (const s of clauseSymptoms) symptoms.add(s);
      continue;
    }
    if (clauseBoth || clausePlural) both = true;
    if (clauseOne) one = true;
    if (found.left) sides.left = true;
    if (found.right) sides.right = true;
    for (const s of clauseSymptoms) symptoms.add(s);
  }
  const ordered = LEG_SYMPTOM_ORDER.filter((s) => symptoms.has(s));
  if (both || (sides.left && sides.right)) return strict && ordered.length === 0 ? undefined : { legs: 'both', symptoms: ordered };
  if (one) return strict && ordered.length === 0 ? undefined : { legs: 'one', symptoms: ordered };
  if (strict || symptoms.size > 0) return undefined; // a symptom, but which leg(s)? Ask.
  // A plain "no" (or "nope, nothing") to the leg question, read by the one yes/no reader.
  if (negative || (language !== undefined && readYesNo(norm, { language }) === 'no')) return { legs: 'none' };
  return undefined;
}

/**
 * Leg symptoms: "no" / "legs are fine" / "no tingling or numbness" -> none; "tingling down my left leg" ->
 * one; "both legs tingly" / "in both of them" -> both. A symptom without saying which leg(s) -> undefined
 * (ask: one leg or both?). Plural "legs" with a symptom counts as both legs: a false alarm beats a miss.
 */
export function parseLegSymptoms(
  text: string,
  context: { afterExertion?: RegExp | null; language: DetectorLexicon },
): SymptomAnswers['legSymptoms'] {
  return legSymptomsIn(
    normalizeAnswer(text, context.language),
    false,
    context.afterExertion ?? null,
    negationOf(context.language),
    context.language,
  );
}

// ---------------------------------------------------------------------------------------------------------
// Training changes
// ---------------------------------------------------------------------------------------------------------

const TRAINING_ORDER: TrainingChange[] = ['mileage', 'surface', 'shoes', 'hills', 'speed'];
const TRAINING_PATTERNS: Array<[TrainingChange, RegExp]> = [
  [
    'mileage',
    words(
      String.raw`(running|run|doing|did|ran) more(?! (hills?|hilly|speed|intervals?|tempo|sprints?|on|trails?|roads?|track|fartleks?))|more (running|runs|miles|km|distance|often|days|sessions|mileage)|extra (runs?|miles|km|days|sessions)|longer (runs?|long runs?)|(increased|upped|up|ramped up|ramped|doubled|tripled|added|jumped|bumped up|raised|increasing|upping) (my |the |our )?(weekly )?(mileage|miles|km|distance|long runs?|runs|running|volume|training|load|weekly)|(mileage|miles|km|distance|volume) (went up|is up|has gone up|increased|jumped|doubled)|(half )?marathon|ultra|ultramarathon|training for|training plan|build(ing)? up|every day|daily runs?|run streak|streak|back (to running|running|into running)|started running|start running|after a (break|layoff|long break)|couch to 5 ?k|c25 ?k|from (about |around |roughly )?\d+ (km |k |miles )?(to|-) (about |around )?\d+|a lot more|twice as much`,
    ),
  ],
  [
    'surface',
    words(
      String.raw`concrete|roads?|pavements?|sidewalks?|tarmac|asphalt|trails?|treadmill|grass|sand|beach|surfaces?|camber[a-z]*|off road|cobbles|gravel|cross country`,
    ),
  ],
  [
    'shoes',
    words(
      String.raw`shoes?|trainers|sneakers|footwear|insoles|orthotics|carbon plated|carbon plate|plated|super shoes|minimalist|barefoot|zero drop|kicks`,
    ),
  ],
  [
    'hills',
    words(String.raw`hills?|hilly|uphills?|downhills?|inclines?|elevation|climbs?|climbing|mountains?|steep|descents?|ascents?|vert`),
  ],
  [
    'speed',
    words(
      String.raw`speed|speedwork|intervals?|tempos?|track|fartleks?|sprints?|sprinting|reps|repeats|strides|threshold|vo2 ?max|vo2|faster|pace work|quicker|racing|race pace|hiit`,
    ),
  ],
];
/** Mileage words that need a word of change next to them ("I run 30 km a week" is not a change). */
const MILEAGE_UNITS = words(String.raw`mileage|miles|km|distance|volume|long runs?`);
/** Words that make a whole clause about what did NOT change ("same shoes", "always on roads"). */
const SAME = /\b(same|usual|always|unchanged|as normal|normal|as ever|consistent|as before|nothing)\b/;
const CHANGE_WORD =
  /\b(new|newer|changed|change|changing|switched|switch|swapped|started|start|starting|began|begun|more|upped|increased|increase|increasing|doubled|tripled|added|adding|jump\w*|instead|recently|lately|just|been doing|been running|old|older|worn|dead|ramped|training for|build\w*|moved|went|gone|from|lots of|loads of|a lot of|heaps of|extra|longer|higher|bigger|different|first time|tried|trying|marathon|ultra|up)\b/;

/** A change that means "more" (for mileage words: "800 miles old" is about shoes, not mileage). */
const MORE =
  /\b(more|upped|increased|increase|increasing|doubled|tripled|added|adding|jump\w*|ramped|build\w*|went up|gone up|from \d|extra|longer|higher|bigger|up)\b/;

function trainingIn(norm: string, strict: boolean, neg: Negation, language?: DetectorLexicon): TrainingChange[] | undefined {
  const s = norm
    .replace(/\b(than|to) (usual|normal|always|before|the usual)\b/g, 'than before_')
    .replace(/\bhill (reps|repeats|sprints|intervals|sessions|work)\b/g, 'hills')
    .replace(/\btrack (sessions?|work|workouts?|intervals)\b/g, 'speedwork')
    // "on the road instead of the track": what they ran on before is not a change of its own.
    .replace(/\binstead of (?:the |my |a |an )?[a-z]+\b/g, 'instead');
  const found = new Set<TrainingChange>();
  let negative = false;
  for (const clause of clausesOf(s)) {
    const allSame = SAME.test(clause);
    if (allSame || denies(clause, neg)) negative = true;
    if (allSame) continue;
    const changed = CHANGE_WORD.test(clause);
    if (strict && !changed) continue;
    for (const [change, pattern] of TRAINING_PATTERNS) if (positiveMatches(clause, pattern, neg).length > 0) found.add(change);
    if (MORE.test(clause) && positiveMatches(clause, MILEAGE_UNITS, neg).length > 0) found.add('mileage');
  }
  if (found.size > 0) return TRAINING_ORDER.filter((c) => found.has(c));
  if (strict) return undefined;
  // A plain "nah" or "nope" to the question, read by the one yes/no reader.
  if (negative || /\b(not really|nothing|no changes?)\b/.test(s) || (language !== undefined && readYesNo(norm, { language }) === 'no'))
    return [];
  return undefined;
}

/**
 * Recent training changes: "upped my mileage" -> [mileage], "new shoes and lots of hills" -> [shoes, hills];
 * "no" / "nothing changed" / "same as usual" -> []. Nothing recognisable -> undefined.
 */
export function parseTrainingChanges(text: string, context: AnswerContext): TrainingChange[] | undefined {
  return trainingIn(normalizeAnswer(text, context.language), false, negationOf(context.language), context.language);
}

// ---------------------------------------------------------------------------------------------------------
// Age
// ---------------------------------------------------------------------------------------------------------

/** "29 next week", "turning 30 in march", "I'll be 40 on friday", "nearly 50": a birthday to come, so a year less. */
const BIRTHDAY_AHEAD = new RegExp(
  String.raw`\b(?:(?:turning|will be|going to be|nearly|almost) (\d{1,3})\b|(\d{1,3}) (?:next (?:week|month|year|birthday)|in (?:a (?:week|month|few (?:days|weeks))|\d+ (?:days?|weeks?|months?)|(?:${MONTH_AND_DAY_NAMES}))|on (?:${MONTH_AND_DAY_NAMES}|my (?:next )?birthday)|soon|tomorrow))\b`,
);

function ageIn(norm: string, strict: boolean): number | undefined {
  const s = numberWordsToDigits(norm);
  const inRange = (n: number): number | undefined => (Number.isInteger(n) && n >= 10 && n <= 100 ? n : undefined);
  const ahead = BIRTHDAY_AHEAD.exec(s);
  if (ahead && !strict) return inRange(Number(ahead[1] ?? ahead[2]) - 1);
  const explicit =
    /\b(\d{1,3}) ?(years? old|year old|yrs? old|yo|y o|y\/o|yr old|years of age)\b/.exec(s) ??
    /\b(?:i am|aged?|age is|my age is|just turned|turned)\s+(?:a |an |just |only )?(\d{1,3})\b(?! ?(km|k|miles?|weeks?|days?|months?|mins?|minutes|times|x|kg|%|\/))/.exec(
      s,
    );
  if (explicit) {
    return inRange(Number(explicit[1]));
  }
  if (strict) return undefined;
  // A decade ("late 40s", "in my thirties") or a birth year ("born in 1990") is not an age: it can sit
  // either side of a limit the advice uses (under 45 for morning stiffness), so the exact age is asked.
  if (/\bborn\b/.test(s)) return undefined;
  if (/\b(?:early|mid|late)? ?(?:\d0 ?s|teens|twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b/.test(s))
    return undefined;
  const numbers = [...s.matchAll(/(?<![\d./-])(\d{1,3})(?![\d./-])/g)].map((m) => Number(m[1]));
  if (numbers.length !== 1) return undefined;
  return inRange(numbers[0]);
}

/**
 * Age in years, 10 to 100: "I'm 34", "34", "thirty four", "34yo", "29 next week" (28). A decade ("late
 * 30s") or a birth year is undefined: asked again.
 */
export function parseAge(text: string, context: AnswerContext): number | undefined {
  return ageIn(normalizeAnswer(text, context.language), false);
}

// ---------------------------------------------------------------------------------------------------------
// Free description
// ---------------------------------------------------------------------------------------------------------

/**
 * What a free description already answers, so the dialog can skip those questions. Conservative: only
 * explicit statements, never the yes/no screens, never "no leg symptoms", never "no training changes".
 * "my lower back has hurt on the left for about 3 weeks, maybe a 6/10, only when i run" ->
 * { location: { area: 'one_side', side: 'left' }, durationDays: 21, severity: 6, timing: ['during_running'] }.
 */
export function extractKnownAnswers(text: string, context: DateReading & AnswerContext): Partial<SymptomAnswers> {
  const norm = normalizeAnswer(text, context.language);
  const neg = negationOf(context.language);
  const known: Partial<SymptomAnswers> = {};
  const location = parseLocationIn(norm, true, neg);
  if (location) known.location = location;
  const durationDays = durationIn(text, norm, true, context);
  if (durationDays !== undefined) known.durationDays = durationDays;
  const timing = timingIn(norm, true, neg);
  if (timing) known.timing = timing;
  const severity = severityIn(norm, true);
  if (severity !== undefined) known.severity = severity;
  const legSymptoms = legSymptomsIn(norm, true, null, neg);
  if (legSymptoms && legSymptoms.legs !== 'none') known.legSymptoms = legSymptoms;
  const trainingChanges = trainingIn(norm, true, neg);
  if (trainingChanges && trainingChanges.length > 0) known.trainingChanges = trainingChanges;
  const age = ageIn(norm, true);
  if (age !== undefined) known.age = age;
  return known;
}
