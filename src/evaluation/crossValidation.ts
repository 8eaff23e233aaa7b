/**
 * Leave-one-batch-out figures for the red-flag screen's second opinion: for each blind batch the model
 * trains on, a model trained on everything except that batch, and the batch played through the whole
 * bot (rules + that model). What the model has not trained on is the only honest measure of what it
 * adds. The rules themselves were written with these batches in view: the figures measure the model's
 * generalisation, not the rules'.
 */
import * as path from 'node:path';
import { ordinaryMessages, loadTrainedKnowledge } from '../services';
import { trainRedFlagSecondOpinion, trainingBatchNames } from '../safety/secondOpinionTraining';
import type { SecondOpinionThresholds } from '../safety/secondOpinion';
import { BLIND_DIR, evaluatePhraseBatch, type PhraseBatchReport } from './blindBatches';
import { InProcessBot } from './inProcessBot';

export interface CrossValidationOptions {
  thresholds?: Partial<SecondOpinionThresholds>;
  /** Rules only: no second opinion at all (what the model adds is the difference). */
  withoutModel?: boolean;
}

export async function crossValidate(options: CrossValidationOptions = {}): Promise<PhraseBatchReport[]> {
  const { kb, safety } = loadTrainedKnowledge();
  const reports: PhraseBatchReport[] = [];
  for (const batch of trainingBatchNames(kb.dir)) {
    const secondOpinion = options.withoutModel
      ? undefined
      : trainRedFlagSecondOpinion(kb.dir, safety, ordinaryMessages(kb), { leaveOut: batch, thresholds: options.thresholds });
    const foldSafety = { ...safety, secondOpinion };
    reports.push(
      await evaluatePhraseBatch(path.join(BLIND_DIR, `${batch}.yaml`), () => new InProcessBot({}, undefined, { safety: foldSafety })),
    );
  }
  return reports;
}

/** The folds' rows added up: each bar's figure over all held-out batches. */
export function pooledRows(reports: PhraseBatchReport[]): PhraseBatchReport['rows'] {
  return reports[0].rows.map((row, i) => ({
    ...row,
    passed: reports.reduce((sum, r) => sum + r.rows[i].passed, 0),
    total: reports.reduce((sum, r) => sum + r.rows[i].total, 0),
  }));
}
