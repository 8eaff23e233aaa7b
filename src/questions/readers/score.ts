/**
 * A 0-10 pain score: "7", "7/10", "seven", "a solid eight", "6-7" (the higher). A button carries a band
 * ("4-6"): the band is kept, and its top counts for the advice, so a tap never understates the pain.
 * Words for how bad it is ("mild", "pretty severe", "excruciating") are the band the lexicon gives them
 * (knowledge/nlp/lexicon.yaml `severity`), read on the one language layer: a denied word ("not severe")
 * says nothing, and of two words ("moderate to severe") the worse one counts, as with "6-7".
 */
import { splitIntoClauses } from '../../language/clauses';
import { statusOf } from '../../language/mentionStatus';
import { normalisedWords, normaliseText } from '../../language/normalise';
import type { DetectorLexicon } from '../../safety/types';
import { parseSeverity } from '../../symptoms/answerParsers';

export interface ScoreAnswer {
  score: number;
  range?: [number, number];
}

/** Two scores given as one answer: "6 or 7", "6-7", "between 5 and 6". */
const TYPED_BAND =
  /^(?:(?:maybe|about|around|probably|like|roughly|between) )*(?:an? )?(\d+) (?:or|to|and) (?:an? )?(\d+)(?: out of 10| 10)?$/;

export function readScore(text: string, context: { language: DetectorLexicon }): ScoreAnswer | undefined {
  const score = parseSeverity(text, context);
  if (score !== undefined) {
    // A band the user typed is kept as a band, like a button's: its top is the score.
    const band = TYPED_BAND.exec(normalisedWords(text.replace(/(\d)\s*[-\u2013]\s*(\d)/g, '$1 to $2'), context.language));
    const [low, high] = band ? [Number(band[1]), Number(band[2])] : [score, score];
    return low < high && high === score ? { score, range: [low, high] } : { score };
  }
  const band = severityBandIn(text, context.language);
  return band ? { score: band[1], range: band } : undefined;
}

/** The worst band of the severity words the user says of their pain; undefined when they say none. */
function severityBandIn(text: string, language: DetectorLexicon): [number, number] | undefined {
  const entries = language.severity ?? [];
  if (entries.length === 0) return undefined;
  let worst: [number, number] | undefined;
  for (const clause of splitIntoClauses(normaliseText(text, language), language.clauseBreaks)) {
    const words = clause.text;
    // The longest severity phrase wins where phrases overlap ("very severe" over "severe").
    const found: Array<{ start: number; end: number; band: [number, number] }> = [];
    for (const entry of entries) {
      // "mildish", "severe-ish": the band of the word the suffix softens.
      const pattern = new RegExp(`(?<![a-z0-9])${entry.words.replace(/ /g, '\\s+')}(?:\\s?ish)?(?![a-z0-9])`, 'g');
      for (const m of words.matchAll(pattern)) found.push({ start: m.index, end: m.index + m[0].length, band: entry.band });
    }
    const kept = found.filter(
      (f) => !found.some((g) => g !== f && g.start <= f.start && g.end >= f.end && g.end - g.start > f.end - f.start),
    );
    for (const mention of kept) {
      const span = { start: mention.start, end: mention.end };
      if (statusOf({ ...clause, mentions: kept.map((k) => ({ start: k.start, end: k.end })) }, span, language) !== 'affirmed') continue;
      if (!worst || mention.band[1] > worst[1]) worst = mention.band;
    }
  }
  return worst;
}

export function scoreFromChoice(value: string): ScoreAnswer | undefined {
  const band = /^(\d+)-(\d+)$/.exec(value);
  if (band) {
    const [low, high] = [Number(band[1]), Number(band[2])];
    return low <= high && high <= 10 ? { score: high, range: [low, high] } : undefined;
  }
  return /^(\d|10)$/.test(value) ? { score: Number(value) } : undefined;
}

export const canonicalScore = (answer: ScoreAnswer): string =>
  answer.range ? `${answer.range[0]}-${answer.range[1]}` : String(answer.score);
