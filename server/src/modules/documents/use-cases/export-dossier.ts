import { createHash } from 'node:crypto';
import { PassThrough, type Readable } from 'node:stream';
import archiver from 'archiver';
import type { Ctx } from '../../../http/context.js';
import { AppError } from '../../../http/errors.js';
import { shanghaiDate } from '../../calendar/iso-date.js';
import { caseUnitsOf, findCaseInScope } from '../../cases/cases.repository.js';
import { COMMANDS } from '../../cases/cases.workflow.js';
import { policyView } from '../../cases/use-cases/run-command.js';
import { chineseDate, redactFields } from '../case-fields.js';
import { REDACTED } from '../document-kinds.js';
import { documentStorage } from '../document-storage.js';
import { mayExportDossier, mayExportFull } from '../documents.policy.js';
import { type DocumentRow, documentsOf } from '../documents.repository.js';
import { renderDocumentDocx, renderTableDocx } from '../docx-render.js';
import { fillTemplate } from '../template-fill.js';

/** Event names for the 办理过程记录 beyond the commands' own labels. */
const EVENT_LABELS: Record<string, string> = {
  ...Object.fromEntries(Object.values(COMMANDS).map((c) => [c.event, c.labelZh])),
  'case.registered': '登记',
  'case.received': '接收',
  'case.received_by_transfer': '接收转送',
  'case.attachment_added': '补充附件',
  'case.document_issued': '出具文书',
  'case.extended': '延期',
  'case.whistle_blown': '吹哨报到',
  'case.leader_attached': '领导包案',
  'case.progress_reported': '报告进展',
  'case.receipt_confirmed': '确认收悉',
  'case.supervision_raised': '督办',
  'case.supervision_replied': '督办回复',
  'case.assignment_reported': '报到',
  'case.assignment_feedback': '反馈办理情况',
  'case.satisfaction_rated': '满意度评价',
  'case.opinion_delivered': '送达意见',
};

/** Characters Windows and common unzip tools refuse in file names. */
const safeName = (s: string) => s.replace(/[\\/:*?"<>|\r\n]+/g, '_').slice(0, 80);

export interface DossierItem {
  no: number;
  kind: 'document' | 'attachment' | 'timeline';
  file: string | null;
  title: string;
  docNo: string | null;
  responsible: string;
  date: string;
  sha256: string | null;
  note: string;
}

export interface Dossier {
  fileName: string;
  stream: Readable;
  /** Resolves when the archive is fully written (rejects if it fails midway). */
  done: Promise<void>;
  redacted: boolean;
}

type Entry =
  | { at: Date; kind: 'document'; doc: DocumentRow }
  | {
      at: Date;
      kind: 'attachment';
      att: {
        id: string;
        original_name: string;
        storage_key: string | null;
        sha256: string | null;
        video_url: string | null;
        kind: string;
      };
    };

/**
 * 案卷: one ZIP per case with, in archive order, the 卷内目录 (table of contents, DOCX), every issued
 * document and attachment in the order they came into the record, and the 办理过程记录 (timeline,
 * DOCX, with the event hash chain as JSON in the full copy), plus manifest.json with each file's
 * sha256.
 *
 * The copy for other units of an accusation (检举控告) has the reporter's identity removed: documents
 * are rendered again from their stored fields with the identity fields replaced, attachments (which
 * carry the reporter's own materials) are listed but not included, and the timeline has no payloads.
 * Those who may not unmask personal data get that copy whatever they ask for. Every export is
 * recorded in personal_data_access.
 */
export async function exportDossier(
  ctx: Ctx,
  caseId: string,
  opts: { copy: 'full' | 'other_units' },
): Promise<Dossier> {
  const c = await findCaseInScope(ctx.db, ctx.actor, caseId);
  if (!c) throw new AppError('NOT_FOUND');
  const units = await caseUnitsOf(ctx.db, c.id);
  if (
    !mayExportDossier(
      ctx.actor,
      units.map((u) => u.unit_path),
    )
  )
    throw new AppError('FORBIDDEN');
  const isAccusation = c.nature === 'accusation';
  const redacted =
    isAccusation &&
    (opts.copy === 'other_units' || !mayExportFull(ctx.actor, { ...policyView(c, null), nature: c.nature }));

  const docs = await documentsOf(ctx.db, c.id);
  const atts = await ctx.db
    .selectFrom('case_attachments')
    .select(['id', 'original_name', 'storage_key', 'sha256', 'video_url', 'kind', 'uploaded_at'])
    .where('case_id', '=', c.id)
    .orderBy('uploaded_at')
    .execute();
  const events = await ctx.db
    .selectFrom('case_events as e')
    .leftJoin('org_units as u', 'u.id', 'e.actor_unit_id')
    .select(['e.seq', 'e.type', 'e.at', 'e.payload', 'e.hash', 'e.prev_hash', 'u.name as unit_name'])
    .where('e.case_id', '=', c.id)
    .orderBy('e.seq')
    .execute();
  const templates = await ctx.db.selectFrom('document_templates').selectAll().execute();
  const templateOf = (kind: string, version: number) =>
    templates.find((t) => t.kind === kind && t.version === version);

  const entries: Entry[] = [
    ...docs.map((doc) => ({ at: new Date(doc.issued_at), kind: 'document' as const, doc })),
    ...atts.map((att) => ({ at: new Date(att.uploaded_at), kind: 'attachment' as const, att })),
  ].sort((a, b) => a.at.getTime() - b.at.getTime());

  await ctx.db
    .insertInto('personal_data_access')
    .values({
      user_id: ctx.actor.userId,
      unit_id: ctx.actor.unitId,
      case_id: c.id,
      action: 'export',
      fields: [redacted ? 'dossier:other_units' : 'dossier:full'],
      ip: ctx.ip ?? null,
    })
    .execute();

  const storage = documentStorage(ctx.config);
  const zip = archiver('zip', { zlib: { level: 6 } });
  const out = new PassThrough();
  zip.pipe(out);
  const items: DossierItem[] = [];
  const manifest: { file: string; sha256: string; size: number }[] = [];
  const addBuffer = (name: string, body: Buffer) => {
    manifest.push({ file: name, sha256: createHash('sha256').update(body).digest('hex'), size: body.length });
    zip.append(body, { name });
  };
  const pad = (n: number) => String(n).padStart(2, '0');

  const done = (async () => {
    // Item 0 is the table of contents itself; the contents follow from 01.
    let no = 0;
    const bodies: { name: string; body: Buffer | null; key?: string }[] = [];
    for (const e of entries) {
      no += 1;
      if (e.kind === 'document') {
        const d = e.doc;
        const name = `${pad(no)} ${safeName(d.title)}${d.version > 1 ? `（第${d.version}版）` : ''}.docx`;
        let body: Buffer | null = null;
        const t = templateOf(d.kind, d.template_version);
        if (redacted && t) {
          const fields = redactFields(d.fields as Record<string, string>);
          body = await renderDocumentDocx({
            doc: fillTemplate(t, fields),
            docNo: d.doc_no,
            date: chineseDate(d.issued_on) ?? d.issued_on,
            hasSeal: t.has_seal,
          });
        }
        bodies.push({ name, body, key: body ? undefined : d.storage_key });
        items.push({
          no,
          kind: 'document',
          file: name,
          title: d.title,
          docNo: d.doc_no,
          responsible: d.issuing_unit_name,
          date: d.issued_on,
          sha256: redacted ? null : d.sha256,
          note: [d.version > 1 ? `第${d.version}版` : '', redacted ? '副本，已隐去检举人身份' : '']
            .filter(Boolean)
            .join('；'),
        });
      } else {
        const a = e.att;
        const date = shanghaiDate(e.at);
        const included = !redacted && !!a.storage_key;
        const name = included ? `${pad(no)} 附件 ${safeName(a.original_name)}` : null;
        if (included && name) bodies.push({ name, body: null, key: a.storage_key ?? undefined });
        items.push({
          no,
          kind: 'attachment',
          file: name,
          title:
            a.kind === 'video_reference' ? `录像（存放于 ${a.video_url ?? ''}）` : `附件：${a.original_name}`,
          docNo: null,
          responsible: '',
          date,
          sha256: included ? a.sha256 : null,
          note: redacted ? '可能含检举人身份信息，未随本副本提供' : a.storage_key ? '' : '录像另行存放',
        });
      }
    }
    no += 1;
    const timelineName = `${pad(no)} 办理过程记录.docx`;
    items.push({
      no,
      kind: 'timeline',
      file: timelineName,
      title: '办理过程记录',
      docNo: null,
      responsible: '',
      date: shanghaiDate(new Date()),
      sha256: null,
      note: redacted
        ? `共${events.length}条，不含事件内容`
        : `共${events.length}条，哈希链见办理过程记录.json`,
    });

    // 卷内目录 first, then the items in order.
    addBuffer(
      '00 卷内目录.docx',
      await renderTableDocx({
        title: '卷内目录',
        subtitle: `信访事项编号：${c.case_no}　　${c.title}`,
        columns: [
          { header: '序号', width: 9 },
          { header: '文号', width: 22 },
          { header: '责任者', width: 16 },
          { header: '题名', width: 30 },
          { header: '日期', width: 14 },
          { header: '备注', width: 19 },
        ],
        rows: items.map((i) => [
          String(i.no),
          i.docNo ?? '',
          i.responsible,
          i.title,
          i.date.replaceAll('-', ''),
          i.note,
        ]),
        footnote: redacted ? `本副本供其他单位使用，${REDACTED}。` : undefined,
      }),
    );
    for (const b of bodies) {
      if (b.body) {
        addBuffer(b.name, b.body);
      } else if (b.key) {
        const chunks: Buffer[] = [];
        for await (const chunk of await storage.get(b.key)) chunks.push(chunk as Buffer);
        addBuffer(b.name, Buffer.concat(chunks));
      }
    }
    addBuffer(
      timelineName,
      await renderTableDocx({
        title: '办理过程记录',
        subtitle: `信访事项编号：${c.case_no}`,
        columns: [
          { header: '序号', width: 6 },
          { header: '时间', width: 22 },
          { header: '事项', width: 22 },
          { header: '单位', width: 22 },
          { header: '说明', width: 28 },
        ],
        rows: events.map((e) => [
          String(e.seq),
          e.at.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }),
          EVENT_LABELS[e.type] ?? e.type,
          e.unit_name ?? '系统',
          redacted ? '' : eventNote(e.type, e.payload),
        ]),
      }),
    );
    if (!redacted) {
      addBuffer(
        '办理过程记录.json',
        Buffer.from(
          JSON.stringify(
            events.map((e) => ({
              seq: e.seq,
              type: e.type,
              at: e.at,
              payload: e.payload,
              prevHash: e.prev_hash,
              hash: e.hash,
            })),
            null,
            2,
          ),
        ),
      );
    }
    zip.append(
      Buffer.from(
        JSON.stringify(
          { caseNo: c.case_no, copy: redacted ? 'other_units' : 'full', items, files: manifest },
          null,
          2,
        ),
      ),
      { name: 'manifest.json' },
    );
    await zip.finalize();
  })();
  done.catch((err: unknown) => {
    zip.abort();
    out.destroy(err instanceof Error ? err : new Error(String(err)));
  });

  return {
    fileName: `${c.case_no}-案卷${redacted ? '（副本）' : ''}.zip`,
    stream: out,
    done,
    redacted,
  };
}

/** One short line for the timeline table: the reason, the document, the note of the event. */
function eventNote(type: string, payload: unknown): string {
  const p = (payload ?? {}) as Record<string, unknown>;
  if (type === 'case.document_issued') return [p.title, p.docNo].filter(Boolean).join(' ');
  if (type === 'case.attachment_added') return String(p.name ?? p.url ?? '');
  const text = p.reason ?? p.note ?? p.opinion ?? p.text ?? '';
  return typeof text === 'string' ? text.slice(0, 120) : '';
}
