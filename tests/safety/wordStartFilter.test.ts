/**
 * The screen's pre-filter (src/safety/wordStartFilter.ts) may only skip a regex that cannot match: every
 * phrase and concept regex that matches a labelled phrasing is among its candidates. It must also skip
 * something, or it is only overhead.
 */
import { splitIntoClauses } from '../../src/language/clauses';
import { normaliseText } from '../../src/language/normalise';
import { loadRedFlagPhrases, loadSafetyRules } from '../../src/safety/loadSafetyRules';
import { wordStartFilter } from '../../src/safety/wordStartFilter';

const rules = loadSafetyRules();
const phraseRegexes = rules.flags.flatMap((flag) => [...flag.patterns.map((p) => p.regex), ...flag.unclear]);
const conceptRegexes = [...(rules.concepts?.concepts.values() ?? [])];

/** The text the screen runs its regexes over: normalised, clauses joined by line breaks. */
function screenedText(text: string): string {
  const normalised = normaliseText(text, rules.lexicon);
  return splitIntoClauses(normalised, rules.lexicon.clauseBreaks)
    .map((c) => c.text)
    .join('\n');
}

function matchesIn(regex: RegExp, text: string): boolean {
  regex.lastIndex = 0;
  const found = regex.test(text);
  regex.lastIndex = 0;
  return found;
}

describe('word-start pre-filter of the red-flag screen', () => {
  it.each([
    ['phrase', phraseRegexes],
    ['concept', conceptRegexes],
  ] as const)('keeps every %s regex that matches a labelled phrasing (red-flag-phrases.yaml)', (_kind, regexes) => {
    const filter = wordStartFilter(regexes);
    const dropped: string[] = [];
    for (const { text } of loadRedFlagPhrases()) {
      const screened = screenedText(text);
      const candidates = filter.candidates(screened);
      for (const regex of regexes)
        if (matchesIn(regex, screened) && !candidates.has(regex)) dropped.push(`${text}: ${regex.source.slice(0, 60)}`);
    }
    expect(dropped).toEqual([]);
  });

  it('leaves out most regexes for an everyday message', () => {
    const screened = screenedText('my lower back aches after long runs');
    expect(wordStartFilter(phraseRegexes).candidates(screened).size).toBeLessThan(phraseRegexes.length / 2);
    expect(wordStartFilter(conceptRegexes).candidates(screened).size).toBeLessThan(conceptRegexes.length / 2);
  });

  it('reads the starts of nested groups, and keeps for every message a regex whose start it cannot tell', () => {
    const pee = /(?<![\w])(?:(?:cant|unable to) (?:pee|wee)|wet myself)(?![\w])/gm;
    const optional = /(?<![\w])(?:(?:my )?back hurts)(?![\w])/gm;
    const digit = /(?<![\w])(?:\d ?am)(?![\w])/gm;
    const plural = /(?<![\w])(?:pains?|ache\w*)(?![\w])/gm;
    const filter = wordStartFilter([pee, optional, digit, plural]);
    expect([...filter.candidates('i cant pee')]).toEqual([pee, optional, digit]);
    expect([...filter.candidates('unable to wee')]).toEqual([pee, optional, digit]);
    expect([...filter.candidates('my calf is tight')]).toEqual([optional, digit]);
    expect([...filter.candidates('a dull pain and aching')]).toEqual([optional, digit, plural]);
    expect([...filter.candidates('i was painting')]).toEqual([optional, digit, plural]);
  });
});
