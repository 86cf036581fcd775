import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import {
  CHANNEL_LABELS,
  type Channel,
  NATURE_LABELS,
  type Nature,
  type RiskColour,
} from '../../../../../common/src/cases.js';
import type { Ctx } from '../../../http/context.js';
import { AppError } from '../../../http/errors.js';
import { can } from '../../../policy/policy.js';
import { recordAdminEvent } from '../../audit/admin-events.js';
import { today } from '../../cases/case-clock.js';
import { type CaseFilters, listCases } from '../../cases/cases.repository.js';
import { STATUS_LABELS, type Status } from '../../cases/cases.workflow.js';
import { EXPORT_COLUMNS, EXPORT_ROW_CAP, type ExportKey, RISK_SHORT } from '../ledger.columns.js';
import { type LedgerRow, ledgerRowsOf } from '../ledger.repository.js';
import type { LedgerFilters } from '../ledger.schemas.js';

/** Cases fetched per round trip: large enough to keep the round trips few, small enough to stream. */
const PAGE = 1000;

const shanghaiMinute = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});
/** Dates are written as Beijing-time text: a spreadsheet cell has no time zone to get wrong. */
export const beijingTime = (d: Date) => shanghaiMinute.format(d);
const beijingDay = (d: Date) => beijingTime(d).slice(0, 10);

function cellsOf(r: LedgerRow, asOf: string): Record<ExportKey, string | number> {
  const parties = r.petitioners ?? [];
  const list = (pick: (p: (typeof parties)[number]) => string | null) =>
    parties
      .map(pick)
      .filter((x): x is string => !!x)
      .join('、');
  const due = r.is_open && r.due_on ? r.due_on : null;
  return {
    caseNo: r.case_no,
    ledgerNo: r.ledger_no ?? '',
    receivedAt: beijingTime(r.received_at),
    channel: CHANNEL_LABELS[r.channel as Channel]?.zh ?? r.channel,
    petitioners: list((p) => p.name),
    idNumbers: list((p) => p.id),
    phones: list((p) => p.phone),
    personCount: r.person_count,
    title: r.title,
    facts: r.facts,
    demands: r.demands,
    address: r.address,
    category: r.category_name ? `${r.category_code} ${r.category_name}` : r.category_code,
    nature: NATURE_LABELS[r.nature as Nature]?.zh ?? r.nature,
    risk: RISK_SHORT[r.risk_colour as RiskColour] ?? r.risk_colour,
    status: STATUS_LABELS[r.status as Status]?.zh ?? r.status,
    firstUnit: r.first_unit_name,
    ownerUnit: r.owner_unit_name,
    dueOn: due ?? '',
    overdue: due && due < asOf ? '是' : '否',
    closedOn: r.closed_at ? beijingDay(r.closed_at) : '',
  };
}

/** The filters in words, for the notes sheet: a printed ledger says what it is a ledger of. */
function describeFilters(f: LedgerFilters): string {
  const parts = Object.entries(f)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${String(v)}`);
  return parts.length ? parts.join('；') : '无（管辖范围内全部事项）';
}

export interface LedgerExport {
  fileName: string;
  stream: Readable;
  /** Settles when the workbook is written (and the export recorded), or the writing failed. */
  done: Promise<{ rows: number; truncated: boolean }>;
}

/**
 * 台账导出: every case in the actor's jurisdiction that matches the queue's filters, newest first,
 * as an XLSX streamed while it is written (at most EXPORT_ROW_CAP rows; the notes sheet says when
 * the cap cut it short). ID numbers and phones are the stored masked forms. The export is recorded
 * as an admin event with its filters and row count.
 */
export function startLedgerExport(ctx: Ctx, filters: LedgerFilters): LedgerExport {
  if (!can(ctx.actor, 'case.read')) throw new AppError('FORBIDDEN');
  const asOf = today();
  const stream = new PassThrough();
  const done = writeLedger(ctx, filters, stream, asOf);
  return { fileName: `台账_${asOf.replaceAll('-', '')}.xlsx`, stream, done };
}

async function writeLedger(ctx: Ctx, filters: LedgerFilters, out: PassThrough, asOf: string) {
  const { open, overdue, ...rest } = filters;
  const f: CaseFilters = {
    ...rest,
    open: open === undefined ? undefined : open === 'true',
    overdue: overdue === 'true',
  };
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  wb.creator = 'Laiban';
  const sheet = wb.addWorksheet('台账', { views: [{ state: 'frozen', ySplit: 1 }] });
  const notes = wb.addWorksheet('说明');
  sheet.columns = EXPORT_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  const head = sheet.getRow(1);
  head.font = { bold: true };
  head.commit();

  let rows = 0;
  let truncated = false;
  let cursor: string | undefined;
  for (;;) {
    const page = await listCases(
      ctx.db,
      ctx.actor,
      f,
      { sort: 'received', cursor, limit: Math.min(PAGE, EXPORT_ROW_CAP - rows) },
      asOf,
    );
    const details = new Map(
      (
        await ledgerRowsOf(
          ctx.db,
          page.items.map((i) => i.id),
        )
      ).map((d) => [d.id, d]),
    );
    for (const item of page.items) {
      const d = details.get(item.id);
      if (!d) continue;
      sheet.addRow(cellsOf(d, asOf)).commit();
      rows++;
    }
    if (!page.nextCursor) break;
    if (rows >= EXPORT_ROW_CAP) {
      truncated = true;
      break;
    }
    cursor = page.nextCursor;
  }
  sheet.commit();

  notes.columns = [
    { header: '项目', key: 'k', width: 14 },
    { header: '内容', key: 'v', width: 70 },
  ];
  notes.addRow({ k: '导出时间', v: beijingTime(new Date()) });
  notes.addRow({ k: '筛选条件', v: describeFilters(filters) });
  notes.addRow({ k: '事项数', v: rows });
  notes.addRow({
    k: '说明',
    v: truncated
      ? `事项超过${EXPORT_ROW_CAP}件，仅导出最近登记的${EXPORT_ROW_CAP}件，请按登记日期或单位分批导出。`
      : '身份证号、联系电话为脱敏显示；日期为北京时间。',
  });
  notes.commit();
  await wb.commit();

  await recordAdminEvent(ctx.db, {
    actor: ctx.actor,
    type: 'ledger.exported',
    entityType: 'ledger',
    entityId: ctx.actor.unitId,
    payload: { filters, rows, truncated },
    requestId: ctx.requestId,
  });
  return { rows, truncated };
}
