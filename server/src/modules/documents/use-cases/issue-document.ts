import type { Config } from '../../../config.js';
import type { Conn, Trx } from '../../../db/database.js';
import type { Ctx } from '../../../http/context.js';
import { AppError } from '../../../http/errors.js';
import type { Actor } from '../../../policy/actor.js';
import { newAttachmentKey } from '../../attachments/storage.js';
import { today } from '../../cases/case-clock.js';
import { appendEvent } from '../../cases/case-events.js';
import { type CaseRow, findCaseInScope, lockCaseInScope } from '../../cases/cases.repository.js';
import { policyView } from '../../cases/use-cases/run-command.js';
import { caseFields, chineseDate } from '../case-fields.js';
import {
  type DocumentKind,
  FORWARDED_KINDS,
  IDENTITY_FIELDS,
  KIND_SPECS,
  REDACTED,
} from '../document-kinds.js';
import { documentStorage } from '../document-storage.js';
import { canIssue } from '../documents.policy.js';
import {
  allocateNumber,
  currentTemplate,
  nextDocumentVersion,
  type TemplateRow,
} from '../documents.repository.js';
import { renderDocumentDocx } from '../docx-render.js';
import { fillTemplate, missingFields, placeholdersOf } from '../template-fill.js';

export interface IssueInput {
  caseId: string;
  kind: DocumentKind;
  /** Values for the template's placeholders; they override what the case record gives. */
  fields: Record<string, string>;
}

async function templateOf(conn: Conn, kind: DocumentKind): Promise<TemplateRow> {
  const t = await currentTemplate(conn, kind);
  if (!t) throw new AppError('NOT_FOUND');
  return t;
}

/**
 * The document is only issued once the case reached the step it reports (第23条 notice after 受理 …).
 * Returns the path of the unit that took that step (it may issue the document), or null for
 * documents without a step.
 */
async function checkApplicable(conn: Conn, c: CaseRow, kind: DocumentKind): Promise<string | null> {
  const requires = KIND_SPECS[kind].requires;
  if (!requires) return null;
  const hit = await conn
    .selectFrom('case_events as e')
    .leftJoin('org_units as u', 'u.id', 'e.actor_unit_id')
    .select(['e.seq', 'u.path'])
    .where('e.case_id', '=', c.id)
    .where('e.type', 'in', requires)
    .orderBy('e.seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!hit) throw new AppError('DOCUMENT_NOT_APPLICABLE', { kind, requires });
  return hit.path ?? null;
}

/** The 文号 series prefix: the unit's short name (or name) and the template's series word. */
function docNumber(
  unit: { name: string; short_name: string | null },
  code: string,
  year: number,
  n: number,
): string {
  return `${unit.short_name ?? unit.name}${code}〔${year}〕${n}号`;
}

export interface Draft {
  kind: DocumentKind;
  name: string;
  templateVersion: number;
  placeholders: string[];
  fields: Record<string, string>;
  missing: string[];
  applicable: boolean;
}

/** What the issue dialog shows: the fields the case record gives and those still to fill in. */
export async function draftDocument(ctx: Ctx, caseId: string, kind: DocumentKind): Promise<Draft> {
  const c = await findCaseInScope(ctx.db, ctx.actor, caseId);
  if (!c) throw new AppError('NOT_FOUND');
  const t = await templateOf(ctx.db, kind);
  const fields = await caseFields(ctx.db, ctx.actor, c, kind);
  const applicable = await checkApplicable(ctx.db, c, kind).then(
    () => true,
    () => false,
  );
  return {
    kind,
    name: t.name,
    templateVersion: t.version,
    placeholders: placeholdersOf(t),
    fields,
    missing: missingFields(t, fields),
    applicable,
  };
}

export interface IssuedDocument {
  id: string;
  kind: DocumentKind;
  version: number;
  docNo: string | null;
  title: string;
  sha256: string;
  size: number;
  issuedOn: string;
}

/**
 * Issues a document for a case inside the caller's transaction: locks the case row, checks scope
 * (404), rights (403) and that the case reached the step, allocates the 文号, renders the DOCX,
 * stores it immutably with its sha256, and appends `case.document_issued` to the case's hash chain
 * so it shows in the timeline. Issuing the same kind again makes the next version; nothing is
 * overwritten. The case version is not bumped: a document does not change what a clerk decides on.
 */
export async function issueDocument(
  trx: Trx,
  deps: { config: Config; actor: Actor },
  input: IssueInput,
): Promise<IssuedDocument> {
  const { actor, config } = deps;
  const c = await lockCaseInScope(trx, actor, input.caseId);
  if (c.status === 'archived') throw new AppError('INVALID_TRANSITION', { status: c.status, allowed: [] });
  const deciderPath = await checkApplicable(trx, c, input.kind).catch((err: unknown) => {
    // Without the right to issue on this case, say so before saying the step is not reached.
    if (!canIssue(actor, input.kind, policyView(c, null))) throw new AppError('FORBIDDEN');
    throw err;
  });
  if (!canIssue(actor, input.kind, policyView(c, null), deciderPath)) throw new AppError('FORBIDDEN');
  const t = await templateOf(trx, input.kind);
  // A blank value in the request is "not filled in": the record's value (or the gap) stands.
  const given = Object.fromEntries(Object.entries(input.fields).filter(([, v]) => v.trim() !== ''));
  const fields = { ...(await caseFields(trx, actor, c, input.kind)), ...given };
  // 第30条: papers that go to other units about an accusation never name the reporter.
  if (c.nature === 'accusation' && FORWARDED_KINDS.includes(input.kind)) {
    for (const k of IDENTITY_FIELDS) if (k in fields) fields[k] = REDACTED;
  }
  const missing = missingFields(t, fields);
  if (missing.length > 0) {
    throw new AppError(
      'VALIDATION_FAILED',
      missing.map((m) => ({ path: `fields.${m}`, message: `请填写“${m}”` })),
    );
  }
  const unitRow = await trx
    .selectFrom('org_units')
    .select(['name', 'short_name'])
    .where('id', '=', actor.unitId)
    .executeTakeFirstOrThrow();
  const issuedOn = today();
  const year = Number(issuedOn.slice(0, 4));
  const docNo = t.number_code
    ? docNumber(unitRow, t.number_code, year, await allocateNumber(trx, actor.unitId, year, t.number_code))
    : null;
  const filled = fillTemplate(t, fields);
  const bytes = await renderDocumentDocx({
    doc: filled,
    docNo,
    date: chineseDate(issuedOn) ?? issuedOn,
    hasSeal: t.has_seal,
  });
  const key = newAttachmentKey();
  const stored = await documentStorage(config).put(key, bytes);
  const version = await nextDocumentVersion(trx, c.id, input.kind);
  const row = await trx
    .insertInto('case_documents')
    .values({
      case_id: c.id,
      kind: input.kind,
      version,
      doc_no: docNo,
      title: filled.title,
      template_version: t.version,
      fields: JSON.stringify(fields),
      issuing_unit_id: actor.unitId,
      issued_on: issuedOn,
      storage_key: key,
      size: stored.size,
      sha256: stored.sha256,
      issued_by: actor.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const head = await appendEvent(
    trx,
    config.auditHash,
    { caseId: c.id, chainSeq: c.chain_seq, chainHash: c.chain_hash },
    {
      type: 'case.document_issued',
      actorId: actor.userId,
      actorUnitId: actor.unitId,
      fromStatus: c.status,
      toStatus: c.status,
      payload: {
        documentId: row.id,
        kind: input.kind,
        name: t.name,
        title: filled.title,
        version,
        docNo,
        sha256: stored.sha256,
      },
    },
  );
  await trx
    .updateTable('cases')
    .set({ chain_seq: head.seq, chain_hash: head.hash, updated_at: new Date() })
    .where('id', '=', c.id)
    .execute();
  return {
    id: row.id,
    kind: input.kind,
    version,
    docNo,
    title: filled.title,
    sha256: stored.sha256,
    size: stored.size,
    issuedOn,
  };
}

/** The HTTP entry: one transaction around `issueDocument`. */
export function issueDocumentFor(ctx: Ctx, input: IssueInput): Promise<IssuedDocument> {
  return ctx.db
    .transaction()
    .execute((trx) => issueDocument(trx, { config: ctx.config, actor: ctx.actor }, input));
}
