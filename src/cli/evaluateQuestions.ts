/**
 * `npm run eval:questions`: plays each blind question batch (knowledge/evaluation/blind/questions-*.yaml)
 * through the whole bot and prints how many on-topic questions got a gold topic's answer directly, and
 * how many out-of-scope messages were kept out of the topics. `-- --misses` lists what failed;
 * `-- --file <batch.yaml>` plays one batch kept elsewhere (its labels beside it as <batch>.labels.yaml).
 */
import '../quietDotenv';
import { evaluateQuestionBatch, formatQuestionBatch, questionBatchFiles } from '../evaluation/questionBatches';

async function main(): Promise<void> {
  const showMisses = process.argv.includes('--misses');
  const fileFlag = process.argv.indexOf('--file');
  const files = fileFlag >= 0 && process.argv[fileFlag + 1] ? [process.argv[fileFlag + 1]] : questionBatchFiles();
  if (files.length === 0) console.log('No question batches in knowledge/evaluation/blind/.');
  for (const file of files) console.log(formatQuestionBatch(await evaluateQuestionBatch(file), showMisses));
}

main().catch((error: Error) => {
  console.error(`eval:questions failed: ${error.message}`);
  process.exitCode = 1;
});
