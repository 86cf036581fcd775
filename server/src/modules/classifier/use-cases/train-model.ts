import type { Kysely } from 'kysely';
import type { DB } from '../../../db/types.js';
import { countModels, insertActiveModel, trainingCases } from '../classifier.repository.js';
import { score } from '../cross-validation.js';
import type { TrainingExample } from '../linear-model.js';
import { activeModel } from '../model-registry.js';
import { RECIPE, trainWithRecipe } from '../training-recipe.js';

export interface TrainResult {
  version: string;
  examples: number;
  corrections: number;
  warmStartFrom: string;
  /** On the held-out fifth of the platform's cases: the new model against the one it replaces. */
  heldOut: {
    n: number;
    newAccuracy: number;
    previousAccuracy: number;
    newMacroF1: number;
    previousMacroF1: number;
  };
  activated: boolean;
}

export const MIN_TRAINING_CASES = 20;

/**
 * `laiban model train`: retrains the suggestion model from the platform's own history. Every case
 * (confidential accusations excepted) is an example labelled with the top-level category it was
 * finally filed under; cases whose suggestion the clerk corrected count twice, since they show
 * where the model was wrong. Training starts from the active model's weights (warm start), so what
 * it learnt from the labelled message files is kept and adjusted, not thrown away.
 *
 * A fifth of the cases is held out first; the new model is stored as the next version and made
 * active unless it does worse there than the model in use (then it is stored inactive, unless
 * `force`). The final model is trained on all cases.
 */
export async function trainModel(db: Kysely<DB>, opts: { force?: boolean } = {}): Promise<TrainResult> {
  const rows = await trainingCases(db);
  if (rows.length < MIN_TRAINING_CASES) {
    throw new Error(`too few cases to learn from: ${rows.length} (at least ${MIN_TRAINING_CASES})`);
  }
  const examples: (TrainingExample & { corrected: boolean })[] = rows.map((r) => ({
    title: r.title,
    body: `${r.facts}\n${r.demands}`,
    label: r.category_code.slice(0, 2),
    corrected: r.outcome === 'corrected',
  }));
  const weighted = (xs: typeof examples) => xs.flatMap((e) => (e.corrected ? [e, e] : [e]));
  const previous = await activeModel(db);

  const heldOutIdx = new Set(examples.map((_, i) => i).filter((i) => i % 5 === 4));
  const train = examples.filter((_, i) => !heldOutIdx.has(i));
  const test = examples.filter((_, i) => heldOutIdx.has(i));
  const candidate = trainWithRecipe(weighted(train), previous.model);
  const truth = test.map((e) => e.label);
  const newScore = score(
    truth,
    test.map((e) => candidate.predict(e)[0]?.label ?? ''),
  );
  const oldScore = score(
    truth,
    test.map((e) => previous.model.predict(e)[0]?.label ?? ''),
  );

  const final = trainWithRecipe(weighted(examples), previous.model);
  const version = `v${(await countModels(db)) + 1}-${new Date().toISOString().slice(0, 10)}`;
  const activate = opts.force || newScore.accuracy >= oldScore.accuracy;
  const heldOut = {
    n: test.length,
    newAccuracy: newScore.accuracy,
    previousAccuracy: oldScore.accuracy,
    newMacroF1: newScore.macroF1,
    previousMacroF1: oldScore.macroF1,
  };
  const corrections = examples.filter((e) => e.corrected).length;
  const training = {
    examples: examples.length,
    corrections,
    warmStartFrom: previous.version,
    heldOut,
    recipe: RECIPE,
  };
  await db.transaction().execute(async (trx) => {
    if (activate) {
      await insertActiveModel(trx, {
        version,
        labels: final.labels,
        model: JSON.stringify(final.serialise({ version, ...training })),
        training,
      });
    } else {
      await trx
        .insertInto('classifier_models')
        .values({
          version,
          labels: final.labels,
          model: JSON.stringify(final.serialise({ version, ...training })),
          training: JSON.stringify(training),
          is_active: false,
        })
        .execute();
    }
  });
  return {
    version,
    examples: examples.length,
    corrections,
    warmStartFrom: previous.version,
    heldOut,
    activated: activate,
  };
}
