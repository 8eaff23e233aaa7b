/**
 * The symptom parsers' fuzzy corrector fixes slips ("tingeling", "yesturday") but never turns a real
 * English word into another ("eight" into "eighty", "waving" into "waking"). Checked against natural's
 * English lexicon (about 42,000 lower-case words), which the bot itself does not load.
 */
import * as path from 'node:path';
import { normalizeAnswer, parseDuration, parseSeverity } from '../../src/symptoms/answerParsers';
import { readingOn, shippedReading } from '../helpers/answerReading';

const { language } = shippedReading();

const lexiconFile = path.join(
  path.dirname(require.resolve('natural/package.json')),
  'lib/natural/brill_pos_tagger/data/English/lexicon_from_posjs.json',
);
/** Misspellings that the lexicon lists as words (it was built from real text): correcting them is right. */
/** Also two deliberate fixes of the lexicon's answer words: in an answer, "noting" and "gluts" are slips; and a last letter typed twice ("thatt"). */
const TYPOS_IN_LEXICON = new Set(
  'noting gluts bewteen betwen beween slighty sligthly yeterday yesteday runnin runing durin nothin anythin standin shootin threshhold addresss weeked centrex thatt likee bitee knott'.split(
    ' ',
  ),
);

describe('the fuzzy corrector', () => {
  it('never turns a real English word into another word', () => {
    const words = Object.keys(require(lexiconFile) as Record<string, unknown>).filter(
      (w) => /^[a-z]{5,}$/.test(w) && !TYPOS_IN_LEXICON.has(w),
    );
    expect(words.length).toBeGreaterThan(30_000);
    const changed = words.filter((w) => {
      const out = normalizeAnswer(w, language).trim();
      return out !== w && !out.includes(' ') && out !== 'km';
    });
    expect(changed).toEqual([]);
  });

  it('still fixes slips, and number words stay themselves', () => {
    expect(normalizeAnswer('tingeling down my leg yesturday', language)).toMatch(/tingling .* yesterday/);
    expect(parseDuration('eight weeks', readingOn(new Date()))).toBe(56);
    expect(parseSeverity('a solid eight', { language })).toBe(8);
  });
});
