/** The one answer spelling corrector: a slip becomes the one word it is near, and nothing else changes. */
import { correctTowards } from '../../src/language/spelling';
import { isEnglishWord } from '../../src/language/dictionary';

const vocabulary = new Set(['send', 'cancel', 'ahead', 'tingling', 'tingly']);
const options = { minLength: 3, keep: isEnglishWord };

describe('correctTowards', () => {
  it.each([
    ['sned', 'send'],
    ['cancle', 'cancel'],
    ['ahaed', 'ahead'],
    ['tinglnig', 'tingling'],
    ['snd', 'send'],
  ])('"%s" -> "%s"', (typed, expected) => {
    expect(correctTowards(typed, vocabulary, options)).toBe(expected);
  });

  it.each([
    // A real word is never turned into another.
    'sand',
    'lend',
    // Another first letter, or too far off.
    'dend',
    'sendinggg',
  ])('"%s" is left as typed', (typed) => {
    expect(correctTowards(typed, vocabulary, options)).toBe(typed);
  });

  it('leaves a word two vocabulary words are equally near as typed', () => {
    expect(correctTowards('tinglu', new Set(['tingle', 'tingly']), { minLength: 3, keep: () => false })).toBe('tinglu');
  });

  it('leaves short words and kept words alone', () => {
    expect(correctTowards('snd', vocabulary, { minLength: 5, keep: () => false })).toBe('snd');
    expect(correctTowards('sned', vocabulary, { minLength: 3, keep: (w) => w === 'sned' })).toBe('sned');
  });
});
