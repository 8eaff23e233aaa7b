/**
 * Scores the red-flag screen against the labelled phrasings in knowledge/evaluation/red-flag-phrases.yaml,
 * for the `npm run eval` report: recall and precision per triage level, misses and over-triage.
 */
import { screenForRedFlags } from './redFlagDetector';
import type { RedFlagPhrase } from './schema';
import { TRIAGE_LEVELS, type RedFlagRules, type TriageLevel } from './types';

export interface LevelScore {
  level: TriageLevel;
  /** Phrasings labelled with this level. */
  expected: number;
  /** Phrasings the screen put at this level. */
  predicted: number;
  /** Phrasings labelled and screened at this level. */
  correct: number;
  /** correct / expected (1 when nothing is expected). */
  recall: number;
  /** correct / predicted (1 when nothing is predicted). */
  precision: number;
}

export interface RedFlagEvaluation {
  total: number;
  /** Phrasings whose labelled ids are found and whose level and "ask a question" match the label. */
  exact: number;
  levels: LevelScore[];
  /** Labelled emergency or urgent, screened lower (or not at all): the misses that matter most. */
  underTriaged: Array<{ text: string; expected: TriageLevel | null; got: TriageLevel | null }>;
  /** Labelled routine or nothing, screened urgent or emergency: false alarms that cost trust. */
  overTriaged: Array<{ text: string; expected: TriageLevel | null; got: TriageLevel | null }>;
  /** Phrasings that should have produced a yes/no question and did not, or the reverse. */
  unclearMismatches: string[];
  /** Per red flag: its labelled positives, and how many the screen found (at the flag's level). */
  flags: Array<{ id: string; positives: number; found: number }>;
  /** Benign near-misses (labelled with no flag), and how many the screen escalated to urgent or emergency. */
  falseAlarms: { nearMisses: number; escalated: number };
}

const rank = (level: TriageLevel | null): number => (level === null ? 0 : TRIAGE_LEVELS.length - TRIAGE_LEVELS.indexOf(level));

export function evaluateRedFlags(phrases: RedFlagPhrase[], rules: RedFlagRules): RedFlagEvaluation {
  const results = phrases.map((phrase) => ({ phrase, screen: screenForRedFlags(phrase.text, rules) }));
  const levels: LevelScore[] = TRIAGE_LEVELS.filter((l) => l !== 'self-care').map((level) => {
    const expected = results.filter((r) => r.phrase.level === level).length;
    const predicted = results.filter((r) => r.screen.level === level).length;
    const correct = results.filter((r) => r.phrase.level === level && r.screen.level === level).length;
    return {
      level,
      expected,
      predicted,
      correct,
      recall: expected === 0 ? 1 : correct / expected,
      precision: predicted === 0 ? 1 : correct / predicted,
    };
  });
  // Two nets find flags, so a phrase may also report a second flag of its level: the labelled ones must be there.
  const hasIds = (labelled: string[], found: string[]): boolean => labelled.every((id) => found.includes(id));
  return {
    total: results.length,
    exact: results.filter(
      ({ phrase, screen }) =>
        hasIds(
          phrase.expect,
          screen.hits.map((h) => h.id),
        ) &&
        phrase.level === screen.level &&
        phrase.unclear === screen.unclear.length > 0,
    ).length,
    levels,
    underTriaged: results
      .filter(({ phrase, screen }) => rank(phrase.level) >= rank('urgent') && rank(screen.level) < rank(phrase.level))
      .map(({ phrase, screen }) => ({ text: phrase.text, expected: phrase.level, got: screen.level })),
    overTriaged: results
      .filter(({ phrase, screen }) => rank(phrase.level) < rank('urgent') && rank(screen.level) >= rank('urgent'))
      .map(({ phrase, screen }) => ({ text: phrase.text, expected: phrase.level, got: screen.level })),
    unclearMismatches: results
      .filter(({ phrase, screen }) => phrase.unclear !== screen.unclear.length > 0)
      .map(({ phrase }) => phrase.text),
    flags: rules.flags.map((flag) => {
      const positives = results.filter((r) => r.phrase.expect.includes(flag.id));
      return {
        id: flag.id,
        positives: positives.length,
        found: positives.filter((r) => r.screen.hits.some((h) => h.id === flag.id)).length,
      };
    }),
    falseAlarms: {
      nearMisses: results.filter((r) => r.phrase.expect.length === 0).length,
      escalated: results.filter((r) => r.phrase.expect.length === 0 && rank(r.screen.level) >= rank('urgent')).length,
    },
  };
}

/** The evaluation as lines of text for the console. */
export function formatRedFlagReport(evaluation: RedFlagEvaluation): string {
  const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
  const lines = [
    `Red-flag screen: ${evaluation.exact}/${evaluation.total} phrasings exactly as labelled`,
    ...evaluation.levels.map(
      (s) =>
        `  ${s.level.padEnd(9)} recall ${pct(s.recall)} (${s.correct}/${s.expected})  precision ${pct(s.precision)} (${s.correct}/${s.predicted})`,
    ),
    `  under-triaged (emergency/urgent screened lower): ${evaluation.underTriaged.length}`,
    ...evaluation.underTriaged.map((m) => `    - "${m.text}": expected ${m.expected}, got ${m.got ?? 'none'}`),
    `  over-triaged (routine/none screened urgent/emergency): ${evaluation.overTriaged.length}`,
    ...evaluation.overTriaged.map((m) => `    - "${m.text}": expected ${m.expected ?? 'none'}, got ${m.got}`),
  ];
  lines.push(`  benign near-misses escalated: ${evaluation.falseAlarms.escalated}/${evaluation.falseAlarms.nearMisses}`);
  lines.push('  recall per red flag (labelled positives found):');
  for (const f of evaluation.flags) lines.push(`    ${f.id.padEnd(26)} ${f.found}/${f.positives}`);
  if (evaluation.unclearMismatches.length > 0) {
    lines.push(`  yes/no question asked or missed against the label: ${evaluation.unclearMismatches.length}`);
  }
  return lines.join('\n');
}
