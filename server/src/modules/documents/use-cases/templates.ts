import type { z } from 'zod';
import type { Ctx } from '../../../http/context.js';
import { AppError } from '../../../http/errors.js';
import type { DocumentKind } from '../document-kinds.js';
import { canManageTemplates, canReadTemplates } from '../documents.policy.js';
import { currentTemplates, type TemplateRow, templateVersions } from '../documents.repository.js';
import type { templateBody } from '../documents.schemas.js';
import { placeholdersOf } from '../template-fill.js';

export function presentTemplate(t: TemplateRow & { created_by_name?: string | null }) {
  return {
    kind: t.kind as DocumentKind,
    version: t.version,
    name: t.name,
    title: t.title,
    addressee: t.addressee,
    body: t.body,
    signature: t.signature,
    numberCode: t.number_code,
    hasSeal: t.has_seal,
    note: t.note,
    placeholders: placeholdersOf(t),
    createdAt: new Date(t.created_at).toISOString(),
    createdBy: t.created_by_name ?? null,
  };
}

/** The templates in use: for their editors and for staff who issue documents. */
export async function listTemplates(ctx: Ctx) {
  if (!canReadTemplates(ctx.actor)) throw new AppError('FORBIDDEN');
  const rows = await currentTemplates(ctx.db);
  return rows.map(presentTemplate);
}

export async function templateHistory(ctx: Ctx, kind: DocumentKind) {
  if (!canReadTemplates(ctx.actor)) throw new AppError('FORBIDDEN');
  const rows = await templateVersions(ctx.db, kind);
  if (rows.length === 0) throw new AppError('NOT_FOUND');
  return rows.map(presentTemplate);
}

/**
 * Saves an edit as the next version of the kind; documents already issued keep the version they
 * were rendered from. Two admins saving at once: the second insert collides on (kind, version)
 * and is told to reload (CASE_CONFLICT is the project's "someone changed it meanwhile").
 */
export async function saveTemplate(ctx: Ctx, kind: DocumentKind, b: z.infer<typeof templateBody>) {
  if (!canManageTemplates(ctx.actor)) throw new AppError('FORBIDDEN');
  return ctx.db.transaction().execute(async (trx) => {
    const history = await templateVersions(trx, kind);
    const current = history[0];
    if (!current) throw new AppError('NOT_FOUND');
    try {
      const row = await trx
        .insertInto('document_templates')
        .values({
          kind,
          version: current.version + 1,
          name: current.name,
          title: b.title,
          addressee: b.addressee || null,
          body: b.body,
          signature: b.signature || null,
          number_code: b.numberCode || null,
          has_seal: b.hasSeal,
          note: b.note || null,
          created_by: ctx.actor.userId,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return presentTemplate({ ...row, created_by_name: ctx.actor.displayName });
    } catch (err) {
      if ((err as { code?: string }).code === '23505')
        throw new AppError('CASE_CONFLICT', undefined, {
          zh: '模板刚被他人修改，请刷新后再保存',
          en: 'Someone else saved this template just now; reload and try again',
        });
      throw err;
    }
  });
}
