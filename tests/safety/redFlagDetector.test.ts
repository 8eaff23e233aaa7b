import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { KnowledgeFileError } from '../../src/knowledge/loadKnowledge';
import { DEFAULT_SAFETY_DIR, compileRedFlags, loadRedFlagPhrases, loadSafetyRules } from '../../src/safety/loadSafetyRules';
import { confirmUnclear, screenForRedFlags, unclearQuestion } from '../../src/safety/redFlagDetector';
import { readYesNo } from '../../src/questions/readers/yesNo';
import { splitClauses } from '../../src/language/clauses';
import { normaliseText } from '../../src/language/normalise';
import { redFlagsFileSchema } from '../../src/safety/schema';
import type { RedFlagScreen } from '../../src/safety/types';

const rules = loadSafetyRules();
const phrases = loadRedFlagPhrases();
const flagIds = rules.flags.map((f) => f.id);
const levelOf = new Map(rules.flags.map((f) => [f.id, f.level]));

const describeScreen = (s: RedFlagScreen) => ({
  expect: s.hits.map((h) => h.id).sort(),
  level: s.level,
  unclear: s.unclear.length > 0,
});

describe('red-flag phrasings (knowledge/evaluation/red-flag-phrases.yaml)', () => {
  // Two nets find flags (exact phrases and concepts), so a phrase may report a second flag of the same
  // level beside its labelled one ("can't feel the paper when I wipe" is saddle numbness and a bowel
  // sign). What must hold: the labelled flags are found, the level is exactly as labelled (no miss, no
  // over-triage), and an unclear mention gets its question.
  test.each(phrases.map((p) => [p.text, p] as const))('%s', (_text, phrase) => {
    const screen = screenForRedFlags(phrase.text, rules);
    const found = describeScreen(screen);
    expect({ level: found.level, unclear: found.unclear }).toEqual({ level: phrase.level, unclear: phrase.unclear });
    expect(found.expect).toEqual(expect.arrayContaining(phrase.expect));
  });
});

describe('coverage of the labelled phrasings', () => {
  test('every phrase names known flags and a level that matches its flags', () => {
    for (const phrase of phrases) {
      for (const id of phrase.expect) expect(flagIds).toContain(id);
      if (!['idiom', 'mixed'].includes(phrase.about)) expect(flagIds).toContain(phrase.about);
      const levels = phrase.expect.map((id) => levelOf.get(id));
      const top = ['emergency', 'urgent', 'routine', 'self-care'].find((l) => levels.includes(l as never)) ?? null;
      expect({ text: phrase.text, level: phrase.level }).toEqual({ text: phrase.text, level: top });
    }
  });

  test.each(flagIds)('%s has at least 8 phrasings caught at its level and 4 near-misses that do not escalate', (id) => {
    const mine = phrases.filter((p) => p.about === id);
    const positives = mine.filter((p) => p.expect.includes(id) && p.level === levelOf.get(id));
    const nearMisses = mine.filter((p) => !p.expect.includes(id) && p.level !== 'emergency' && p.level !== 'urgent');
    expect(positives.length).toBeGreaterThanOrEqual(8);
    expect(nearMisses.length).toBeGreaterThanOrEqual(4);
  });

  test('runner idioms are in the set and never flag', () => {
    const idioms = phrases.filter((p) => p.about === 'idiom').map((p) => p.text);
    for (const text of [
      'killed it on my run',
      'dying to run again',
      'my legs are dead after the hills',
      "I'm on fire today",
      'hit the wall at mile 20',
      'pee break during the marathon',
    ]) {
      expect(idioms).toContain(text);
      expect(screenForRedFlags(text, rules)).toEqual({ hits: [], level: null, unclear: [], crisis: false });
    }
  });
});

describe('negation', () => {
  test.each([
    'no numbness or tingling',
    'bladder and bowels are normal',
    "I don't feel faint",
    'never had cancer',
    'no fever',
    'numbness? no',
    'fever: no',
    'I have no chest pain, no fever and no numbness down there',
    'I do not have any numbness or tingling in both legs',
    'no pain between my shoulder blades',
    "I'm not suicidal",
    'my back hurts on both sides but nothing goes into my legs',
    "the pain doesn't spread into my legs",
    'the pain is on both sides but doesnt go below my knees',
  ])('"%s" is not a red flag', (text) => {
    const screen = screenForRedFlags(text, rules);
    expect(screen.hits).toEqual([]);
    expect(screen.level).toBeNull();
  });

  test.each([
    ["I can't feel my legs", 'bilateral-leg-symptoms'],
    ['no feeling down there', 'ces-saddle-numbness'],
    ["I don't want to be alive", 'suicidal-thoughts'],
    ["I don't know when my bladder is full", 'ces-bladder'],
    ['no fever, but I cant pee', 'ces-bladder'],
    ["no numbness and haven't peed since last night", 'ces-bladder'],
    ['no feeling down there and pins and needles in both legs', 'bilateral-leg-symptoms'],
    ['not sure what to do but I wet myself', 'ces-bladder'],
    ["I don't know what's going on, I can't feel my legs", 'bilateral-leg-symptoms'],
    ['my lower back hurts on both sides and it spreads below my knees', 'bilateral-leg-symptoms'],
    ['no fever, but the pain travels into both calves', 'bilateral-leg-symptoms'],
  ])('"%s" is still a red flag (%s)', (text, id) => {
    expect(screenForRedFlags(text, rules).hits.map((h) => h.id)).toContain(id);
  });

  test('a negation far back in a long clause is not trusted for an emergency: the bot asks instead', () => {
    const screen = screenForRedFlags('I never thought it would happen to me after a long run but numb down there', rules);
    expect(screen.hits.map((h) => h.id)).toContain('ces-saddle-numbness');
    const far = screenForRedFlags('nothing much changed with my training this week really apart from feeling numb down there', rules);
    expect(far.level).toBe('emergency');
  });
});

describe('someone else, questions and doubt', () => {
  test("someone else's symptom is not the user's", () => {
    expect(screenForRedFlags('my dad had prostate cancer', rules).hits).toEqual([]);
    expect(screenForRedFlags('my friend fell off a ladder', rules).hits).toEqual([]);
    expect(screenForRedFlags('my wife noticed my foot is dragging', rules).hits.map((h) => h.id)).toEqual(['progressive-leg-weakness']);
  });

  test('a question about a symptom gets the yes/no question, not an escalation', () => {
    const screen = screenForRedFlags('what if I cant pee?', rules);
    expect(screen.hits).toEqual([]);
    expect(screen.unclear.map((u) => u.id)).toEqual(['ces-bladder']);
    expect(screen.unclear[0]?.question).toMatch(/\(yes\/no\)$/);
  });

  test('unclear mentions produce one question, most urgent first', () => {
    const screen = screenForRedFlags('numbness?', rules);
    expect(screen.level).toBeNull();
    expect(unclearQuestion(screen)).toBe(rules.flags.find((f) => f.id === 'ces-saddle-numbness')?.question);
    expect(unclearQuestion(screen)).toMatch(/genitals, bottom or inner thighs/);
    const bladder = screenForRedFlags('my bladder is weird', rules);
    expect(bladder.unclear.map((u) => u.id)).toEqual(['ces-bladder']);
    expect(unclearQuestion(screenForRedFlags('i feel fine', rules))).toBeNull();
  });

  test('a "yes" to the question confirms the flag', () => {
    expect(readYesNo('yes', { partialMeansYes: true, language: loadSafetyRules().lexicon })).toBe('yes');
    expect(readYesNo('Yeah I think so', { partialMeansYes: true, language: loadSafetyRules().lexicon })).toBe('yes');
    expect(readYesNo('no', { partialMeansYes: true, language: loadSafetyRules().lexicon })).toBe('no');
    expect(readYesNo('nope, none', { partialMeansYes: true, language: loadSafetyRules().lexicon })).toBe('no');
    expect(readYesNo('No.', { partialMeansYes: true, language: loadSafetyRules().lexicon })).toBe('no');
    expect(readYesNo('a bit, yes', { partialMeansYes: true, language: loadSafetyRules().lexicon })).toBe('yes');
    expect(readYesNo('not sure', { partialMeansYes: true, language: loadSafetyRules().lexicon })).toBe('unclear');
    expect(readYesNo('no idea', { partialMeansYes: true, language: loadSafetyRules().lexicon })).toBe('unclear');
    expect(readYesNo('no, but my legs are numb', { partialMeansYes: true, language: loadSafetyRules().lexicon })).toBe('unclear');
    expect(readYesNo('what do you mean?', { partialMeansYes: true, language: loadSafetyRules().lexicon })).toBe('unclear');
    const confirmed = confirmUnclear('ces-saddle-numbness', rules);
    expect(confirmed).toMatchObject({ level: 'emergency', crisis: false, unclear: [] });
    expect(confirmed.hits.map((h) => h.id)).toEqual(['ces-saddle-numbness']);
    expect(confirmUnclear('suicidal-thoughts', rules).crisis).toBe(true);
    expect(() => confirmUnclear('no-such-flag', rules)).toThrow(/Unknown red flag/);
  });
});

describe('the screen', () => {
  test('level is the most urgent hit, hits sorted most urgent first, crisis set for suicide/self-harm', () => {
    const screen = screenForRedFlags("shooting pain down my leg, I've got a fever and I can't pee", rules);
    expect(screen.hits.map((h) => h.id)).toEqual(['ces-bladder', 'infection-fever', 'sciatica-one-leg']);
    expect(screen.level).toBe('emergency');
    expect(screen.crisis).toBe(false);
    const crisis = screenForRedFlags('I want to kill myself', rules);
    expect(crisis).toMatchObject({ level: 'emergency', crisis: true });
    expect(crisis.hits[0]).toEqual({ id: 'suicidal-thoughts', level: 'emergency', suggests: 'a mental health crisis' });
  });

  test('one-leg sciatica gives way to both legs', () => {
    expect(screenForRedFlags('sciatica in both legs', rules).hits.map((h) => h.id)).toEqual(['bilateral-leg-symptoms']);
  });

  test('an empty or odd message is screened without error', () => {
    for (const text of ['', '   ', '!!!', '😀😀', '<b>hi</b>', 'a'.repeat(5000)]) {
      expect(screenForRedFlags(text, rules).hits).toEqual([]);
    }
  });
});

describe('normalising', () => {
  test('quotes, contractions and typos', () => {
    expect(normaliseText('I can\u2019t  PEE!!', rules.lexicon)).toBe('i cant pee!!');
    expect(normaliseText('cnt pee, carnt wee', rules.lexicon)).toBe('cant pee, cant wee');
    expect(normaliseText('pins & needles', rules.lexicon)).toBe('pins and needles');
    expect(normaliseText('did 10k', rules.lexicon)).toBe('did 10 k');
    expect(normaliseText('self-harm', rules.lexicon)).toBe('self harm');
  });

  test('clauses split at "but" and at a comma or "and" that starts a new statement', () => {
    expect(splitClauses('no fever but i cant pee', rules.lexicon.clauseBreaks)).toEqual(['no fever', 'i cant pee']);
    expect(splitClauses('no numbness, tingling or weakness', rules.lexicon.clauseBreaks)).toEqual(['no numbness, tingling or weakness']);
    expect(splitClauses('no numbness and i cant pee', rules.lexicon.clauseBreaks)).toEqual(['no numbness', 'i cant pee']);
    expect(splitClauses('temp of 38.5. back hurts', rules.lexicon.clauseBreaks)).toEqual(['temp of 38.5', 'back hurts']);
  });
});

describe('loading and checking red-flags.yaml', () => {
  test('every flag has a question, a reason and at least one pattern; ids are unique', () => {
    expect(new Set(flagIds).size).toBe(flagIds.length);
    for (const flag of rules.flags) {
      expect(flag.patterns.length).toBeGreaterThan(0);
      expect(flag.question).toMatch(/\(yes\/no\)$/);
    }
  });

  test('every row of the spec red-flag table has a flag at the spec level', () => {
    const expected: Record<string, string> = {
      'ces-bladder': 'emergency',
      'ces-bowel': 'emergency',
      'ces-saddle-numbness': 'emergency',
      'ces-sexual-dysfunction': 'emergency',
      'bilateral-leg-symptoms': 'emergency',
      'progressive-leg-weakness': 'emergency',
      'major-trauma': 'emergency',
      'fragility-fracture': 'urgent',
      'chest-pain': 'emergency',
      'aortic-aneurysm': 'emergency',
      'infection-fever': 'urgent',
      'infection-risk': 'urgent',
      'cancer-history': 'urgent',
      'unexplained-weight-loss': 'urgent',
      'night-sweats': 'urgent',
      'non-mechanical-pain': 'urgent',
      'cough-sneeze-pain': 'urgent',
      'thoracic-pain': 'urgent',
      'spinal-deformity': 'urgent',
      'suicidal-thoughts': 'emergency',
      'self-harm': 'emergency',
      'sciatica-worsening': 'urgent',
      'sciatica-one-leg': 'routine',
      'persistent-pain': 'routine',
      'inflammatory-back-pain': 'routine',
      'bone-stress-injury': 'routine',
    };
    expect(Object.fromEntries(rules.flags.map((f) => [f.id, f.level]))).toEqual(expected);
    expect(
      rules.flags
        .filter((f) => f.crisis)
        .map((f) => f.id)
        .sort(),
    ).toEqual(['self-harm', 'suicidal-thoughts']);
  });

  const minimal = (patch: Record<string, unknown>) =>
    redFlagsFileSchema.parse({
      macros: { X: 'pee' },
      detector: {
        spelling: {},
        clauseBreaks: ['\\s*\\bbut\\b\\s*'],
        negation: ['no|not'],
        postNegation: ['fine'],
        uncertainty: ['not sure if'],
        hypothetical: ['what if'],
        thirdPerson: ['my friend'],
        firstPerson: ['i|my'],
        negationWindow: 8,
        closeNegation: 4,
      },
      flags: [
        {
          id: 'test-flag',
          level: 'emergency',
          covers: 'a test row',
          suggests: 'something',
          reason: 'A reason for the test flag.',
          question: 'Is it so? (yes/no)',
          patterns: ['cant {X}'],
          ...patch,
        },
      ],
    });

  test('a small rule set compiles and screens', () => {
    const small = compileRedFlags(minimal({}));
    expect(screenForRedFlags('I cant pee', small).hits.map((h) => h.id)).toEqual(['test-flag']);
    expect(screenForRedFlags('not sure if I cant pee', small).unclear.map((u) => u.id)).toEqual(['test-flag']);
    expect(screenForRedFlags('my friend cant pee', small).hits).toEqual([]);
  });

  test('bad patterns, unknown macros and emergency reasons that suggest waiting are rejected', () => {
    expect(() => compileRedFlags(minimal({ patterns: ['cant (pee'] }))).toThrow(KnowledgeFileError);
    expect(() => compileRedFlags(minimal({ patterns: ['{NOPE}'] }))).toThrow(/unknown macro \{NOPE\}/);
    expect(() => compileRedFlags(minimal({ reason: 'You can wait and book a physio.' }))).toThrow(/must not suggest/);
    expect(() => compileRedFlags(minimal({ overriddenBy: ['ghost'] }))).toThrow(/unknown flag "ghost"/);
  });

  test('a broken file stops loading with the file name', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'safety-'));
    for (const name of ['regions.yaml', 'escalation-messages.yaml']) {
      fs.copyFileSync(path.join(DEFAULT_SAFETY_DIR, name), path.join(dir, name));
    }
    fs.writeFileSync(path.join(dir, 'red-flags.yaml'), 'flags: [}');
    expect(() => loadSafetyRules(dir)).toThrow(/red-flags\.yaml/);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
