/** `npm run eval:answers` scores a batch of typed answers by question id against the readers. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { answerBatchFiles, scoreAnswerBatch } from '../../src/questions/answerBatch';
import { makeTempDir } from '../helpers/tempDir';

describe('answer batches', () => {
  it('scores each answer against its canonical value and lists the misses', () => {
    const temp = makeTempDir('answers-');
    try {
      const file = path.join(temp.dir, 'answers-test.yaml');
      fs.writeFileSync(
        file,
        [
          'today: 2026-12-02',
          'answers:',
          '  - { question: symptoms.duration, text: "since the 7th of November", expected: "25 days" }',
          '  - { question: symptoms.severity, text: "a solid eight", expected: "8" }',
          '  - { question: booking.name, text: "what is sciatica?", expected: "unclear" }',
          '  - { question: symptoms.location, text: "all over the place really", expected: "below_knee" }',
        ].join('\n'),
      );
      const score = scoreAnswerBatch(file);
      expect(score.right).toBe(3);
      expect(score.total).toBe(4);
      expect(score.misses).toEqual([
        { question: 'symptoms.location', text: 'all over the place really', expected: 'below_knee', got: expect.any(String) },
      ]);
      expect(answerBatchFiles(temp.dir)).toEqual([file]);
    } finally {
      temp.cleanup();
    }
  });

  it('counts "1 day" and "1 days" as the same duration, and no other plural slip', () => {
    const temp = makeTempDir('answers-');
    try {
      const file = path.join(temp.dir, 'answers-days.yaml');
      fs.writeFileSync(
        file,
        [
          'today: 2026-12-02',
          'answers:',
          '  - { question: symptoms.duration, text: "yesterday", expected: "1 days" }',
          '  - { question: symptoms.duration, text: "yesterday", expected: "1 day" }',
          '  - { question: symptoms.duration, text: "yesterday", expected: "2 days" }',
        ].join('\n'),
      );
      expect(scoreAnswerBatch(file)).toMatchObject({ right: 2, total: 3 });
    } finally {
      temp.cleanup();
    }
  });

  it("reads a local phone number in the bot's default region, or in the region the batch names", () => {
    const temp = makeTempDir('answers-');
    try {
      const ukByDefault = path.join(temp.dir, 'answers-uk.yaml');
      fs.writeFileSync(ukByDefault, 'answers:\n  - { question: booking.contact, text: "07911 123456", expected: "+447911123456" }\n');
      expect(scoreAnswerBatch(ukByDefault)).toMatchObject({ right: 1, total: 1 });
      const us = path.join(temp.dir, 'answers-us.yaml');
      fs.writeFileSync(
        us,
        [
          'region: US',
          'answers:',
          '  - { question: booking.contact, text: "(201) 555-0123", expected: "+12015550123" }',
          '  - { question: booking.contact, text: "07911 123456", expected: "unclear" }',
        ].join('\n'),
      );
      expect(scoreAnswerBatch(us)).toMatchObject({ right: 2, total: 2 });
    } finally {
      temp.cleanup();
    }
  });

  it('finds no batch where there is none, and refuses an unknown question id', () => {
    expect(answerBatchFiles('/nonexistent-dir')).toEqual([]);
    const temp = makeTempDir('answers-');
    try {
      const file = path.join(temp.dir, 'answers-bad.yaml');
      fs.writeFileSync(file, 'answers:\n  - { question: symptoms.nope, text: "x", expected: "y" }\n');
      expect(() => scoreAnswerBatch(file)).toThrow(/no question "symptoms.nope"/);
    } finally {
      temp.cleanup();
    }
  });
});
