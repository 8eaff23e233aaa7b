/**
 * `npm run eval:blind`: plays every blind batch in knowledge/evaluation/blind/ through the whole bot
 * and prints its figures. `-- --misses` lists what failed. `-- --record` writes a batch's figures to
 * first-runs.yaml the first time it is run (never again: the first run on unseen text is the figure
 * that counts), so the README and `npm run eval` can quote it.
 *
 * `-- --cross`: leave-one-batch-out figures of the second opinion (crossValidation.ts): for each blind
 * batch it trains on, the batch played through the bot with a model trained without it, then all folds
 * pooled. `--no-model` gives the same figures with the rules alone; `--thresholds=crisis:0.5,urgent:0.6`
 * tries other thresholds (tune on these pooled figures, never on one batch).
 */
import '../quietDotenv';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse, stringify } from 'yaml';
import {
  BLIND_DIR,
  blindBatchFiles,
  evaluatePhraseBatch,
  evaluateVignetteBatch,
  formatPhraseBatch,
  formatVignetteBatch,
} from '../evaluation/blindBatches';
import { crossValidate, pooledRows } from '../evaluation/crossValidation';
import type { SecondOpinionThresholds } from '../safety/secondOpinion';

const FIRST_RUNS = path.join(BLIND_DIR, 'first-runs.yaml');

async function crossValidation(showMisses: boolean): Promise<void> {
  const thresholds: Partial<SecondOpinionThresholds> = {};
  const given = process.argv.find((a) => a.startsWith('--thresholds='))?.slice('--thresholds='.length) ?? '';
  for (const pair of given.split(',').filter(Boolean)) {
    const [kind, value] = pair.split(':');
    if (!['crisis', 'emergency', 'urgent', 'overRules', 'temperature'].includes(kind) || !(Number(value) > 0)) {
      throw new Error(
        `--thresholds: "${pair}" is not kind:share (crisis, emergency, urgent, overRules: a share in (0, 1]; temperature: 1 or more)`,
      );
    }
    thresholds[kind as keyof SecondOpinionThresholds] = Number(value);
  }
  const withoutModel = process.argv.includes('--no-model');
  console.log(
    `Leave-one-batch-out, ${withoutModel ? 'rules only (no second opinion)' : 'rules + a second opinion trained without the batch'}`,
  );
  const reports = await crossValidate({ thresholds, withoutModel });
  for (const report of reports) console.log(formatPhraseBatch(report, showMisses));
  const pooled = { file: 'all folds pooled', outcomes: reports.flatMap((r) => r.outcomes), rows: pooledRows(reports) };
  console.log(formatPhraseBatch(pooled, false));
}

async function main(): Promise<void> {
  const showMisses = process.argv.includes('--misses');
  if (process.argv.includes('--cross')) return crossValidation(showMisses);
  const record = process.argv.includes('--record');
  const only = process.argv.find((a) => a.startsWith('--batch='))?.slice('--batch='.length);
  const firstRuns = (fs.existsSync(FIRST_RUNS) ? parse(fs.readFileSync(FIRST_RUNS, 'utf8')) : null) ?? { runs: {} };
  const keep = (file: string) => !only || path.basename(file).startsWith(only);
  for (const file of blindBatchFiles('red-flags').filter(keep)) {
    const report = await evaluatePhraseBatch(file);
    console.log(formatPhraseBatch(report, showMisses));
    const name = path.basename(file, '.yaml');
    if (record && !firstRuns.runs[name]) {
      firstRuns.runs[name] = {
        date: new Date().toISOString().slice(0, 10),
        rows: report.rows.map((r) => `${r.label.trim()}: ${r.passed}/${r.total}`),
      };
    }
  }
  for (const file of blindBatchFiles('vignettes').filter(keep)) {
    const report = await evaluateVignetteBatch(file);
    console.log(formatVignetteBatch(report, showMisses));
    const name = path.basename(file, '.yaml');
    if (record && !firstRuns.runs[name]) {
      const o = report.outcomes;
      const em = o.filter((x) => x.vignette.expect === 'emergency');
      firstRuns.runs[name] = {
        date: new Date().toISOString().slice(0, 10),
        rows: [
          `exact triage: ${o.filter((x) => x.exact).length}/${o.length}`,
          `safe (gold level or one above): ${o.filter((x) => x.safe).length}/${o.length}`,
          `emergency vignettes ending emergency: ${em.filter((x) => x.triage === 'emergency').length}/${em.length}`,
        ],
      };
    }
  }
  if (record) {
    const header =
      '# First-run figures of each blind batch, written by `npm run eval:blind -- --record` the first time the\n# batch ran against the code. Never edited by hand: the first run on unseen text is the figure that counts.\n';
    fs.writeFileSync(FIRST_RUNS, header + stringify(firstRuns));
  }
}

main().catch((error: Error) => {
  console.error(`eval:blind failed: ${error.message}`);
  process.exit(1);
});
