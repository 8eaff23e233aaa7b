/**
 * `npm run eval:blind`: plays every blind batch in knowledge/evaluation/blind/ through the whole bot
 * and prints its figures. `-- --misses` lists what failed. `-- --record` writes a batch's figures to
 * first-runs.yaml the first time it is run (never again: the first run on unseen text is the figure
 * that counts), so the README and `npm run eval` can quote it.
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

const FIRST_RUNS = path.join(BLIND_DIR, 'first-runs.yaml');

async function main(): Promise<void> {
  const showMisses = process.argv.includes('--misses');
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
