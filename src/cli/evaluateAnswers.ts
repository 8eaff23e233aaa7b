/**
 * `npm run eval:answers`: scores typed answers against the question readers, for every batch in
 * knowledge/evaluation/blind/answers-*.yaml (or the files given as arguments). Prints the share read
 * right per file and per question, and each miss (the typed text is test data, not a user's).
 */
import '../quietDotenv';
import * as path from 'node:path';
import { answerBatchFiles, scoreAnswerBatch } from '../questions/answerBatch';

const files = process.argv.length > 2 ? process.argv.slice(2).map((f) => path.resolve(f)) : answerBatchFiles();
if (files.length === 0) {
  console.log(
    'No answer batches yet: put a file named answers-<batch>.yaml in knowledge/evaluation/blind/ with\n' +
      '  answers: [{ question: symptoms.duration, text: "eight weeks", expected: "56 days" }, ...]\n' +
      'and run this again. Question ids are the `id` fields in knowledge/symptom-check.yaml, booking.yaml and privacy.yaml.',
  );
  process.exit(0);
}
let failed = false;
for (const file of files) {
  try {
    const score = scoreAnswerBatch(file);
    console.log(`${score.file}: ${score.right}/${score.total} read right (${((100 * score.right) / score.total).toFixed(1)}%)`);
    for (const [question, row] of Object.entries(score.byQuestion)) console.log(`  ${question}: ${row.right}/${row.total}`);
    for (const miss of score.misses) console.log(`  miss ${miss.question}: "${miss.text}" -> ${miss.got} (expected ${miss.expected})`);
  } catch (error) {
    failed = true;
    console.error(`${path.basename(file)}: ${(error as Error).message}`);
  }
}
process.exit(failed ? 1 : 0);
