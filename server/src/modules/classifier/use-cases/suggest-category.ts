import type { Conn } from '../../../db/database.js';
import type { Ctx } from '../../../http/context.js';
import { AppError } from '../../../http/errors.js';
import { can } from '../../../policy/policy.js';
import { findActiveSet, listCategories } from '../../taxonomy/taxonomy.repository.js';
import { findRoute } from '../classifier.repository.js';
import type { SuggestBody, Suggestion } from '../classifier.schemas.js';
import { chooseLeaf, type TaxonomyEntry } from '../leaf-choice.js';
import { activeModel } from '../model-registry.js';

/** The categories of the active set, cached per set (a set's rows change only by admin edits). */
let taxonomyCache: { setId: string; at: number; entries: TaxonomyEntry[] } | undefined;

async function activeTaxonomy(conn: Conn): Promise<TaxonomyEntry[]> {
  const set = await findActiveSet(conn);
  if (!set) return [];
  if (taxonomyCache && taxonomyCache.setId === set.id && Date.now() - taxonomyCache.at < 60_000)
    return taxonomyCache.entries;
  const rows = await listCategories(conn, set.id);
  const entries = rows
    .filter((r) => r.is_active)
    .map((r) => ({
      code: r.code,
      name: r.name,
      level: r.level,
      parentCode: r.parent_code,
      nationalCategory: r.national_category,
    }));
  taxonomyCache = { setId: set.id, at: Date.now(), entries };
  return entries;
}

/**
 * The suggestion for a message: the model's top-level category with its probability, a leaf the
 * text names, and the handling unit the routing table gives from `unitPath` (the clerk's unit).
 */
export async function computeSuggestion(
  conn: Conn,
  unitPath: string,
  text: SuggestBody,
): Promise<Suggestion> {
  const started = performance.now();
  const { version, model } = await activeModel(conn);
  const taxonomy = await activeTaxonomy(conn);
  const byCode = new Map(taxonomy.map((c) => [c.code, c]));
  const ranked = model
    .predict({ title: text.title, body: `${text.facts}\n${text.demands}` })
    // A label the active set no longer offers cannot be suggested.
    .filter((p) => byCode.has(p.label));
  const best = ranked[0];
  if (!best) throw new AppError('NOT_FOUND');
  const { leaf } = chooseLeaf(best.label, `${text.title} ${text.facts} ${text.demands}`, taxonomy);
  const codes = [leaf?.code, leaf?.parentCode, best.label].filter((c): c is string => !!c);
  const unit = await findRoute(conn, unitPath, [...new Set(codes)]);
  // The leaf may sit under another top level of the same national class (0209 under 02 for 城乡建设):
  // the category shown is then the leaf's own top level.
  const top = leaf?.parentCode ?? best.label;
  return {
    modelVersion: version,
    category: { code: top, name: byCode.get(top)?.name ?? top },
    confidence: Math.round(best.probability * 1000) / 1000,
    leaf: leaf ? { code: leaf.code, name: leaf.name } : null,
    unit: unit ? { id: unit.unitId, name: unit.unitName } : null,
    alternatives: ranked.slice(0, 3).map((p) => ({
      code: p.label,
      name: byCode.get(p.label)?.name ?? p.label,
      probability: Math.round(p.probability * 1000) / 1000,
    })),
    tookMs: Math.round((performance.now() - started) * 100) / 100,
  };
}

/** POST /api/classifier/suggest: for whoever registers cases. Nothing is stored. */
export async function suggestCategory(ctx: Ctx, body: SuggestBody): Promise<Suggestion> {
  if (!can(ctx.actor, 'case.intake')) throw new AppError('FORBIDDEN');
  if (`${body.title}${body.facts}${body.demands}`.trim().length < 4) throw new AppError('VALIDATION_FAILED');
  // Routes are read from the clerk's own unit (the routing table of the nearest ancestor applies).
  const home = await ctx.db
    .selectFrom('org_units')
    .select('path')
    .where('id', '=', ctx.actor.unitId)
    .executeTakeFirstOrThrow();
  return computeSuggestion(ctx.db, home.path, body);
}
