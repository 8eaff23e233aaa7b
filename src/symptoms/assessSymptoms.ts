/**
 * Turns the follow-up answers into a triage level, a plain-words summary and advice keys, following the
 * triage rules of docs/safety.md. The level is the highest any rule gives; it never
 * diagnoses. Also the one home of the emergency and urgent rules (redFlagsInAnswers), which the symptom
 * check applies after every answer. Plain functions, no I/O.
 *
 * Advice keys (knowledge/symptom-check.yaml maps each to knowledge-base topic ids). Only routine and
 * self-care results carry advice keys: emergency and urgent results must put the action first and offer
 * nothing that suggests waiting or exercising, so their adviceKeys are empty.
 *
 *   bone-stress            pain bending backwards after a jump in training load (mileage, speed or hills):
 *                          stop impact, see a physio within days
 *   inflammatory           long morning stiffness for 3+ months, under 45 (or age not given): see a GP,
 *                          do not be reassured because running eases it
 *   leg-nerve-symptoms     pain, tingling, numbness or weakness down one leg (sciatica-like)
 *   persistent-pain        pain for more than 6 weeks (not better after a few weeks of self-care)
 *   psychological-support  STarT Back high risk (physiotherapy with psychological support)
 *   physiotherapy          STarT Back medium or high risk
 *   self-management        STarT Back low risk
 *   training-load          recent jump in mileage, speed work or hills
 *   running-surface        recent change of running surface
 *   shoes                  new or worn-out shoes
 *   one-sided-pain         pain on one side of the lower back or in one buttock
 *   glute-self-test        pain only when running (during runs, maybe after, never at rest); not with
 *                          bone-stress
 *   pain-relief            pain 4/10 or more
 *   recovery-time          pain after runs, or a recent load jump: rest days and easy weeks
 *   past-injuries          a past injury that may have changed how they run
 *   core-strength          general strength work for the back and hips (not with bone-stress: stop first)
 *
 * Order: most relevant first (the result shows only the first topics): the specific routine notes, then
 * what the STarT Back score says, then likely causes (training, surface, shoes), then the rest.
 */
import type { RedFlagHit, TriageLevel } from '../safety/types';
import { scoreStartBack, startBackAdvice } from './startBack';
import type { LegSymptom, PainTiming, SymptomAnswers, SymptomAssessment, TrainingChange } from './types';

export const ADVICE_KEYS = [
  'bone-stress',
  'inflammatory',
  'leg-nerve-symptoms',
  'persistent-pain',
  'psychological-support',
  'physiotherapy',
  'self-management',
  'training-load',
  'running-surface',
  'shoes',
  'one-sided-pain',
  'glute-self-test',
  'pain-relief',
  'recovery-time',
  'past-injuries',
  'core-strength',
] as const;
export type AdviceKey = (typeof ADVICE_KEYS)[number];

/** More than 6 weeks: "not better after a few weeks of self-care". */
const PERSISTENT_AFTER_DAYS = 42;
/** 12 weeks: the spec's chronic threshold, used for "stiff every morning for months". */
const MONTHS_OF_STIFFNESS_DAYS = 84;
const SEVERE_PAIN = 8;
const PAIN_RELIEF_FROM = 4;
const INFLAMMATORY_AGE_LIMIT = 45;

const LEVEL_RANK: Record<TriageLevel, number> = { 'self-care': 0, routine: 1, urgent: 2, emergency: 3 };
const LOAD_CHANGES: TrainingChange[] = ['mileage', 'speed', 'hills'];

function higher(a: TriageLevel, b: TriageLevel): TriageLevel {
  return LEVEL_RANK[b] > LEVEL_RANK[a] ? b : a;
}

// --- reasons, in plain words ------------------------------------------------------------------------------

function locationReason(location: NonNullable<SymptomAnswers['location']>): string {
  const { area, side } = location;
  const one = side === 'left' || side === 'right' ? `your ${side} ` : undefined;
  switch (area) {
    case 'central':
      return side === 'both' ? 'pain across both sides of your lower back' : 'pain in the middle of your lower back';
    case 'one_side':
      return one ? `pain on the ${side} side of your lower back` : 'pain on one side of your lower back';
    case 'buttock':
      return `pain spreading into ${side === 'both' ? 'both buttocks' : `${one ?? 'your '}buttock`}`;
    case 'thigh':
      return `pain spreading into ${side === 'both' ? 'both thighs' : `${one ?? 'your '}thigh`}`;
    case 'below_knee':
      return `pain spreading below ${side === 'both' ? 'both knees' : `${one ?? 'the '}knee`}`;
  }
}

/** "for about 3 weeks", "since yesterday", "for over a year". */
export function describeDuration(days: number): string {
  if (days <= 0) return 'since today';
  if (days === 1) return 'since yesterday';
  if (days < 7) return `for about ${days} days`;
  if (days < 56) {
    const weeks = Math.round(days / 7);
    return weeks === 1 ? 'for about a week' : `for about ${weeks} weeks`;
  }
  if (days < 365) return `for about ${Math.round(days / 30)} months`;
  if (days < 730) return days === 365 ? 'for about a year' : 'for over a year';
  return `for about ${Math.round(days / 365)} years`;
}

/** A range as given on a button: "for 1 to 6 weeks", "for over 3 months", "for less than a week". */
export function describeDurationRange([from, to]: [number, number | null]): string {
  if (to === null) return from >= 84 ? `for over ${Math.round(from / 28)} months` : `for over ${Math.round(from / 7)} weeks`;
  if (to < 7) return 'for less than a week';
  return `for ${Math.max(1, Math.round(from / 7))} to ${Math.round((to + 1) / 7)} weeks`;
}

const TIMING_WORDS: Record<PainTiming, string> = {
  during_running: 'while running',
  after_running: 'after running',
  at_rest: 'at rest',
  at_night: 'at night',
  all_the_time: 'all the time',
  morning_stiffness: 'stiff in the mornings',
  with_movement: 'when moving or bending',
};

function listOf(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function timingReason(timing: PainTiming[]): string | undefined {
  if (timing.length === 0) return undefined;
  if (timing.length === 1 && timing[0] === 'during_running') return 'only while running';
  const order = Object.keys(TIMING_WORDS) as PainTiming[];
  return listOf(order.filter((t) => timing.includes(t)).map((t) => TIMING_WORDS[t]));
}

function legReason(legs: 'one' | 'both', symptoms: LegSymptom[]): string {
  const what = symptoms.length > 0 ? listOf(symptoms) : 'symptoms';
  return `${what} in ${legs === 'one' ? 'one leg' : 'both legs'}`;
}

const TRAINING_WORDS: Record<TrainingChange, string> = {
  mileage: 'a recent jump in mileage',
  surface: 'a change of running surface',
  shoes: 'new or worn-out shoes',
  hills: 'more hill running',
  speed: 'more speed work',
};

// --- red flags: the emergency and urgent rules ------------------------------------------------------------
// Written once, here. assessSymptoms raises the final triage to them, and the symptom check asks this
// after every answer so that an answer which is itself a red flag escalates at once, not at the end.

/**
 * Symptoms in both legs, however the user told us: as leg symptoms, or as pain spreading into both
 * thighs or below both knees when asked where the pain is. Both are sciatica on both sides, the spec's
 * "pain, tingling, weakness or numbness in BOTH legs" (possible cauda equina or cord compression).
 * Pain across both sides of the back or into both buttocks is not in the legs, so it does not count.
 */
function symptomsInBothLegs(answers: SymptomAnswers): boolean {
  const location = answers.location;
  const spreadsIntoBothLegs = (location?.area === 'thigh' || location?.area === 'below_knee') && location.side === 'both';
  return answers.legSymptoms?.legs === 'both' || spreadsIntoBothLegs;
}

/**
 * Pain that does not behave like a strain: worse at night or there all the time. Pain at rest alone
 * (sitting at a desk) is still mechanical, so it does not count.
 */
function nonMechanicalPain(answers: SymptomAnswers): boolean {
  return (answers.timing ?? []).some((t) => t === 'at_night' || t === 'all_the_time');
}

interface AnswerRedFlag extends RedFlagHit {
  establishedBy: (answers: SymptomAnswers) => boolean;
}

/**
 * Most urgent first. The ids appear in TurnSummary traces and metrics. Where the sign is one of
 * knowledge/safety/red-flags.yaml (bilateral-leg-symptoms, non-mechanical-pain) the id is the same, so
 * the escalation gives that flag's reason and the trace counts it once, however the user said it. The
 * two screens (cauda-equina-screen, serious-signs-screen) are the check's own yes/no questions.
 */
const ANSWER_RED_FLAGS: readonly AnswerRedFlag[] = [
  {
    id: 'cauda-equina-screen',
    level: 'emergency',
    suggests: 'pressure on the nerves at the base of the spine (cauda equina)',
    establishedBy: (answers) => answers.caudaEquinaScreen === true,
  },
  {
    id: 'bilateral-leg-symptoms',
    level: 'emergency',
    suggests: 'pressure on the nerves to both legs',
    establishedBy: symptomsInBothLegs,
  },
  {
    id: 'serious-signs-screen',
    level: 'urgent',
    suggests: 'a cause other than strain, such as an infection or a fracture, that needs a doctor soon',
    establishedBy: (answers) => answers.seriousSignsScreen === true,
  },
  {
    id: 'non-mechanical-pain',
    level: 'urgent',
    suggests: 'pain that does not behave like a strain and needs a doctor to look at it',
    establishedBy: nonMechanicalPain,
  },
];

/**
 * The emergency and urgent red flags that the answers given so far already establish, most urgent
 * first. Unanswered questions establish nothing. Plain function, no I/O.
 */
export function redFlagsInAnswers(answers: SymptomAnswers): RedFlagHit[] {
  return ANSWER_RED_FLAGS.filter((flag) => flag.establishedBy(answers)).map(({ id, level, suggests }) => ({ id, level, suggests }));
}

// --- the assessment ---------------------------------------------------------------------------------------

/**
 * Rules, highest level wins:
 * - emergency and urgent: the red flags in the answers (redFlagsInAnswers above)
 * - routine: one-leg symptoms; pain for more than 6 weeks; pain 8/10 or more; STarT Back medium or high;
 *   pain bending backwards after a jump in training load (bone-stress note); morning stiffness for 3+
 *   months under 45 (inflammatory note, GP)
 * - otherwise self-care
 */
export function assessSymptoms(answers: SymptomAnswers): SymptomAssessment {
  const levels: TriageLevel[] = ['self-care'];
  const raise = (level: TriageLevel): void => {
    levels.push(level);
  };
  const reasons: string[] = [];
  const timing = answers.timing ?? [];
  const changes = answers.trainingChanges ?? [];
  const legs = answers.legSymptoms?.legs;
  const area = answers.location?.area;
  const days = answers.durationDays;

  // Emergency and urgent: the same red flags the check escalates on mid-way.
  for (const flag of redFlagsInAnswers(answers)) raise(flag.level);

  // Routine.
  const oneLeg = legs === 'one';
  if (oneLeg) raise('routine');
  const persistent = days !== undefined && days > PERSISTENT_AFTER_DAYS;
  if (persistent) raise('routine');
  const severe = answers.severity !== undefined && answers.severity >= SEVERE_PAIN;
  if (severe) raise('routine');
  const startBack = scoreStartBack(answers);
  if (startBack && startBack.risk !== 'low') raise('routine');
  const loadJump = changes.some((c) => LOAD_CHANGES.includes(c));
  const boneStress = answers.painBendingBackwards === true && loadJump;
  if (boneStress) raise('routine');
  const stiffMornings = answers.morningStiffness ?? timing.includes('morning_stiffness');
  const inflammatory =
    stiffMornings &&
    days !== undefined &&
    days >= MONTHS_OF_STIFFNESS_DAYS &&
    (answers.age === undefined || answers.age < INFLAMMATORY_AGE_LIMIT);
  if (inflammatory) raise('routine');

  // What the user said, in their order of telling.
  if (answers.location) reasons.push(locationReason(answers.location));
  const dayRange = answers.ranges?.durationDays;
  if (days !== undefined) reasons.push(dayRange ? describeDurationRange(dayRange) : describeDuration(days));
  // The explicit morning-stiffness answer is said once, below, not twice.
  const when = timingReason(answers.morningStiffness === true ? timing.filter((t) => t !== 'morning_stiffness') : timing);
  if (when) reasons.push(when);
  const scoreRange = answers.ranges?.severity;
  if (answers.severity !== undefined) reasons.push(scoreRange ? `${scoreRange[0]}-${scoreRange[1]}/10` : `${answers.severity}/10`);
  if (answers.legSymptoms && answers.legSymptoms.legs !== 'none')
    reasons.push(legReason(answers.legSymptoms.legs, answers.legSymptoms.symptoms));
  if (answers.caudaEquinaScreen === true) reasons.push('changes in bladder or bowel control or numbness between the legs');
  if (answers.seriousSignsScreen === true) reasons.push('signs such as fever, past cancer, weight loss or thin bones');
  for (const change of changes) reasons.push(TRAINING_WORDS[change]);
  if (answers.painBendingBackwards === true) reasons.push('pain when bending backwards');
  if (answers.morningStiffness === true) reasons.push('stiff for a long time every morning');
  if (startBack && startBack.risk !== 'low')
    reasons.push(
      startBack.risk === 'high' ? 'the pain weighing heavily on daily life and mood' : 'the pain getting in the way of daily life',
    );
  if (answers.pastInjury === true) reasons.push('a past injury');

  const triage = levels.reduce(higher);
  if (triage === 'emergency' || triage === 'urgent') {
    return { triage, reasons, adviceKeys: [], ...(startBack ? { startBack } : {}) };
  }

  const keys: AdviceKey[] = [];
  if (boneStress) keys.push('bone-stress');
  if (inflammatory) keys.push('inflammatory');
  if (oneLeg) keys.push('leg-nerve-symptoms');
  if (persistent) keys.push('persistent-pain');
  if (startBack) {
    const groupKeys = startBackAdvice(startBack.risk);
    // High risk: the psychological support is what sets it apart, so it leads.
    keys.push(...[...groupKeys].sort((a, b) => (a === 'psychological-support' ? -1 : b === 'psychological-support' ? 1 : 0)));
  }
  if (loadJump) keys.push('training-load');
  if (changes.includes('surface')) keys.push('running-surface');
  if (changes.includes('shoes')) keys.push('shoes');
  const side = answers.location?.side;
  if (area === 'one_side' || (area === 'buttock' && side !== 'both')) keys.push('one-sided-pain');
  const onlyWhenRunning = timing.includes('during_running') && timing.every((t) => t === 'during_running' || t === 'after_running');
  if (onlyWhenRunning && !boneStress) keys.push('glute-self-test');
  if (answers.severity !== undefined && answers.severity >= PAIN_RELIEF_FROM) keys.push('pain-relief');
  if (!boneStress && (loadJump || timing.includes('after_running'))) keys.push('recovery-time');
  if (answers.pastInjury === true) keys.push('past-injuries');
  if (!boneStress) keys.push('core-strength');

  return { triage, reasons, adviceKeys: [...new Set(keys)], ...(startBack ? { startBack } : {}) };
}
