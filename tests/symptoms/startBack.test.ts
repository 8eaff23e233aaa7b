import { legPainSpreads, parseBothersomeness, scoreStartBack, startBackAdvice } from '../../src/symptoms/startBack';
import { startBackApplies } from '../../src/symptoms/nextQuestion';
import type { StartBackItem, SymptomAnswers } from '../../src/symptoms/types';

/** Items 2..9 from a list of the agreed ones; every other item answered "disagree". */
function agreedTo(...items: StartBackItem[]): SymptomAnswers['startBack'] {
  const all: StartBackItem[] = [2, 3, 4, 5, 6, 7, 8, 9];
  return Object.fromEntries(all.map((item) => [item, items.includes(item)])) as SymptomAnswers['startBack'];
}

const CENTRAL: SymptomAnswers = { location: { area: 'central' }, legSymptoms: { legs: 'none' } };
const SPREADING: SymptomAnswers = { location: { area: 'thigh', side: 'left' }, legSymptoms: { legs: 'none' } };

describe('scoreStartBack', () => {
  test.each([
    ['nothing agreed', CENTRAL, agreedTo(), { total: 0, psychosocial: 0, risk: 'low' }],
    ['total 3 (no leg spread): low', CENTRAL, agreedTo(2, 3, 4), { total: 3, psychosocial: 0, risk: 'low' }],
    ['total 3 with 3 psychosocial: still low', CENTRAL, agreedTo(5, 6, 7), { total: 3, psychosocial: 3, risk: 'low' }],
    ['total 4 with leg spread as item 1: medium', SPREADING, agreedTo(2, 3, 4), { total: 4, psychosocial: 0, risk: 'medium' }],
    ['total 4 with psychosocial 3: medium', CENTRAL, agreedTo(2, 5, 6, 7), { total: 4, psychosocial: 3, risk: 'medium' }],
    ['total 4 all psychosocial (4): high', CENTRAL, agreedTo(5, 6, 7, 8), { total: 4, psychosocial: 4, risk: 'high' }],
    ['total 7 with psychosocial 3: medium', SPREADING, agreedTo(2, 3, 4, 5, 6, 7), { total: 7, psychosocial: 3, risk: 'medium' }],
    ['total 9 everything: high', SPREADING, agreedTo(2, 3, 4, 5, 6, 7, 8, 9), { total: 9, psychosocial: 5, risk: 'high' }],
    ['psychosocial 4 including bothersomeness: high', SPREADING, agreedTo(6, 7, 8, 9), { total: 5, psychosocial: 4, risk: 'high' }],
  ])('%s', (_name, base, startBack, expected) => {
    expect(scoreStartBack({ ...base, startBack })).toEqual(expected);
  });

  it('counts unanswered items as disagree', () => {
    expect(scoreStartBack({ ...SPREADING, startBack: { 2: true, 3: true } })).toEqual({ total: 3, psychosocial: 0, risk: 'low' });
  });

  it('is undefined when no STarT Back item was asked', () => {
    expect(scoreStartBack(CENTRAL)).toBeUndefined();
    expect(scoreStartBack({ ...CENTRAL, startBack: {} })).toBeUndefined();
  });
});

describe('legPainSpreads (item 1)', () => {
  test.each<[string, SymptomAnswers, boolean]>([
    ['central pain', { location: { area: 'central' } }, false],
    ['one side of the back', { location: { area: 'one_side', side: 'right' } }, false],
    ['into the buttock', { location: { area: 'buttock' } }, true],
    ['into the thigh', { location: { area: 'thigh' } }, true],
    ['below the knee', { location: { area: 'below_knee', side: 'left' } }, true],
    ['tingling in one leg, central pain', { location: { area: 'central' }, legSymptoms: { legs: 'one', symptoms: ['tingling'] } }, true],
    ['both legs', { legSymptoms: { legs: 'both', symptoms: [] } }, true],
    ['legs fine', { location: { area: 'central' }, legSymptoms: { legs: 'none' } }, false],
    ['nothing known', {}, false],
  ])('%s -> %s', (_name, answers, expected) => {
    expect(legPainSpreads(answers)).toBe(expected);
  });
});

describe('startBackAdvice', () => {
  test.each([
    ['low', ['self-management']],
    ['medium', ['physiotherapy']],
    ['high', ['physiotherapy', 'psychological-support']],
  ] as const)('%s -> %j', (risk, keys) => {
    expect(startBackAdvice(risk)).toEqual(keys);
  });
});

describe('parseBothersomeness (item 9)', () => {
  test.each([
    ['not at all', false],
    ['Not at all', false],
    ['slightly', false],
    ['a little', false],
    ['moderately', false],
    ['Moderatly', false],
    ['not very much', false],
    ['not much', false],
    ['no', false],
    ['very much', true],
    ['Very much so', true],
    ['extremely', true],
    ['Extremly', true],
    ['a lot', true],
    ['5', true],
    ['4', true],
    ['3', false],
    ['1', false],
  ])('%j -> %s', (text, expected) => {
    expect(parseBothersomeness(text)).toBe(expected);
  });

  test.each(['hmm', '', '?', '7', 'what do you mean'])('%j is unclear', (text) => {
    expect(parseBothersomeness(text)).toBeUndefined();
  });
});

describe('when the STarT Back items are asked', () => {
  // Its items ask about the last 2 weeks: a medium score turns the advice into physiotherapy.
  it.each([
    [{ durationDays: 3, severity: 4 }, false],
    [{ durationDays: 14, severity: 5 }, true],
    [{ durationDays: 5, severity: 7 }, true],
    [{ durationDays: 60, severity: 2 }, true],
  ])('%j -> %s', (answers, asked) => {
    expect(startBackApplies(answers)).toBe(asked);
  });
});
