/**
 * Vague and roundabout answers a runner types (issue 12, answers-c kinds), in our own phrasings: a
 * vague amount or start is the button that holds it, a band of scores stays a band, a birth date is an
 * age, and the words around a timing ("actually", "all day") do not change it.
 */
import { readAnswer } from '../../src/questions/answerBatch';

// Thursday 3 December 2026.
const today = new Date('2026-12-03T12:00:00');
const read = (question: string, text: string): string => readAnswer(question, text, { today, phoneCountry: 'GB' });

describe('vague durations: the button that holds them', () => {
  it.each([
    ['the last few days or so', '0-6 days'],
    ['few weeks i reckon', '7-41 days'],
    ['since the spring', '84+ days'],
    ['started around the middle of october', '42-83 days'],
    ['early november sometime', '7-41 days'],
    // An exact amount or date stays exact.
    ['a couple of days', '2 days'],
    ['since the 20th of november', '13 days'],
    // A vague span the user's own amount falls outside is not used: the amount is.
    ['a few days, no actually 3 months', '90 days'],
  ])('"%s" -> %s', (text, expected) => {
    expect(read('symptoms.duration', text)).toBe(expected);
  });

  it('"since my fall" is a fall, not the season', () => {
    expect(read('symptoms.duration', 'since my fall on the trail')).toBe('unclear');
  });
});

describe('start days said roundabout', () => {
  it.each([
    // The weekday's, its apostrophe dropped.
    ['since saturdays parkrun', '5 days'],
    // An answer that opens with a bare date and then tells the story.
    ['halloween. did a 10k in costume', '33 days'],
    ['sunday! it went on the hill reps', '4 days'],
  ])('"%s" -> %s', (text, expected) => {
    expect(read('symptoms.duration', text)).toBe(expected);
  });

  it('a story with no date in its opening is not dated', () => {
    expect(read('symptoms.duration', 'hard to say. it comes and goes')).toBe('unclear');
  });
});

describe('pain scores given as a band or "it depends"', () => {
  it.each([
    ['probably a 4 or 5', '4-5'],
    ['5-6', '5-6'],
    ['it depends, a 2 most days and a 7 on long runs', '7'],
    ['depends on the day really', 'unclear'],
  ])('"%s" -> %s', (text, expected) => {
    expect(read('symptoms.severity', text)).toBe(expected);
  });
});

describe('age from a birth date given in full', () => {
  it.each([
    ['born 4th december 1980', '45'],
    ['I was born on 1 june 1992', '34'],
    // A birth year alone can fall either side of a limit: asked again.
    ['born in 1985', 'unclear'],
  ])('"%s" -> %s', (text, expected) => {
    expect(read('symptoms.age', text)).toBe(expected);
  });
});

describe('timing: filler words and how long a sitting lasts', () => {
  it.each([
    ['only when i am properly running', 'during_running'],
    ['sitting in the car all day sets it off', 'at_rest'],
    ['pretty much all day', 'all_the_time'],
    // "and then the rest of the day", after the run: after running too; the rest of a day of sitting is not.
    ['a few km in and then for the rest of the evening', 'during_running, after_running'],
    ['sore the rest of the day when i sit', 'at_rest'],
  ])('"%s" -> %s', (text, expected) => {
    expect(read('symptoms.timing', text)).toBe(expected);
  });
});

describe('leg symptoms: a leg going to sleep is numbness', () => {
  it.each([
    ['my right foot keeps falling asleep', 'one: numbness'],
    ['both calves go to sleep on long runs', 'both: numbness'],
  ])('"%s" -> %s', (text, expected) => {
    expect(read('symptoms.legSymptoms', text)).toBe(expected);
  });
});

describe('training changes: what a change replaced is not a change', () => {
  it.each([
    ['doing my runs on grass instead of the road', 'surface'],
    ['hill sprints instead of my long run', 'hills'],
  ])('"%s" -> %s', (text, expected) => {
    expect(read('symptoms.trainingChanges', text)).toBe(expected);
  });
});
