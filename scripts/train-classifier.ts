/**
 * Trains the shipped category-suggestion model from the labelled message files and writes it to
 * server/src/modules/classifier/model/shipped-model.json.gz.
 *   npx tsx scripts/train-classifier.ts [--data ../shared/data/teddy2020]
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { LinearModel } from '../server/src/modules/classifier/linear-model.js';
import { loadLabelledMessages } from '../server/src/modules/classifier/teddy-data.js';
import { RECIPE, trainWithRecipe } from '../server/src/modules/classifier/training-recipe.js';

const { values } = parseArgs({ options: { data: { type: 'string', default: '../shared/data/teddy2020' } } });
const root = new URL('..', import.meta.url).pathname;
const data = loadLabelledMessages(join(root, values.data ?? ''));
const started = Date.now();
const model = trainWithRecipe(data);
const serialised = model.serialise({
  version: 'shipped-1',
  trainedOn:
    'teddy2020 train_details.csv + train_topics.csv (7 first-level classes mapped to taxonomy top levels)',
  examples: data.length,
  recipe: RECIPE,
});
const out = join(root, 'server/src/modules/classifier/model/shipped-model.json.gz');
writeFileSync(out, gzipSync(`${JSON.stringify(serialised)}\n`, { level: 9 }));
const check = LinearModel.deserialise(serialised);
process.stdout.write(
  `trained on ${data.length} messages in ${((Date.now() - started) / 1000).toFixed(1)} s; ` +
    `${check.features.length} features, ${check.labels.length} labels → ${out}\n`,
);
