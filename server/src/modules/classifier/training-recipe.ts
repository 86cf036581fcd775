import { type LinearModel, pruneModel, type TrainingExample, trainLinearModel } from './linear-model.js';

/**
 * The one training recipe used for the shipped model, the cross-validated figures and
 * `laiban model train`, so what is measured is what is shipped. The settings were chosen once by
 * 5-fold cross-validation on the labelled files (docs/BENCHMARKS.md), not tuned further.
 */
export const RECIPE = {
  epochs: 12,
  lambda: 5e-6,
  eta0: 0.5,
  minDf: 2,
  keepFeatures: 60_000,
  /** Fitted on the cross-validated scores (lowest held-out log-loss): see eval:classifier. */
  temperature: 1,
} as const;

export function trainWithRecipe(examples: TrainingExample[], warmStart?: LinearModel): LinearModel {
  const model = trainLinearModel(examples, {
    epochs: RECIPE.epochs,
    lambda: RECIPE.lambda,
    eta0: RECIPE.eta0,
    minDf: RECIPE.minDf,
    warmStart,
  });
  const pruned = pruneModel(model, RECIPE.keepFeatures);
  pruned.temperature = RECIPE.temperature;
  return pruned;
}
