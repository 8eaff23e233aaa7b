import { ADVICE_KEYS, assessSymptoms, describeDuration, redFlagsInAnswers } from '../../src/symptoms/assessSymptoms';
import type { SymptomAnswers } from '../../src/symptoms/types';

/** A typical runner's ache: one side, 3 weeks, only while running, 5/10, after a mileage jump, no red flags. */
const BENIGN: SymptomAnswers = {
  location: { area: 'one_side', side: 'left' },
  durationDays: 21,
  timing: ['during_running'],
  severity: 5,
  legSymptoms: { legs: 'none' },
  caudaEquinaScreen: false,
  seriousSignsScreen: false,
  trainingChanges: ['mileage'],
  painBendingBackwards: false,
  pastInjury: false,
};

const NO_START_BACK = { 2: false, 3: false, 4: false, 5: false, 6: false, 7: false, 8: false, 9: false } as const;

describe('assessSymptoms: a benign runner', () => {
  it('is self-care, with a summary of what they said and advice that fits', () => {
    expect(assessSymptoms(BENIGN)).toEqual({
      triage: 'self-care',
      reasons: ['pain on the left side of your lower back', 'for about 3 weeks', 'only while running', '5/10', 'a recent jump in mileage'],
      adviceKeys: ['training-load', 'one-sided-pain', 'glute-self-test', 'pain-relief', 'recovery-time', 'core-strength'],
    });
  });

  it('central, mild, after runs, nothing changed: self-care without pain relief', () => {
    const result = assessSymptoms({
      location: { area: 'central' },
      durationDays: 5,
      timing: ['after_running'],
      severity: 3,
      legSymptoms: { legs: 'none' },
      caudaEquinaScreen: false,
      seriousSignsScreen: false,
      trainingChanges: [],
    });
    expect(result).toEqual({
      triage: 'self-care',
      reasons: ['pain in the middle of your lower back', 'for about 5 days', 'after running', '3/10'],
      adviceKeys: ['recovery-time', 'core-strength'],
    });
  });

  it('new shoes, hills and a new surface each add their own advice', () => {
    const result = assessSymptoms({ ...BENIGN, trainingChanges: ['surface', 'shoes', 'hills'], pastInjury: true });
    expect(result.triage).toBe('self-care');
    expect(result.adviceKeys).toEqual([
      'training-load',
      'running-surface',
      'shoes',
      'one-sided-pain',
      'glute-self-test',
      'pain-relief',
      'recovery-time',
      'past-injuries',
      'core-strength',
    ]);
    expect(result.reasons).toEqual(
      expect.arrayContaining(['a change of running surface', 'new or worn-out shoes', 'more hill running', 'a past injury']),
    );
  });

  it('pain at rest alone (sitting at a desk) is mechanical, not urgent', () => {
    expect(assessSymptoms({ ...BENIGN, timing: ['during_running', 'at_rest'] }).triage).toBe('self-care');
    expect(assessSymptoms({ ...BENIGN, timing: ['during_running', 'at_rest'] }).adviceKeys).not.toContain('glute-self-test');
  });
});

describe('assessSymptoms: triage rules', () => {
  test.each<[string, SymptomAnswers, string]>([
    ['cauda equina screen yes', { ...BENIGN, caudaEquinaScreen: true }, 'emergency'],
    ['tingling in both legs', { ...BENIGN, legSymptoms: { legs: 'both', symptoms: ['tingling'] } }, 'emergency'],
    [
      'pain spreading below both knees (sciatica on both sides)',
      { ...BENIGN, location: { area: 'below_knee', side: 'both' } },
      'emergency',
    ],
    ['pain across both sides of the lower back is not both legs', { ...BENIGN, location: { area: 'central', side: 'both' } }, 'self-care'],
    ['serious signs screen yes', { ...BENIGN, seriousSignsScreen: true }, 'urgent'],
    ['worse at night', { ...BENIGN, timing: ['during_running', 'at_night'] }, 'urgent'],
    ['constant pain', { ...BENIGN, timing: ['all_the_time'] }, 'urgent'],
    ['one-leg symptoms (sciatica)', { ...BENIGN, legSymptoms: { legs: 'one', symptoms: ['pain', 'tingling'] } }, 'routine'],
    ['more than 6 weeks', { ...BENIGN, durationDays: 43 }, 'routine'],
    ['exactly 6 weeks', { ...BENIGN, durationDays: 42 }, 'self-care'],
    ['severity 8', { ...BENIGN, severity: 8 }, 'routine'],
    ['severity 7', { ...BENIGN, severity: 7 }, 'self-care'],
    ['STarT Back medium', { ...BENIGN, startBack: { ...NO_START_BACK, 2: true, 3: true, 4: true, 5: true } }, 'routine'],
    ['STarT Back high', { ...BENIGN, startBack: { ...NO_START_BACK, 5: true, 6: true, 7: true, 8: true } }, 'routine'],
    ['STarT Back low', { ...BENIGN, startBack: { ...NO_START_BACK, 2: true, 3: true, 4: true } }, 'self-care'],
    ['mileage jump + pain bending backwards', { ...BENIGN, painBendingBackwards: true }, 'routine'],
    ['pain bending backwards without a load change', { ...BENIGN, trainingChanges: [], painBendingBackwards: true }, 'self-care'],
    [
      'morning stiffness 3+ months, 30 years old',
      { ...BENIGN, timing: ['morning_stiffness'], durationDays: 100, morningStiffness: true, age: 30 },
      'routine',
    ],
    [
      'highest level wins: one leg + cauda equina',
      { ...BENIGN, legSymptoms: { legs: 'one', symptoms: ['numbness'] }, caudaEquinaScreen: true },
      'emergency',
    ],
    [
      'highest level wins: night pain + 10 weeks + one leg',
      { ...BENIGN, timing: ['at_night'], durationDays: 70, legSymptoms: { legs: 'one', symptoms: ['pain'] } },
      'urgent',
    ],
    ['nothing known yet', {}, 'self-care'],
  ])('%s -> %s', (_name, answers, triage) => {
    expect(assessSymptoms(answers).triage).toBe(triage);
  });

  it('emergency and urgent results carry no advice (action first, nothing that suggests waiting or exercising)', () => {
    expect(assessSymptoms({ ...BENIGN, caudaEquinaScreen: true }).adviceKeys).toEqual([]);
    expect(assessSymptoms({ ...BENIGN, legSymptoms: { legs: 'both', symptoms: ['numbness', 'weakness'] } })).toEqual({
      triage: 'emergency',
      reasons: [
        'pain on the left side of your lower back',
        'for about 3 weeks',
        'only while running',
        '5/10',
        'numbness and weakness in both legs',
        'a recent jump in mileage',
      ],
      adviceKeys: [],
    });
    expect(assessSymptoms({ ...BENIGN, timing: ['all_the_time', 'at_night'] })).toEqual({
      triage: 'urgent',
      reasons: [
        'pain on the left side of your lower back',
        'for about 3 weeks',
        'at night and all the time',
        '5/10',
        'a recent jump in mileage',
      ],
      adviceKeys: [],
    });
  });

  it('one leg: routine, leg-nerve advice first', () => {
    const result = assessSymptoms({
      ...BENIGN,
      location: { area: 'below_knee', side: 'left' },
      legSymptoms: { legs: 'one', symptoms: ['pain', 'tingling'] },
    });
    expect(result.triage).toBe('routine');
    expect(result.reasons).toEqual([
      'pain spreading below your left knee',
      'for about 3 weeks',
      'only while running',
      '5/10',
      'pain and tingling in one leg',
      'a recent jump in mileage',
    ]);
    expect(result.adviceKeys).toEqual([
      'leg-nerve-symptoms',
      'training-load',
      'glute-self-test',
      'pain-relief',
      'recovery-time',
      'core-strength',
    ]);
  });

  it('persistent pain: routine, persistent-pain advice first', () => {
    const result = assessSymptoms({ ...BENIGN, durationDays: 60, trainingChanges: [] });
    expect(result.reasons[1]).toBe('for about 2 months');
    expect(result.adviceKeys).toEqual(['persistent-pain', 'one-sided-pain', 'glute-self-test', 'pain-relief', 'core-strength']);
  });

  it('mileage jump + pain bending backwards: bone-stress note first, no impact or strength work suggested', () => {
    const result = assessSymptoms({ ...BENIGN, painBendingBackwards: true });
    expect(result.triage).toBe('routine');
    expect(result.reasons).toContain('pain when bending backwards');
    expect(result.adviceKeys).toEqual(['bone-stress', 'training-load', 'one-sided-pain', 'pain-relief']);
  });

  it('speed work or hills count as a jump in training load for bone stress', () => {
    expect(assessSymptoms({ ...BENIGN, trainingChanges: ['speed'], painBendingBackwards: true }).adviceKeys[0]).toBe('bone-stress');
    expect(assessSymptoms({ ...BENIGN, trainingChanges: ['hills'], painBendingBackwards: true }).adviceKeys[0]).toBe('bone-stress');
    expect(assessSymptoms({ ...BENIGN, trainingChanges: ['shoes'], painBendingBackwards: true }).adviceKeys).not.toContain('bone-stress');
  });

  describe('morning stiffness (inflammatory pattern)', () => {
    const STIFF: SymptomAnswers = {
      location: { area: 'central' },
      durationDays: 120,
      timing: ['morning_stiffness'],
      severity: 3,
      morningStiffness: true,
      age: 30,
    };

    it('3+ months, under 45: routine with the GP note first, said once in the summary', () => {
      expect(assessSymptoms(STIFF)).toEqual({
        triage: 'routine',
        reasons: ['pain in the middle of your lower back', 'for about 4 months', '3/10', 'stiff for a long time every morning'],
        adviceKeys: ['inflammatory', 'persistent-pain', 'core-strength'],
      });
    });

    test.each<[string, SymptomAnswers, boolean]>([
      ['age 44', { ...STIFF, age: 44 }, true],
      ['age 45', { ...STIFF, age: 45 }, false],
      ['age not given', { ...STIFF, age: undefined }, true],
      ['exactly 12 weeks', { ...STIFF, durationDays: 84 }, true],
      ['only 10 weeks', { ...STIFF, durationDays: 70 }, false],
      ['said no to long morning stiffness', { ...STIFF, morningStiffness: false }, false],
    ])('%s -> inflammatory note %s', (_name, answers, expected) => {
      const result = assessSymptoms(answers);
      expect(result.adviceKeys.includes('inflammatory')).toBe(expected);
      expect(result.triage).toBe('routine'); // still routine: over 6 weeks
    });
  });

  describe('STarT Back shapes the advice', () => {
    it('low risk: self-care with self-management advice and the score', () => {
      const result = assessSymptoms({ ...BENIGN, startBack: { ...NO_START_BACK, 2: true } });
      expect(result.triage).toBe('self-care');
      expect(result.startBack).toEqual({ total: 1, psychosocial: 0, risk: 'low' });
      expect(result.adviceKeys.slice(0, 2)).toEqual(['self-management', 'training-load']);
    });

    it('medium risk: routine with physiotherapy', () => {
      const result = assessSymptoms({
        ...BENIGN,
        location: { area: 'buttock', side: 'left' },
        startBack: { ...NO_START_BACK, 2: true, 3: true, 4: true },
      });
      expect(result.triage).toBe('routine');
      expect(result.startBack).toEqual({ total: 4, psychosocial: 0, risk: 'medium' });
      expect(result.adviceKeys.slice(0, 2)).toEqual(['physiotherapy', 'training-load']);
      expect(result.reasons).toContain('the pain getting in the way of daily life');
    });

    it('high risk: routine, psychological support first, then physiotherapy', () => {
      const result = assessSymptoms({ ...BENIGN, startBack: { ...NO_START_BACK, 5: true, 6: true, 7: true, 9: true } });
      expect(result.triage).toBe('routine');
      expect(result.startBack).toEqual({ total: 4, psychosocial: 4, risk: 'high' });
      expect(result.adviceKeys.slice(0, 3)).toEqual(['psychological-support', 'physiotherapy', 'training-load']);
    });
  });

  it('only uses documented advice keys', () => {
    const everything: SymptomAnswers = {
      location: { area: 'buttock', side: 'right' },
      durationDays: 200,
      timing: ['during_running', 'after_running'],
      severity: 9,
      legSymptoms: { legs: 'one', symptoms: ['tingling'] },
      trainingChanges: ['mileage', 'surface', 'shoes', 'hills', 'speed'],
      morningStiffness: true,
      age: 25,
      pastInjury: true,
      startBack: { ...NO_START_BACK, 5: true, 6: true, 7: true, 8: true },
    };
    const keys = assessSymptoms(everything).adviceKeys;
    expect(keys.every((key) => (ADVICE_KEYS as readonly string[]).includes(key))).toBe(true);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('redFlagsInAnswers: the red flags the answers so far establish', () => {
  const idsAndLevels = (answers: SymptomAnswers) => redFlagsInAnswers(answers).map(({ id, level }) => [id, level]);

  test.each<[string, SymptomAnswers, Array<[string, string]>]>([
    ['nothing known yet', {}, []],
    ['a benign runner', BENIGN, []],
    [
      'only the location so far: pain below both knees',
      { location: { area: 'below_knee', side: 'both' } },
      [['bilateral-leg-symptoms', 'emergency']],
    ],
    [
      'only the location so far: pain into both thighs',
      { location: { area: 'thigh', side: 'both' } },
      [['bilateral-leg-symptoms', 'emergency']],
    ],
    ['pain across both sides of the back', { location: { area: 'central', side: 'both' } }, []],
    ['pain into both buttocks (not the legs)', { location: { area: 'buttock', side: 'both' } }, []],
    ['pain below one knee', { location: { area: 'below_knee', side: 'left' } }, []],
    ['tingling in both legs', { legSymptoms: { legs: 'both', symptoms: ['tingling'] } }, [['bilateral-leg-symptoms', 'emergency']]],
    [
      'both legs said twice is one flag',
      { location: { area: 'below_knee', side: 'both' }, legSymptoms: { legs: 'both', symptoms: ['pain'] } },
      [['bilateral-leg-symptoms', 'emergency']],
    ],
    ['one leg (sciatica) is not a red flag here', { legSymptoms: { legs: 'one', symptoms: ['pain', 'tingling'] } }, []],
    ['pain at rest alone', { timing: ['during_running', 'at_rest'] }, []],
    ['only the timing so far: worse at night', { timing: ['at_night'] }, [['non-mechanical-pain', 'urgent']]],
    ['all the time', { timing: ['all_the_time'] }, [['non-mechanical-pain', 'urgent']]],
    [
      'everything at once, most urgent first',
      { ...BENIGN, timing: ['at_night'], seriousSignsScreen: true, caudaEquinaScreen: true, location: { area: 'thigh', side: 'both' } },
      [
        ['cauda-equina-screen', 'emergency'],
        ['bilateral-leg-symptoms', 'emergency'],
        ['serious-signs-screen', 'urgent'],
        ['non-mechanical-pain', 'urgent'],
      ],
    ],
  ])('%s', (_name, answers, expected) => {
    expect(idsAndLevels(answers)).toEqual(expected);
  });

  test.each<[string, SymptomAnswers]>([
    ['cauda equina screen yes', { ...BENIGN, caudaEquinaScreen: true }],
    ['pain below both knees', { ...BENIGN, location: { area: 'below_knee', side: 'both' } }],
    ['serious signs screen yes', { ...BENIGN, seriousSignsScreen: true }],
    [
      'night pain with one-leg sciatica and 10 weeks',
      { ...BENIGN, timing: ['at_night'], durationDays: 70, legSymptoms: { legs: 'one', symptoms: ['pain'] } },
    ],
    ['night pain and both legs', { ...BENIGN, timing: ['at_night'], legSymptoms: { legs: 'both', symptoms: ['numbness'] } }],
  ])('%s: the final triage is the highest flag level, with no advice', (_name, answers) => {
    const levels = redFlagsInAnswers(answers).map((flag) => flag.level);
    const highest = levels.includes('emergency') ? 'emergency' : 'urgent';
    expect(levels.length).toBeGreaterThan(0);
    expect(assessSymptoms(answers)).toMatchObject({ triage: highest, adviceKeys: [] });
  });

  it('no red flag: the final triage comes from the other rules, never emergency or urgent', () => {
    for (const answers of [
      BENIGN,
      { ...BENIGN, durationDays: 60 },
      { ...BENIGN, legSymptoms: { legs: 'one', symptoms: ['tingling'] } } as SymptomAnswers,
    ]) {
      expect(redFlagsInAnswers(answers)).toEqual([]);
      expect(['routine', 'self-care']).toContain(assessSymptoms(answers).triage);
    }
  });
});

describe('describeDuration', () => {
  test.each([
    [0, 'since today'],
    [1, 'since yesterday'],
    [3, 'for about 3 days'],
    [7, 'for about a week'],
    [21, 'for about 3 weeks'],
    [45, 'for about 6 weeks'],
    [60, 'for about 2 months'],
    [180, 'for about 6 months'],
    [365, 'for about a year'],
    [500, 'for over a year'],
    [800, 'for about 2 years'],
  ])('%d days -> %j', (days, text) => {
    expect(describeDuration(days)).toBe(text);
  });
});
