import type { z } from 'zod';
import type { Ctx } from '../../../http/context.js';
import { AppError } from '../../../http/errors.js';
import { can } from '../../../policy/policy.js';
import { listModels, suggestionStats } from '../classifier.repository.js';
import type { modelList } from '../classifier.schemas.js';
import { SHIPPED_MODEL_VERSION } from '../shipped-model.js';

/** Model versions with their acceptance rate: for offices and leaders (dashboard.read). */
export async function listModelVersions(ctx: Ctx): Promise<z.infer<typeof modelList>> {
  if (!can(ctx.actor, 'dashboard.read')) throw new AppError('FORBIDDEN');
  const [models, stats] = await Promise.all([listModels(ctx.db), suggestionStats(ctx.db)]);
  const statOf = (v: string) => stats.find((s) => s.model_version === v);
  const active = models.find((m) => m.is_active)?.version ?? SHIPPED_MODEL_VERSION;
  const rows = models.map((m) => ({
    version: m.version,
    isActive: m.is_active,
    labels: m.labels,
    training: m.training,
    createdAt: new Date(m.created_at).toISOString(),
    suggestions: Number(statOf(m.version)?.total ?? 0),
    accepted: Number(statOf(m.version)?.accepted ?? 0),
  }));
  rows.push({
    version: SHIPPED_MODEL_VERSION,
    isActive: active === SHIPPED_MODEL_VERSION,
    labels: ['01', '05', '06', '07', '10', '11', '12'],
    training: { trainedOn: 'teddy2020 labelled message files' },
    createdAt: new Date(0).toISOString(),
    suggestions: Number(statOf(SHIPPED_MODEL_VERSION)?.total ?? 0),
    accepted: Number(statOf(SHIPPED_MODEL_VERSION)?.accepted ?? 0),
  });
  return { active, models: rows };
}
