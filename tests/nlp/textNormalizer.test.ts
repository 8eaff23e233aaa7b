import { sanitizeUserText, SpellingCorrector, wordsOf } from '../../src/nlp/textNormalizer';
import { readIncomingText } from '../../src/conversation/incomingText';

describe('text normalising', () => {
  it('removes script and tags, keeps the words, and says markup was there', () => {
    expect(sanitizeUserText('<script>alert(1)</script><b>hi</b> there')).toEqual({ text: 'hi there', hadMarkup: true });
    expect(sanitizeUserText('plain\u0000 text')).toEqual({ text: 'plain text', hadMarkup: false });
  });

  it('expands contractions so negations survive', () => {
    expect(wordsOf("I can't run, don't know why")).toEqual(['i', 'can', 'not', 'run', 'do', 'not', 'know', 'why']);
  });

  it('corrects a typo to a known word but leaves short words alone', () => {
    const corrector = new SpellingCorrector(new Set(['running', 'hamstring', 'leg']));
    expect(corrector.correct('runnign')).toBe('running');
    expect(corrector.correct('hamstirng')).toBe('hamstring');
    expect(corrector.correct('log')).toBe('log');
  });

  it('names each kind of odd input', () => {
    expect(readIncomingText({ text: '   ' }, 100).problem).toBe('empty_message');
    expect(readIncomingText({ text: '', attachments: [{}] }, 100).problem).toBe('attachment_only');
    expect(readIncomingText({ text: '<img src=x onerror=alert(1)>' }, 100).problem).toBe('markup_only');
    expect(readIncomingText({ text: '😭🏃' }, 100).problem).toBe('emoji_only');
    expect(readIncomingText({ text: 'a'.repeat(101) }, 100).problem).toBe('too_long');
    expect(readIncomingText({ text: 'my back hurts' }, 100)).toEqual({ text: 'my back hurts', problem: null });
  });
});
