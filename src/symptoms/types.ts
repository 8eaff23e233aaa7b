/**
 * What the symptom check learns, one field per follow-up question. Every field is optional: the check
 * asks only what it does not know yet, and a user may already have said some of it.
 */
import type { TriageLevel } from '../safety/types';

export type PainArea = 'central' | 'one_side' | 'buttock' | 'thigh' | 'below_knee';
export type Side = 'left' | 'right' | 'both';
export type PainTiming =
  'during_running' | 'after_running' | 'at_rest' | 'at_night' | 'all_the_time' | 'morning_stiffness' | 'with_movement';
export type LegSymptom = 'pain' | 'tingling' | 'numbness' | 'weakness';
export type TrainingChange = 'mileage' | 'surface' | 'shoes' | 'hills' | 'speed';

export interface SymptomAnswers {
  /** Where the pain is and how far it spreads (the furthest point). */
  location?: { area: PainArea; side?: Side };
  /** How long ago it started, in days. */
  durationDays?: number;
  /** When it hurts; several can apply. */
  timing?: PainTiming[];
  /** 0 (none) to 10 (worst imaginable). */
  severity?: number;
  /** Leg symptoms: none, or which legs and what. */
  legSymptoms?: { legs: 'none' } | { legs: 'one' | 'both'; symptoms: LegSymptom[] };
  /** Direct screen for cauda equina signs: new bladder/bowel change, saddle numbness, both-leg symptoms. */
  caudaEquinaScreen?: boolean;
  /** Direct screen for other serious signs: fever, cancer history, unexplained weight loss, constant night pain. */
  seriousSignsScreen?: boolean;
  /** Recent training changes; empty array means none. */
  trainingChanges?: TrainingChange[];
  /** Pain when bending backwards (asked after a mileage jump: bone stress injury). */
  painBendingBackwards?: boolean;
  /** Stiff for a long time every morning, easing with movement (asked for pain of 3+ months). */
  morningStiffness?: boolean;
  /** Age in years (asked only when it changes the advice: morning stiffness). */
  age?: number;
  /** Past injuries that may have changed how they run. */
  pastInjury?: boolean;
  /** When a button gave a range, the range as given ("1 to 6 weeks" is not "about 3 weeks"). */
  ranges?: { durationDays?: [number, number | null]; severity?: [number, number] };
  /** Keele STarT Back answers by item number 2..9 (item 1 comes from the leg answers). true = agree. */
  startBack?: Partial<Record<StartBackItem, boolean>>;
}

export type StartBackItem = 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;

export type StartBackRisk = 'low' | 'medium' | 'high';

export interface SymptomAssessment {
  triage: TriageLevel;
  /** Short reasons in plain words, for the summary ("pain for about 3 weeks"). */
  reasons: string[];
  /** Advice keys (see knowledge/symptom-check.yaml) chosen for these answers, most relevant first. */
  adviceKeys: string[];
  startBack?: { total: number; psychosocial: number; risk: StartBackRisk };
}
