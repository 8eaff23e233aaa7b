/** eval:questions counts a question as answered when the topic's answer reaches the user, lists included. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { evaluateQuestionBatch, questionBatchFigures } from '../../src/evaluation/questionBatches';

describe('question batches', () => {
  it('recognises an answer laid out as a list, and an out-of-scope message kept out', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'question-batch-'));
    const file = path.join(dir, 'questions-test.yaml');
    const question = 'how can i prevent lower back pain when running';
    fs.writeFileSync(
      file,
      `questions:\n  - {text: "${question}", kind: on-topic}\n  - {text: "recipe for banana bread", kind: out-of-scope}\n`,
    );
    fs.writeFileSync(
      file.replace(/\.yaml$/, '.labels.yaml'),
      `labels:\n  - {text: "${question}", topics: [lifestyle-prevention]}\n  - {text: "recipe for banana bread", topics: []}\n`,
    );
    const report = await evaluateQuestionBatch(file);
    expect(report.onTopic[0].reply).toMatch(/^- Strengthen your core/m);
    expect(report.onTopic[0].answered).toEqual(['lifestyle-prevention']);
    expect(questionBatchFigures(report)).toMatchObject({ direct: 1, onTopic: 1, notTopic: 1, outOfScope: 1 });
  });

  it('refuses an on-topic question labelled with no topic', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'question-batch-'));
    const file = path.join(dir, 'questions-test.yaml');
    fs.writeFileSync(file, 'questions:\n  - {text: "do bridges help", kind: on-topic}\n');
    fs.writeFileSync(file.replace(/\.yaml$/, '.labels.yaml'), 'labels:\n  - {text: "do bridges help", topics: []}\n');
    await expect(evaluateQuestionBatch(file)).rejects.toThrow(/no label for "do bridges help"/);
  });
});
