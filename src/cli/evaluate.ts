/**
 * `npm run eval`: how well the bot understands people, measured on held-out sets written the way real
 * users type. Prints intent accuracy, macro-F1 and the most confused pairs, compared with a plain natural
 * BayesClassifier trained on the same examples; and what the clarify threshold does to answers.
 */
import '../quietDotenv';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  BLIND_DIR,
  blindBatchFiles,
  evaluatePhraseBatch,
  evaluateVignetteBatch,
  formatPhraseBatch,
  formatVignetteBatch,
} from '../evaluation/blindBatches';
import { BayesClassifier } from 'natural';
import { loadHeldOutUtterances, loadKnowledgeBase, readYamlFile } from '../knowledge/loadKnowledge';
import { classificationReport, type ClassificationReport, type LabelledPrediction } from '../nlp/evaluation';
import { classifyIntent, DEFAULT_SETTINGS, trainIntentModel } from '../nlp/intentClassifier';
import { crossValidatedAccuracy } from '../nlp/crossValidation';
import { lexiconFileSchema } from '../nlp/lexiconSchema';
import { loadRedFlagPhrases, loadSafetyRules } from '../safety/loadSafetyRules';
import { loadLabelledConversations, triageAgreement, type TriageAgreement } from '../evaluation/safetyEvaluation';
import { evaluateRedFlags, formatRedFlagReport } from '../safety/evaluation';

const OUT_OF_SCOPE = 'out_of_scope';
const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

function printReport(name: string, report: ClassificationReport): void {
  console.log(`${name.padEnd(28)} accuracy ${pct(report.accuracy).padStart(6)}   macro-F1 ${report.macroF1.toFixed(3)}`);
}

function printTriageAgreement(triage: TriageAgreement): void {
  console.log(`\nTriage agreement on ${triage.rows.length} labelled symptom-check conversations: ${pct(triage.agreement)}`);
  for (const row of triage.rows.filter((r) => r.expected !== r.got))
    console.log(`    - ${row.name}: expected ${row.expected}, got ${row.got}`);
}

/** Every blind batch as it scores now, and the first-run figures that count (recorded when each first ran). */
async function printBlindBatches(): Promise<void> {
  console.log('\nBlind batches (knowledge/evaluation/blind/, written without sight of the code):');
  for (const file of blindBatchFiles('red-flags')) console.log(formatPhraseBatch(await evaluatePhraseBatch(file), false));
  for (const file of blindBatchFiles('vignettes')) console.log(formatVignetteBatch(await evaluateVignetteBatch(file), false));
  const firstRuns = path.join(BLIND_DIR, 'first-runs.yaml');
  if (fs.existsSync(firstRuns))
    console.log(
      `\nFirst-run figures (the ones that count), from ${path.relative(process.cwd(), firstRuns)}:\n${fs.readFileSync(firstRuns, 'utf8').replace(/^#.*\n/gm, '')}`,
    );
}

async function main(): Promise<void> {
  const kb = loadKnowledgeBase();
  const lexicon = readYamlFile(path.join(kb.dir, 'nlp', 'lexicon.yaml'), lexiconFileSchema);
  const intents = [...kb.topics, ...kb.conversationIntents];
  const heldOut = loadHeldOutUtterances();

  if (process.argv.includes('--tune')) {
    console.log('5-fold cross-validation on the training examples (the held-out set is not used):');
    for (const smoothing of [0.05, 0.1]) {
      for (const bayesWeight of [0.3, 0.5]) {
        for (const nearestWeight of [0, 0.2, 0.35]) {
          const accuracy = crossValidatedAccuracy(
            intents,
            lexicon,
            { ...DEFAULT_SETTINGS, smoothing, bayesWeight, nearestWeight },
            OUT_OF_SCOPE,
          );
          console.log(`  smoothing ${smoothing}  bayesWeight ${bayesWeight}  nearestWeight ${nearestWeight}  accuracy ${pct(accuracy)}`);
        }
      }
    }
    console.log(`in use: ${JSON.stringify(DEFAULT_SETTINGS)}`);
    return;
  }

  const trainStart = performance.now();
  const model = trainIntentModel(intents, lexicon, { unknownIntent: OUT_OF_SCOPE });
  const trainMs = performance.now() - trainStart;

  const baseline = new BayesClassifier();
  for (const intent of intents) for (const example of intent.examples) baseline.addDocument(example, intent.id);
  baseline.train();

  const ours: LabelledPrediction[] = [];
  const plain: LabelledPrediction[] = [];
  const scored: Array<{ score: number; right: boolean }> = [];
  for (const { text, intent } of heldOut) {
    const prediction = classifyIntent(model, text);
    ours.push({ text, expected: intent, predicted: prediction.intent ?? 'none' });
    plain.push({ text, expected: intent, predicted: baseline.classify(text) });
    scored.push({ score: prediction.score, right: prediction.intent === intent });
  }

  const oursReport = classificationReport(ours);
  console.log(
    `Intent classification on ${heldOut.length} held-out utterances (${intents.length} intents, ${intents.reduce((n, i) => n + i.examples.length, 0)} training examples; trained in ${trainMs.toFixed(0)} ms)\n`,
  );
  printReport('Back on Track classifier', oursReport);
  printReport('plain natural BayesClassifier', classificationReport(plain));
  console.log('\nClarify threshold: share answered directly, and how many of those answers are right (the rest get a clarifying question)');
  for (const threshold of [0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4]) {
    const answered = scored.filter((s) => s.score >= threshold);
    const marker = threshold === model.threshold ? '  <- in use' : '';
    console.log(
      `  ${threshold.toFixed(2)}  answered ${pct(answered.length / scored.length).padStart(6)}  correct ${pct(answered.filter((s) => s.right).length / Math.max(answered.length, 1)).padStart(6)}${marker}`,
    );
  }
  console.log('\nMost confused pairs (expected -> predicted):');
  for (const pair of oursReport.confusedPairs.slice(0, 10))
    console.log(`  ${String(pair.count).padStart(2)}  ${pair.expected} -> ${pair.predicted}`);
  console.log(`\n${formatRedFlagReport(evaluateRedFlags(loadRedFlagPhrases(), loadSafetyRules()))}`);
  printTriageAgreement(await triageAgreement(loadLabelledConversations()));
  await printBlindBatches();

  if (process.argv.includes('--misses')) {
    console.log('\nMisses:');
    for (const row of ours.filter((r) => r.expected !== r.predicted)) console.log(`  "${row.text}"  ${row.expected} -> ${row.predicted}`);
  }
}

main().catch((error: Error) => {
  console.error(`eval failed: ${error.message}`);
  process.exit(1);
});
