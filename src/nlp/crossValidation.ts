/** k-fold cross-validation on the training examples, for choosing classifier settings without the held-out set. */
import { classifyIntent, trainIntentModel, type ClassifierSettings, type TrainingIntent } from './intentClassifier';
import type { Lexicon } from './textNormalizer';

export function crossValidatedAccuracy(
  intents: readonly TrainingIntent[],
  lexicon: Lexicon,
  settings: ClassifierSettings,
  unknownIntent?: string,
  folds = 5,
): number {
  let right = 0;
  let total = 0;
  for (let fold = 0; fold < folds; fold += 1) {
    const training = intents.map((intent) => ({ id: intent.id, examples: intent.examples.filter((_, i) => i % folds !== fold) }));
    const model = trainIntentModel(training, lexicon, { settings, unknownIntent });
    for (const intent of intents) {
      intent.examples.forEach((example, i) => {
        if (i % folds !== fold) return;
        total += 1;
        if (classifyIntent(model, example).intent === intent.id) right += 1;
      });
    }
  }
  return right / Math.max(total, 1);
}
