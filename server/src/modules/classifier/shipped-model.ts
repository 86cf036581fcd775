import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { packageRoot } from '../../lib/paths.js';
import { LinearModel, type SerialisedModel } from './linear-model.js';

/**
 * The model shipped in the repository (read from the source tree, so the built server finds it
 * too), used until `laiban model train` stores and activates a newer version in the database.
 */
export const SHIPPED_MODEL_PATH = join(
  packageRoot(),
  'server/src/modules/classifier/model/shipped-model.json.gz',
);
export const SHIPPED_MODEL_VERSION = 'shipped-1';

let cached: LinearModel | undefined;

export function loadShippedModel(): LinearModel {
  if (!cached) {
    cached = LinearModel.deserialise(
      JSON.parse(gunzipSync(readFileSync(SHIPPED_MODEL_PATH)).toString('utf8')) as SerialisedModel,
    );
  }
  return cached;
}
