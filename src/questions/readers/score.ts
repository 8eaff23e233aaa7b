/**
 * A 0-10 pain score: "7", "7/10", "seven", "a solid eight", "6-7" (the higher). A button carries a band
 * ("4-6"): the band is kept, and its top counts for the advice, so a tap never understates the pain.
 */
import { parseSeverity } from '../../symptoms/answerParsers';

export interface ScoreAnswer {
  score: number;
  range?: [number, number];
}

export function readScore(text: string): ScoreAnswer | undefined {
  const score = parseSeverity(text);
  return score === undefined ? undefined : { score };
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
