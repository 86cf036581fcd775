import type { Conn } from '../../db/database.js';
import { findActiveModelVersion, findModel } from './classifier.repository.js';
import { LinearModel, type SerialisedModel } from './linear-model.js';
import { loadShippedModel, SHIPPED_MODEL_VERSION } from './shipped-model.js';

/**
 * The model suggestions use now: the active stored version, else the shipped one. Models are
 * cached by version (a model is immutable once stored), so a request costs one indexed look-up.
 */
const cache = new Map<string, LinearModel>();

export async function activeModel(conn: Conn): Promise<{ version: string; model: LinearModel }> {
  const active = await findActiveModelVersion(conn);
  if (!active) return { version: SHIPPED_MODEL_VERSION, model: loadShippedModel() };
  const hit = cache.get(active.version);
  if (hit) return { version: active.version, model: hit };
  const row = await findModel(conn, active.version);
  if (!row) return { version: SHIPPED_MODEL_VERSION, model: loadShippedModel() };
  const model = LinearModel.deserialise(JSON.parse(row.model) as SerialisedModel);
  // Keep only the newest couple of versions in memory (each is ~10 MB when loaded).
  if (cache.size >= 2) cache.clear();
  cache.set(active.version, model);
  return { version: active.version, model };
}
