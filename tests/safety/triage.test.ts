import * as path from 'node:path';
import { evaluateRedFlags, formatRedFlagReport } from '../../src/safety/evaluation';
import {
  DEFAULT_SAFETY_DIR,
  FORBIDDEN_IN_EMERGENCY,
  checkEscalationMessages,
  loadRedFlagPhrases,
  loadRegions,
  loadSafetyRules,
} from '../../src/safety/loadSafetyRules';
import { confirmUnclear, screenForRedFlags } from '../../src/safety/redFlagDetector';
import {
  DEFAULT_REGIONS,
  composeEscalation,
  composeReminder,
  composeTriageMessage,
  fillTemplate,
  higherTriage,
  isEscalation,
  resolveRegion,
  stickyTriage,
} from '../../src/safety/triage';
import { TRIAGE_LEVELS, type TriageLevel } from '../../src/safety/types';

const rules = loadSafetyRules();
const uk = resolveRegion(rules, 'uk');
const us = resolveRegion(rules, 'us');
const eu = resolveRegion(rules, 'eu');
const NOT_A_DIAGNOSIS = rules.messages.notDiagnosis;
const FORBIDDEN = /\b(book|booking|appointment|exercise|exercises|stretch|stretches|stretching|wait|waiting)\b/i;

describe('triage level order', () => {
  test('higherTriage picks the more urgent level; null means nothing yet', () => {
    expect(higherTriage(null, 'routine')).toBe('routine');
    expect(higherTriage('routine', null)).toBe('routine');
    expect(higherTriage(undefined, undefined)).toBeNull();
    expect(higherTriage('self-care', 'urgent')).toBe('urgent');
    expect(higherTriage('emergency', 'urgent')).toBe('emergency');
    expect(higherTriage('routine', 'self-care')).toBe('routine');
  });

  test('a conversation never goes down by itself: once emergency or urgent, it stays', () => {
    let triage: TriageLevel | null = null;
    for (const level of ['self-care', 'urgent', 'self-care', 'routine', null] as const) triage = stickyTriage(triage, level);
    expect(triage).toBe('urgent');
    expect(stickyTriage('emergency', 'self-care')).toBe('emergency');
    expect(stickyTriage('emergency', null)).toBe('emergency');
    expect(stickyTriage('urgent', 'emergency')).toBe('emergency');
    // Starting over is the caller passing previous = null.
    expect(stickyTriage(null, 'self-care')).toBe('self-care');
    expect(isEscalation('urgent')).toBe(true);
    expect(isEscalation('routine')).toBe(false);
  });
});

describe('regions', () => {
  test('regions.yaml and the built-in defaults agree', () => {
    expect(loadRegions(path.join(DEFAULT_SAFETY_DIR, 'regions.yaml'))).toEqual(DEFAULT_REGIONS);
  });

  test('codes, aliases and locales resolve; unknown or missing codes get the EU/other default', () => {
    expect(uk).toMatchObject({ code: 'uk', emergencyNumber: '999' });
    expect(us).toMatchObject({ code: 'us', emergencyNumber: '911' });
    expect(eu).toMatchObject({ code: 'eu', emergencyNumber: '112' });
    expect(resolveRegion(rules, 'GB').code).toBe('uk');
    expect(resolveRegion(rules, 'en-GB').code).toBe('uk');
    expect(resolveRegion(rules, 'en_US').code).toBe('us');
    expect(resolveRegion(rules, 'DE').code).toBe('eu');
    expect(resolveRegion(rules, 'xx').code).toBe('eu');
    expect(resolveRegion(rules, undefined).code).toBe('eu');
    expect(resolveRegion(rules, '').emergencyNumber).toBe('112');
  });

  test('the spec defaults: UK 999 and Samaritans 116 123; US 911 and 988; EU 112; urgent routes', () => {
    expect(uk.crisisLine).toContain('116 123');
    expect(uk.urgentRoute).toMatch(/urgent GP appointment or call NHS 111/);
    expect(us.crisisLine).toMatch(/988/);
    expect(us.crisisLine).toMatch(/call or text/);
    expect(us.urgentRoute).toMatch(/urgent care or see your doctor/);
    expect(eu.crisisLine).toContain('112');
    expect(eu.urgentRoute).toMatch(/out-of-hours doctor or your GP/);
  });

  test('overrides from the environment replace the defaults; empty ones are ignored', () => {
    const custom = resolveRegion(rules, 'uk', { emergencyNumber: '123', crisisLine: 'Test Line on 555 0100', urgentRoute: '' });
    expect(custom).toMatchObject({ emergencyNumber: '123', crisisLine: 'Test Line on 555 0100', urgentRoute: uk.urgentRoute });
  });

  test('the region code can also come first, with the built-in defaults', () => {
    expect(resolveRegion('us')).toEqual(us);
    expect(resolveRegion('uk', { emergencyNumber: '000' }).emergencyNumber).toBe('000');
    expect(resolveRegion('nowhere', {}, rules).code).toBe('eu');
  });
});

describe('composeEscalation', () => {
  const emergency = screenForRedFlags('did 10k yesterday and now i cant pee properly', rules);

  it("someone else's emergency is addressed to the writer, with the number and 'now' still first", () => {
    const theirs = screenForRedFlags('my son hurt his back and now he says he cant pee, what should i do', rules);
    const text = composeEscalation(theirs, uk, rules);
    expect(text).toMatch(/^If this is happening to the person you describe/);
    const firstSentence = text.split(/[.!]/)[0] ?? '';
    expect(firstSentence).toContain('999');
    expect(firstSentence).toMatch(/\bnow\b/i);
    expect(composeEscalation(emergency, uk, rules)).not.toMatch(/person you describe/);
  });

  it('two flags that point at the same cause give that reason once; different causes each get theirs', () => {
    const bladderAndSaddle = composeEscalation(screenForRedFlags("I can't pee and I'm numb down there", rules), uk, rules);
    expect(bladderAndSaddle.match(/nerves at the base of the spine are being squeezed/g)).toHaveLength(1);
    const bladderAndLegs = composeEscalation(screenForRedFlags('both legs numb and I wet myself', rules), uk, rules);
    expect(bladderAndLegs).toContain(rules.flags.find((f) => f.id === 'ces-bladder')?.reason);
    expect(bladderAndLegs).toContain(rules.flags.find((f) => f.id === 'bilateral-leg-symptoms')?.reason);
  });
  const crisis = screenForRedFlags("I don't want to be alive anymore", rules);

  test.each([
    ['uk', uk],
    ['us', us],
    ['eu', eu],
  ] as const)('emergency (%s): the number and "now" come first; nothing about waiting, exercise or booking', (_code, region) => {
    const text = composeEscalation(emergency, region, rules);
    const firstSentence = text.split(/[.!]/)[0] ?? '';
    expect(firstSentence).toContain(region.emergencyNumber);
    expect(firstSentence).toMatch(/\bnow\b/i);
    expect(text).not.toMatch(FORBIDDEN);
    expect(text).not.toMatch(FORBIDDEN_IN_EMERGENCY);
    expect(text).toContain(NOT_A_DIAGNOSIS);
    expect(text).toContain(rules.flags.find((f) => f.id === 'ces-bladder')?.reason);
    expect(text).not.toMatch(/[{}]/);
    expect(text.length).toBeLessThan(450);
  });

  test.each([
    ['uk', uk, ['116 123', '999']],
    ['us', us, ['988', '911']],
    ['eu', eu, ['112']],
  ] as const)('crisis (%s): the crisis line and the emergency number, action first', (_code, region, numbers) => {
    expect(crisis.crisis).toBe(true);
    const text = composeEscalation(crisis, region, rules);
    for (const n of numbers) expect(text).toContain(n);
    expect(text.split(/[.!]/)[0] ?? '').toContain(region.emergencyNumber);
    expect(text).toMatch(/\bnow\b/);
    expect(text).not.toMatch(FORBIDDEN);
    expect(text).toContain(NOT_A_DIAGNOSIS);
  });

  test('crisis with a physical emergency in the same message mentions both', () => {
    const both = screenForRedFlags("I want to die and I can't feel my legs", rules);
    const text = composeEscalation(both, uk, rules);
    expect(text).toContain('116 123');
    expect(text).toContain(rules.flags.find((f) => f.id === 'bilateral-leg-symptoms')?.reason);
  });

  test('urgent gives the regional urgent route and why', () => {
    const screen = screenForRedFlags("I've got a fever and my back is agony", rules);
    expect(screen.level).toBe('urgent');
    const text = composeEscalation(screen, uk, rules);
    expect(text).toMatch(/Please get an urgent GP appointment or call NHS 111 today\./);
    expect(text).toContain(rules.flags.find((f) => f.id === 'infection-fever')?.reason);
    expect(text).toContain(NOT_A_DIAGNOSIS);
    expect(composeEscalation(screen, us, rules)).toMatch(/urgent care or see your doctor today/);
  });

  test('routine offers to book a physio; the bone stress wording says to stop impact', () => {
    const screen = screenForRedFlags('hurts when I bend backwards since I upped my mileage', rules);
    expect(screen.level).toBe('routine');
    const text = composeEscalation(screen, eu, rules);
    expect(text).toMatch(/book a physio/i);
    expect(text).toMatch(/stop running and jumping/);
    expect(text).toContain(NOT_A_DIAGNOSIS);
  });

  test('a screen without hits gets the self-care wording, with when to get help', () => {
    const text = composeEscalation(screenForRedFlags('my back is a bit sore after parkrun', rules), uk, rules);
    expect(text).toMatch(/safe to look after this yourself/);
    expect(text).toContain('999');
    expect(text).toMatch(/Get an urgent GP appointment or call NHS 111 today if/);
    expect(text).toContain(NOT_A_DIAGNOSIS);
  });

  test('every level, in every region, includes the not-a-diagnosis line and no unfilled placeholder', () => {
    for (const region of [uk, us, eu]) {
      for (const level of TRIAGE_LEVELS) {
        const text = composeTriageMessage(level, region, rules, ['A reason.']);
        expect(text).toContain(NOT_A_DIAGNOSIS);
        expect(text).not.toMatch(/[{}]/);
      }
    }
  });

  test('region override numbers are used', () => {
    const custom = resolveRegion(rules, 'uk', { emergencyNumber: '01234', crisisLine: 'Test Line on 555 0100' });
    expect(composeEscalation(emergency, custom, rules)).toContain('Call 01234 now');
    expect(composeEscalation(emergency, custom, rules)).not.toContain('999');
    expect(composeEscalation(crisis, custom, rules)).toContain('555 0100');
  });

  test('the messages alone (without flag reasons) still compose, using what the flag suggests', () => {
    const text = composeEscalation(emergency, uk, rules.messages);
    expect(text).toContain('999');
    expect(text).toMatch(/cauda equina/);
  });

  test('a confirmed unclear mention escalates like a direct one', () => {
    const text = composeEscalation(confirmUnclear('ces-saddle-numbness', rules), us, rules);
    expect(text).toMatch(/^Call 911 now/);
  });
});

describe('composeReminder', () => {
  test('emergency and urgent reminders; none for lower levels', () => {
    const e = composeReminder('emergency', uk, rules);
    expect(e).toMatch(/^Reminder: because of what you told me earlier, please call 999 now/);
    expect(e).not.toMatch(FORBIDDEN);
    expect(composeReminder('urgent', us, rules)).toMatch(/please go to urgent care or see your doctor today/);
    expect(composeReminder('routine', uk, rules)).toBe('');
    expect(composeReminder(null, uk, rules)).toBe('');
    const c = composeReminder('emergency', uk, rules, { crisis: true });
    expect(c).toContain('116 123');
    expect(c).toContain('999');
  });
});

describe('wording rules', () => {
  test('the shipped wording passes the checks', () => {
    expect(checkEscalationMessages(rules.messages)).toEqual([]);
  });

  test('an emergency message that suggests booking, or lacks the number, is rejected', () => {
    const bad = {
      ...rules.messages,
      levels: { ...rules.messages.levels, emergency: 'You could book a physio and rest. {notDiagnosis}' },
      crisis: 'Talk to someone. {notDiagnosis} {nonsense}',
    };
    const problems = checkEscalationMessages(bad);
    expect(problems).toEqual(
      expect.arrayContaining([
        'levels.emergency: must give {emergencyNumber}',
        'levels.emergency: must say "now"',
        expect.stringMatching(/^levels\.emergency: must not suggest/),
        'crisis: unknown placeholder {nonsense}',
        'crisis: must give {crisisLine}',
      ]),
    );
  });

  test('fillTemplate fills placeholders and starts sentences with a capital', () => {
    expect(fillTemplate('{a} today. {b} now.', { a: 'see a GP', b: 'call 999' })).toBe('See a GP today. Call 999 now.');
    expect(fillTemplate('Keep {unknown}.', {})).toBe('Keep {unknown}.');
  });
});

describe('evaluation report', () => {
  test('the labelled set scores perfectly, and a wrong label shows up as a miss', () => {
    const phrases = loadRedFlagPhrases();
    const evaluation = evaluateRedFlags(phrases, rules);
    expect(evaluation.exact).toBe(phrases.length);
    expect(evaluation.underTriaged).toEqual([]);
    expect(evaluation.overTriaged).toEqual([]);
    for (const level of evaluation.levels) expect(level).toMatchObject({ recall: 1, precision: 1 });

    const wrong = evaluateRedFlags(
      [
        { text: 'my back is a bit sore', expect: ['ces-bladder'], level: 'emergency', unclear: false, about: 'ces-bladder' },
        { text: "I can't pee", expect: [], level: null, unclear: false, about: 'ces-bladder' },
      ],
      rules,
    );
    expect(wrong.underTriaged).toEqual([{ text: 'my back is a bit sore', expected: 'emergency', got: null }]);
    expect(wrong.overTriaged).toEqual([{ text: "I can't pee", expected: null, got: 'emergency' }]);
    expect(formatRedFlagReport(wrong)).toMatch(/emergency +recall 0\.0% \(0\/1\)/);
  });
});
