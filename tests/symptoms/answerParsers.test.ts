import {
  extractKnownAnswers,
  parseAge,
  parseDuration,
  parseLegSymptoms,
  parseLocation,
  parseSeverity,
  parseTiming,
  parseTrainingChanges,
} from '../../src/symptoms/answerParsers';
import { readingOn } from '../helpers/answerReading';

/** Thursday 15 May 2025, so "since tuesday" and "since march" have exact answers. */
const TODAY = readingOn(new Date(2025, 4, 15, 12, 0, 0));

describe('parseLocation', () => {
  test.each([
    ['in the middle', { area: 'central' }],
    ['center of my lower back', { area: 'central' }],
    ['centre of my lowerback', { area: 'central' }],
    ['midle of my back', { area: 'central' }],
    ['right in the middle', { area: 'central' }],
    ['right side', { area: 'one_side', side: 'right' }],
    ['left side only', { area: 'one_side', side: 'left' }],
    ['lft side', { area: 'one_side', side: 'left' }],
    ['on the right hand side', { area: 'one_side', side: 'right' }],
    ['right', { area: 'one_side', side: 'right' }],
    ['middle but a bit to the left', { area: 'one_side', side: 'left' }],
    ['both sides', { area: 'central', side: 'both' }],
    ['goes into my bum', { area: 'buttock' }],
    ['sort of the left, goes into my left glute', { area: 'buttock', side: 'left' }],
    ['into my buttocks', { area: 'buttock' }],
    ['lower back, left side, sometimes into the left bum cheek', { area: 'buttock', side: 'left' }],
    ['down the back of my thigh', { area: 'thigh' }],
    ['down the back of my right thigh', { area: 'thigh', side: 'right' }],
    ['all the way down to my calf', { area: 'below_knee' }],
    ['all the way down my leg to my foot', { area: 'below_knee' }],
    ['below the knee', { area: 'below_knee' }],
    ['behind my knee', { area: 'below_knee' }],
    ["it's in the middle, doesn't go into my legs", { area: 'central' }],
    ["doesn't go into my leg, just the middle", { area: 'central' }],
  ])('%j -> %j', (text, expected) => {
    expect(parseLocation(text, TODAY)).toEqual(expected);
  });

  test.each(['lower back', 'just my lower back', 'dunno', 'nowhere really', 'the bottom of my back', ''])('%j is unclear', (text) => {
    expect(parseLocation(text, TODAY)).toBeUndefined();
  });
});

describe('parseDuration', () => {
  test.each([
    ['about 3 weeks', 21],
    ['3 wks', 21],
    ['three weeks', 21],
    ['since yesterday', 1],
    ['yesturday', 1],
    ['since last night', 1],
    ['2 days', 2],
    ['few days', 3],
    ['a couple of months', 60],
    ['couple weeks', 14],
    ['6 months', 180],
    ['over a year', 365],
    ['since last tuesday', 2],
    ['since tuesday', 2],
    ['today', 0],
    ['this morning', 0],
    ['a fortnight', 14],
    ['a month and a half', 45],
    ['2 weeks ago', 14],
    ['nearly 2 months', 60],
    ['3 weeks on and off', 21],
    ['for months now', 60],
    ['since march', 75],
    ['thirteen days', 13],
  ])('%j -> %d days', (text, days) => {
    expect(parseDuration(text, TODAY)).toBe(days);
  });

  test.each(['ages', 'a while', 'dunno', '3', 'i run 3 times a week', 'not sure tbh'])('%j is unclear', (text) => {
    expect(parseDuration(text, TODAY)).toBeUndefined();
  });
});

describe('parseTiming', () => {
  test.each([
    ['only when i run', ['during_running']],
    ['only on long runs', ['during_running']],
    ['whn i run', ['during_running']],
    ['hurts when im running', ['during_running']],
    ['5k into a run', ['during_running']],
    ['after runs', ['after_running']],
    ['the day after', ['after_running']],
    ["doesn't hurt when i run, only after", ['after_running']],
    ['when i run and after', ['during_running', 'after_running']],
    ['all the time', ['all_the_time']],
    ['constnatly', ['all_the_time']],
    ['even at rest', ['at_rest']],
    ['hurts when sitting at my desk', ['at_rest']],
    ['wakes me at night', ['at_night']],
    ['worse at night', ['at_night']],
    ['wakes me up at nite', ['at_night']],
    ['nothing helps, worse at night', ['at_night', 'all_the_time']],
    ['its there all the time even when resting', ['at_rest', 'all_the_time']],
    ['stiff in the mornings', ['morning_stiffness']],
    ['stiff for an hour every morning, loosens up once i get going', ['morning_stiffness']],
    ['during my runs but never at night', ['during_running']],
    ['lower back pain, worse at night, doesnt stop me running', ['at_night']],
    ['i run at night and it hurts during', ['during_running']],
  ])('%j -> %j', (text, expected) => {
    expect(parseTiming(text, TODAY)).toEqual(expected);
  });

  test.each(['dunno', 'sometimes', 'not at night', 'it doesnt stop me running', 'on and off', 'hmm'])('%j is unclear', (text) => {
    expect(parseTiming(text, TODAY)).toBeUndefined();
  });
});

describe('parseSeverity', () => {
  test.each([
    ['7/10', 7],
    ['7 /10', 7],
    ['7 out of 10', 7],
    ['8 outta 10', 8],
    ['maybe a 6', 6],
    ['6-7', 7],
    ['6 or 7', 7],
    ['6-7/10', 7],
    ['seven', 7],
    ['10', 10],
    ['about 4ish', 4],
    ['a solid 8', 8],
    ['3 at rest 7 when running', 7],
    ['0', 0],
    ['none', 0],
  ])('%j -> %d', (text, value) => {
    expect(parseSeverity(text, TODAY)).toBe(value);
  });

  test.each(['15', '11/10', 'bad', 'really bad', 'twenty', '-', 'it hurts a lot'])('%j is unclear or out of range', (text) => {
    expect(parseSeverity(text, TODAY)).toBeUndefined();
  });
});

describe('parseLegSymptoms', () => {
  test.each([
    ['no', { legs: 'none' }],
    ['nope', { legs: 'none' }],
    ['none', { legs: 'none' }],
    ['nothing in my legs', { legs: 'none' }],
    ['legs are fine', { legs: 'none' }],
    ['no tingling or numbness', { legs: 'none' }],
    ['not really', { legs: 'none' }],
    ['just my back', { legs: 'none' }],
    ['tingling down my left leg', { legs: 'one', symptoms: ['tingling'] }],
    ['tinglng in my rite leg', { legs: 'one', symptoms: ['tingling'] }],
    ['right leg feels numb', { legs: 'one', symptoms: ['numbness'] }],
    ['shooting pain down one leg', { legs: 'one', symptoms: ['pain'] }],
    ['weak right leg, sometimes gives way', { legs: 'one', symptoms: ['weakness'] }],
    ['no numbness but my left leg tingles', { legs: 'one', symptoms: ['tingling'] }],
    ['left leg tingles, right leg is fine', { legs: 'one', symptoms: ['tingling'] }],
    ['numbness down my left leg and weakness', { legs: 'one', symptoms: ['numbness', 'weakness'] }],
    ['my foot drags on the right', { legs: 'one', symptoms: ['weakness'] }],
    ['left leg', { legs: 'one', symptoms: [] }],
    ['both legs', { legs: 'both', symptoms: [] }],
    ['both legs tingly', { legs: 'both', symptoms: ['tingling'] }],
    ['in both of them', { legs: 'both', symptoms: [] }],
    ['numbnes in both feet', { legs: 'both', symptoms: ['numbness'] }],
    ['pins and needles in my feet', { legs: 'both', symptoms: ['tingling'] }],
    ['both legs ache', { legs: 'both', symptoms: ['pain'] }],
    // A race's soreness is not a leg symptom of the back, even in both legs; nerve symptoms still are.
    ['both quads sore after the race, no tingling or numbness', { legs: 'none' }],
    ['numb in both legs after my run', { legs: 'both', symptoms: ['numbness'] }],
  ])('%j -> %j', (text, expected) => {
    expect(parseLegSymptoms(text, TODAY)).toEqual(expected);
  });

  test.each(['yes', 'tingling', 'maybe?', 'my legs feel heavy', 'achy legs after runs'])('%j is unclear (which legs? what?)', (text) => {
    expect(parseLegSymptoms(text, TODAY)).toBeUndefined();
  });
});

describe('parseTrainingChanges', () => {
  test.each([
    ['no', []],
    ['nothing changed', []],
    ['same as usual', []],
    ['same shoes, same routes', []],
    ['not that i know of', []],
    ['upped my mileage', ['mileage']],
    ['started marathon training', ['mileage']],
    ['doubled my long run', ['mileage']],
    ['running more than usual', ['mileage']],
    ['increased my weekly mileage from 30 to 50km', ['mileage']],
    ['ran on concrete instead of trails', ['surface']],
    ['been running on roads lately', ['surface']],
    ['new shoes', ['shoes']],
    ['my shoes are old', ['shoes']],
    ['shoes are worn out', ['shoes']],
    ['my trainers are 800 miles old', ['shoes']],
    ["nothing's changed except new trainers", ['shoes']],
    ['lots of hills', ['hills']],
    ['more hill reps', ['hills']],
    ['started speed work', ['speed']],
    ['intervals and tempo runs', ['speed']],
    ['upped my milage and got new shoes', ['mileage', 'shoes']],
    ['ramped up for a half marathon and added intervals', ['mileage', 'speed']],
    ['new trainers, more miles, and some hill sprints', ['mileage', 'shoes', 'hills']],
  ])('%j -> %j', (text, expected) => {
    expect(parseTrainingChanges(text, TODAY)).toEqual(expected);
  });

  test.each(['hmm', 'i run 30km a week', 'what counts?', ''])('%j is unclear', (text) => {
    expect(parseTrainingChanges(text, TODAY)).toBeUndefined();
  });
});

describe('parseAge', () => {
  test.each([
    ["I'm 34", 34],
    ['34', 34],
    ['thirty four', 34],
    ['thirty-four', 34],
    ['34 years old', 34],
    ['im 34yo', 34],
    ['age 52', 52],
    ['nineteen', 19],
    ['forty five', 45],
    ['fifty two', 52],
    ['29 next week', 28],
    ['turning forty in march', 39],
    ["I'll be 61 on saturday", 60],
    ['nearly 45', 44],
    ["i'm 34 and i've run for 10 years", 34],
  ])('%j -> %d', (text, age) => {
    expect(parseAge(text, TODAY)).toBe(age);
  });

  // A decade or a birth year can sit either side of the under-45 limit for morning stiffness: asked again.
  test.each(['5', '150', 'old', 'in my 40s', 'late 30s', 'mid forties', 'early 50s', 'born in 1981', 'old enough', ''])(
    '%j is unclear or out of range',
    (text) => {
      expect(parseAge(text, TODAY)).toBeUndefined();
    },
  );
});

describe('extractKnownAnswers', () => {
  test.each([
    [
      'my lower back has hurt on the left for about 3 weeks, maybe a 6/10, only when i run',
      { location: { area: 'one_side', side: 'left' }, durationDays: 21, severity: 6, timing: ['during_running'] },
    ],
    [
      'back pain for 2 months after upping my mileage for a marathon, 7 out of 10',
      { durationDays: 60, severity: 7, trainingChanges: ['mileage'] },
    ],
    [
      "I'm a 41 year old runner, pain shoots down my right leg to my calf",
      { location: { area: 'below_knee', side: 'right' }, legSymptoms: { legs: 'one', symptoms: ['pain'] }, age: 41 },
    ],
    ['I run 4 times a week and my back hurts after long runs', { timing: ['after_running'] }],
    ['pain in the middle of my back since yesterday, no leg pain', { location: { area: 'central' }, durationDays: 1 }],
    [
      "lower back pain on the right since last tuesday, worse at night, doesn't stop me running",
      { location: { area: 'one_side', side: 'right' }, durationDays: 2, timing: ['at_night'] },
    ],
    [
      'tingling in both legs and back pain',
      { location: { area: 'thigh', side: 'both' }, legSymptoms: { legs: 'both', symptoms: ['tingling'] } },
    ],
    ['started using new shoes 2 weeks ago and my back is sore', { durationDays: 14, trainingChanges: ['shoes'] }],
  ])('%j', (text, expected) => {
    expect(extractKnownAnswers(text, TODAY)).toEqual(expected);
  });

  test.each([
    'hi my back hurts',
    'I left my shoes at home and my back hurts',
    'my left knee was operated on last year and now my lower back aches',
    'no numbness, no bladder problems, nothing like that',
    'I run on roads 5 days a week',
    'my back is bad, maybe a 6',
  ])('%j gives nothing it was not told', (text) => {
    expect(extractKnownAnswers(text, TODAY)).toEqual({});
  });

  it('never extracts the yes/no screens or "no leg symptoms"', () => {
    const known = extractKnownAnswers('no bladder or bowel problems, no fever, legs are fine, nothing changed in training', TODAY);
    expect(known).toEqual({});
  });
});

describe('extractKnownAnswers: dates in passing are not durations', () => {
  test.each([
    ['did a long run last sunday and my back has been sore', {}],
    ['my back started hurting last sunday', { durationDays: 4 }],
    ['hurt my back on monday', {}],
    ['it started on monday', { durationDays: 3 }],
  ])('%j -> %j', (text, expected) => {
    expect(extractKnownAnswers(text, TODAY)).toEqual(expected);
  });
});

describe('negation is the language layer\'s: "barely" and "hardly" report a symptom, never deny it', () => {
  test.each([
    ['i can hardly lift my right foot', { legs: 'one', symptoms: ['weakness'] }],
    ['can barely feel my left calf', { legs: 'one', symptoms: ['numbness'] }],
    ['barely any feeling in both feet', { legs: 'both', symptoms: ['numbness'] }],
    ['no tingling, not sure if my left leg is weak', { legs: 'one', symptoms: ['weakness'] }],
  ])('%j -> %j', (text, expected) => {
    expect(parseLegSymptoms(text, TODAY)).toEqual(expected);
  });

  test('a bare "nah" to the training question is no change, read by the one yes/no reader', () => {
    expect(parseTrainingChanges('nah', TODAY)).toEqual([]);
  });
});
