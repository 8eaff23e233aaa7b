/** Classification metrics for `npm run eval` and the accuracy test: accuracy, macro-F1, confused pairs. */

export interface LabelledPrediction {
  text: string;
  expected: string;
  predicted: string;
}

export interface ClassificationReport {
  total: number;
  accuracy: number;
  macroF1: number;
  confusedPairs: Array<{ expected: string; predicted: string; count: number }>;
}

export function classificationReport(rows: readonly LabelledPrediction[]): ClassificationReport {
  const labels = new Set(rows.map((r) => r.expected));
  const correct = rows.filter((r) => r.expected === r.predicted).length;
  const f1s = [...labels].map((label) => {
    const tp = rows.filter((r) => r.expected === label && r.predicted === label).length;
    const fp = rows.filter((r) => r.expected !== label && r.predicted === label).length;
    const fn = rows.filter((r) => r.expected === label && r.predicted !== label).length;
    return tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
  });
  const pairCounts = new Map<string, number>();
  for (const r of rows) {
    if (r.expected === r.predicted) continue;
    const key = `${r.expected}\u0000${r.predicted}`;
    pairCounts.set(key, (pairCounts.get(key) ?? 0) + 1);
  }
  const confusedPairs = [...pairCounts.entries()]
    .map(([key, count]) => {
      const [expected, predicted] = key.split('\u0000');
      return { expected, predicted, count };
    })
    .sort((a, b) => b.count - a.count);
  return {
    total: rows.length,
    accuracy: rows.length ? correct / rows.length : 0,
    macroF1: f1s.length ? f1s.reduce((a, b) => a + b, 0) / f1s.length : 0,
    confusedPairs,
  };
}
