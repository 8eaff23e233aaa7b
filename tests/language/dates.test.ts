import * as fs from 'node:fs';
import * as path from 'node:path';
import { daysSinceNamedStart } from '../../src/language/dates';
import { dayRuleOf, loadNamedDays } from '../../src/language/namedDays';
import { checkContentFiles } from '../../src/knowledge/checkContentFiles';
import { readAnswer } from '../../src/questions/answerBatch';
import { makeTempDir } from '../helpers/tempDir';

const KNOWLEDGE = path.join(__dirname, '..', '..', 'knowledge');
const namedDays = loadNamedDays(KNOWLEDGE);
/** Wednesday 2 December 2026. */
const TODAY = new Date(2026, 11, 2, 12);
const since = (text: string, today = TODAY, needsCue = false): number | undefined =>
  daysSinceNamedStart(text, text.toLowerCase().replace(/'/g, ''), { today, namedDays }, needsCue);

describe("start dates, from the turn's day", () => {
  test.each([
    ['since halloween', 32],
    ['since bonfire night', 27],
    ["since new year's eve", 336],
    ['since christmas', 342],
    ['since the 20th', 12],
    ['since the 2nd', 0],
    ['since the 3rd', 29],
    ['started last saturday', 4],
    ['since the 7th of November', 25],
    ['since 14/11', 18],
    ['since march', 276],
  ])('%j -> %d days', (text, days) => {
    expect(since(text)).toBe(days);
  });

  it('reads a bare weekday as the most recent one, whatever day today is', () => {
    expect(since('since sunday')).toBe(3);
    expect(since('since friday')).toBe(5);
    for (let day = 0; day < 7; day += 1) {
      const today = new Date(2026, 11, 2 + day, 12);
      for (const weekday of ['monday', 'thursday', 'sunday']) {
        const days = since(`since ${weekday}`, today)!;
        expect(days).toBeGreaterThanOrEqual(0);
        expect(days).toBeLessThan(7);
      }
    }
  });

  it('finds Easter and the days counted from it', () => {
    expect(dayRuleOf('easter')!(2026)).toEqual(new Date(2026, 3, 5));
    expect(dayRuleOf('easter-2')!(2025)).toEqual(new Date(2025, 3, 18));
    expect(dayRuleOf('4th thursday of november')!(2026)).toEqual(new Date(2026, 10, 26));
    // In February, "since easter" is last year's Easter.
    expect(since('since easter', new Date(2026, 1, 10, 12))).toBe(
      Math.round((new Date(2026, 1, 10).getTime() - new Date(2025, 3, 20).getTime()) / 86_400_000),
    );
  });

  it('in a free description, reads a date only when said as the start: a pain score is not one', () => {
    expect(since('my back is a 6/10 when i run', TODAY, true)).toBeUndefined();
    expect(since('did a long run last saturday and it hurts', TODAY, true)).toBeUndefined();
    expect(since('it started hurting last saturday', TODAY, true)).toBe(4);
  });
});

describe('durations typed like the buttons', () => {
  const today = new Date(2026, 11, 2, 12);
  test.each([
    ['yesterday', '1 day'],
    ['somewhere between 6 and 12 weeks', '42-83 days'],
    ['more than 3 months tbh', '84+ days'],
    ['less than a week', '0-6 days'],
    ['since halloween', '32 days'],
  ])('%j -> %j', (text, expected) => {
    expect(readAnswer('symptoms.duration', text, { today })).toBe(expected);
  });
});

describe('kb:check and named-days.yaml', () => {
  it('names the file, line and entry of a day it cannot place', () => {
    const temp = makeTempDir('kb-named-days-');
    try {
      fs.cpSync(KNOWLEDGE, temp.dir, { recursive: true });
      const file = path.join(temp.dir, 'nlp', 'named-days.yaml');
      fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('date: "10-31"', 'date: "31-10"'));
      const { problems } = checkContentFiles(temp.dir);
      expect(problems.join('\n')).toMatch(/named-days\.yaml[\s\S]*line \d+, days\.\d+\.date: the day "halloween" has the date "31-10"/);
    } finally {
      temp.cleanup();
    }
  });
});

describe('weekdays said relative to a week', () => {
  // Thursday 3 December 2026.
  const reading = { today: new Date(2026, 11, 3, 12), namedDays: [] };
  it('reads "wednesday last week" as the Wednesday of the week before, and "tuesday just gone" as this Tuesday', () => {
    expect(daysSinceNamedStart('wednesday last week', 'wednesday last week', reading)).toBe(8);
    expect(daysSinceNamedStart('since monday last week', 'since monday last week', reading)).toBe(10);
    expect(daysSinceNamedStart('tuesday just gone', 'tuesday just gone', reading)).toBe(2);
  });
});
