import crypto from 'node:crypto';
import ExcelJS from 'exceljs';
import { z } from 'zod';
import {
  CHANNEL_LABELS,
  type Channel,
  NATURE_LABELS,
  NATURES,
  type Nature,
} from '../../../../../common/src/cases.js';
import { FIELD_MESSAGES, type FieldMessageKey } from '../../../../../common/src/field-messages.js';
import type { Ctx } from '../../../http/context.js';
import { AppError } from '../../../http/errors.js';
import { can } from '../../../policy/policy.js';
import { recordAdminEvent } from '../../audit/admin-events.js';
import { today } from '../../cases/case-clock.js';
import { findUnit } from '../../cases/cases.repository.js';
import { type IntakeInput, intakeBody } from '../../cases/cases.schemas.js';
import { registerCase } from '../../cases/use-cases/register-case.js';
import {
  EXAMPLE_PREFIX,
  IMPORT_CHANNELS,
  IMPORT_COLUMNS,
  IMPORT_ROW_CAP,
  type ImportKey,
  RISK_COLOUR_WORDS,
} from '../ledger.columns.js';
import {
  activeLeafCategories,
  importedEntries,
  insertEntries,
  lockUnitLedger,
} from '../ledger.repository.js';
import type { ImportResult, RowError } from '../ledger.schemas.js';
import { TEMPLATE_SHEET } from './ledger-template.js';

const HEADER_OF = Object.fromEntries(IMPORT_COLUMNS.map((c) => [c.key, c.header])) as Record<
  ImportKey,
  string
>;
const KEY_OF = new Map<string, ImportKey>(IMPORT_COLUMNS.map((c) => [c.header, c.key]));

/** Where intake's field paths land in the spreadsheet. */
const COLUMN_OF_PATH: Record<string, ImportKey> = {
  channel: 'channel',
  receivedAt: 'receivedOn',
  petitioners: 'name',
  'petitioners.0.name': 'name',
  'petitioners.0.idNumber': 'idNumber',
  'petitioners.0.phone': 'phone',
  'petitioners.0.address': 'partyAddress',
  title: 'title',
  facts: 'facts',
  demands: 'demands',
  categoryCode: 'categoryCode',
  nature: 'nature',
  riskColour: 'risk',
  riskReason: 'riskReason',
  address: 'address',
  personCount: 'personCount',
  sourceRef: 'sourceRef',
};

const CHANNEL_WORDS = new Map<string, Channel>(
  IMPORT_CHANNELS.flatMap((c) => [
    [c, c],
    [CHANNEL_LABELS[c].zh, c],
  ]),
);
const NATURE_WORDS = new Map<string, Nature>([
  ...NATURES.flatMap((n): [string, Nature][] => [
    [n, n],
    [NATURE_LABELS[n].zh, n],
  ]),
  ['建议', 'suggestion'],
  ['意见', 'suggestion'],
  ['检举', 'accusation'],
  ['控告', 'accusation'],
  ['申诉', 'claim'],
  ['求决', 'claim'],
]);

interface ParsedRow {
  row: number;
  values: Record<ImportKey, string>;
  /** Columns whose cell held a number too long to keep every digit (an ID number typed as a number). */
  lossy: Set<ImportKey>;
}

const zhLocale = z.locales.zhCN().localeError;
const isFieldMessageKey = (m: string): m is FieldMessageKey => m in FIELD_MESSAGES;

function fileInvalid(message: string, details?: RowError[]): AppError {
  return new AppError('LEDGER_FILE_INVALID', details, { zh: message, en: 'The ledger file cannot be read' });
}

function excelSerialToDate(n: number): string {
  return new Date(Date.UTC(1899, 11, 30) + Math.round(n) * 86_400_000).toISOString().slice(0, 10);
}

function cellText(v: ExcelJS.CellValue): { text: string; lossy: boolean } {
  if (v === null || v === undefined) return { text: '', lossy: false };
  if (typeof v === 'string') return { text: v.trim(), lossy: false };
  if (typeof v === 'number')
    return { text: String(v), lossy: !Number.isSafeInteger(v) && Math.abs(v) > 1e15 };
  if (typeof v === 'boolean') return { text: String(v), lossy: false };
  // Excel dates are calendar dates without a zone; exceljs hands them over as UTC midnight.
  if (v instanceof Date) return { text: v.toISOString().slice(0, 10), lossy: false };
  if ('richText' in v)
    return {
      text: v.richText
        .map((t) => t.text)
        .join('')
        .trim(),
      lossy: false,
    };
  if ('result' in v) return cellText((v.result ?? null) as ExcelJS.CellValue);
  if ('text' in v) return { text: String(v.text).trim(), lossy: false };
  return { text: '', lossy: false };
}

/** Reads the workbook: the ledger sheet, its header row, and every non-empty data row. */
async function readRows(body: Buffer): Promise<ParsedRow[]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(body as unknown as ArrayBuffer);
  } catch {
    throw fileInvalid('文件不是有效的 Excel（.xlsx）文件，请使用台账导入模板');
  }
  const sheet = wb.getWorksheet(TEMPLATE_SHEET) ?? wb.worksheets[0];
  if (!sheet) throw fileInvalid('文件中没有工作表');
  const columnOf = new Map<ImportKey, number>();
  sheet.getRow(1).eachCell((cell, col) => {
    const key = KEY_OF.get(cellText(cell.value).text);
    if (key && !columnOf.has(key)) columnOf.set(key, col);
  });
  const missing = IMPORT_COLUMNS.filter((c) => c.required && !columnOf.has(c.key));
  if (missing.length) {
    throw fileInvalid(
      `第1行缺少列：${missing.map((c) => c.header).join('、')}，请使用台账导入模板`,
      missing.map((c) => ({ row: 1, column: c.header, message: '缺少此列' })),
    );
  }
  if (sheet.actualRowCount - 1 > IMPORT_ROW_CAP + 1) {
    throw fileInvalid(`每个文件最多导入${IMPORT_ROW_CAP}行，请分成多个文件导入`);
  }
  const rows: ParsedRow[] = [];
  sheet.eachRow((r, rowNo) => {
    if (rowNo === 1) return;
    const values = {} as Record<ImportKey, string>;
    const lossy = new Set<ImportKey>();
    for (const c of IMPORT_COLUMNS) {
      const col = columnOf.get(c.key);
      const raw = col ? r.getCell(col).value : null;
      const t = cellText(raw);
      values[c.key] = c.key === 'receivedOn' && typeof raw === 'number' ? excelSerialToDate(raw) : t.text;
      if (t.lossy) lossy.add(c.key);
    }
    if (Object.values(values).every((v) => v === '')) return;
    if (values.ledgerNo.startsWith(EXAMPLE_PREFIX)) return;
    rows.push({ row: rowNo, values, lossy });
  });
  if (rows.length > IMPORT_ROW_CAP)
    throw fileInvalid(`每个文件最多导入${IMPORT_ROW_CAP}行，请分成多个文件导入`);
  if (rows.length === 0) throw fileInvalid('文件中没有可导入的行（第2行起填写，示例行不导入）');
  return rows;
}

const DATE_TEXT = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/;

function parseDate(s: string): string | undefined {
  const m = DATE_TEXT.exec(s) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) return undefined;
  return dt.toISOString().slice(0, 10);
}

/**
 * One ledger line → an intake, or the problems of the line. The line goes through the same
 * schema as the intake form, so an imported case meets every rule a registered one does.
 */
function toIntake(
  r: ParsedRow,
  categories: Set<string>,
  asOf: string,
): { input: IntakeInput; errors: [] } | { input?: undefined; errors: RowError[] } {
  const v = r.values;
  const errors: RowError[] = [];
  const flagged = new Set<ImportKey>();
  const fail = (key: ImportKey, message: string) => {
    if (flagged.has(key)) return;
    flagged.add(key);
    errors.push({ row: r.row, column: HEADER_OF[key], message });
  };
  for (const c of IMPORT_COLUMNS) {
    if (c.required && !v[c.key]) fail(c.key, FIELD_MESSAGES.required.zh);
  }
  for (const key of r.lossy) fail(key, '数字过长已丢失末几位，请把该列设为文本格式后重新填写');

  const receivedOn = v.receivedOn ? parseDate(v.receivedOn) : undefined;
  if (v.receivedOn && !receivedOn) fail('receivedOn', FIELD_MESSAGES.dateFormat.zh);
  else if (receivedOn && receivedOn > asOf) fail('receivedOn', '登记日期不能晚于今天');
  else if (receivedOn && receivedOn < '1990-01-01') fail('receivedOn', '登记日期不能早于1990年');

  const channel = CHANNEL_WORDS.get(v.channel);
  if (v.channel && !channel) {
    fail(
      'channel',
      v.channel === CHANNEL_LABELS.agent.zh || v.channel === 'agent'
        ? '社区代理事项须登记代理人，请在系统中逐件登记'
        : `渠道应为：${IMPORT_CHANNELS.map((c) => CHANNEL_LABELS[c].zh).join('、')}`,
    );
  }
  const nature = NATURE_WORDS.get(v.nature);
  if (v.nature && !nature) {
    fail(
      'nature',
      `性质应为：${Object.values(NATURE_LABELS)
        .map((l) => l.zh)
        .join('、')}`,
    );
  }
  const riskColour = v.risk ? RISK_COLOUR_WORDS[v.risk] : 'green';
  if (!riskColour) fail('risk', '风险等级应为：红色、黄色、绿色');
  const personCount = v.personCount ? Number(v.personCount) : 1;
  if (!Number.isInteger(personCount) || personCount < 1 || personCount > 100_000) {
    fail('personCount', '人数应为1至100000之间的整数');
  }
  // A code typed into a number cell loses its leading zero (0107 → 107).
  const categoryCode = /^\d{1,4}$/.test(v.categoryCode) ? v.categoryCode.padStart(4, '0') : v.categoryCode;
  if (v.categoryCode && !categories.has(categoryCode)) fail('categoryCode', '类别代码不存在或已停用');

  const parsed = intakeBody.safeParse(
    {
      channel: channel ?? 'visit',
      receivedAt: `${receivedOn ?? asOf}T00:00:00+08:00`,
      sourceRef: v.sourceRef || undefined,
      petitioners: [
        {
          partyType: 'person',
          name: v.name,
          idNumber: v.idNumber,
          phone: v.phone.replace(/\s/g, ''),
          address: v.partyAddress || undefined,
        },
      ],
      personCount: Number.isInteger(personCount) ? personCount : 1,
      title: v.title,
      facts: v.facts,
      demands: v.demands,
      categoryCode,
      nature: nature ?? 'claim',
      riskColour: riskColour ?? 'green',
      riskReason: v.riskReason || undefined,
      address: v.address || v.partyAddress,
    },
    {
      error: (iss) => {
        const out = zhLocale(iss);
        return typeof out === 'string' ? out : out?.message;
      },
    },
  );
  if (!parsed.success) {
    for (const iss of parsed.error.issues) {
      const key = COLUMN_OF_PATH[iss.path.join('.')] ?? COLUMN_OF_PATH[String(iss.path[0])];
      const message = isFieldMessageKey(iss.message) ? FIELD_MESSAGES[iss.message].zh : iss.message;
      if (key) fail(key, message);
      else errors.push({ row: r.row, column: null, message });
    }
  }
  if (errors.length || !parsed.success) return { errors };
  return { input: parsed.data, errors: [] };
}

/**
 * 台账导入: a legacy ledger spreadsheet becomes cases of the importer's unit, all in one
 * transaction through the intake use case (parties encrypted, events chained, clocks started
 * from the legacy receipt date, the channel as the old ledger recorded it). Every line is checked
 * first; any bad line refuses the whole file, listing every bad line. Lines whose legacy number
 * the unit already imported are skipped, so importing a file twice creates nothing twice.
 */
export async function importLedger(ctx: Ctx, file: { name: string; body: Buffer }): Promise<ImportResult> {
  const { actor } = ctx;
  if (!can(actor, 'case.intake')) throw new AppError('FORBIDDEN');
  const unit = await findUnit(ctx.db, actor.unitId);
  if (!unit?.is_active || !can(actor, 'case.intake', { unitPath: unit.path }))
    throw new AppError('FORBIDDEN');

  const rows = await readRows(file.body);
  const asOf = today();
  const importId = crypto.randomUUID();
  const sha256 = crypto.createHash('sha256').update(file.body).digest('hex');

  return ctx.db.transaction().execute(async (trx) => {
    await lockUnitLedger(trx, unit.id);
    const done = new Map(
      (await importedEntries(trx, unit.id, rows.map((r) => r.values.ledgerNo).filter(Boolean))).map((e) => [
        e.ledger_no,
        e,
      ]),
    );
    const categories = new Set((await activeLeafCategories(trx)).map((c) => c.code));

    const errors: RowError[] = [];
    const firstRowOf = new Map<string, number>();
    const pending: { row: number; ledgerNo: string; input: IntakeInput }[] = [];
    let alreadyImported = 0;
    for (const r of rows) {
      const no = r.values.ledgerNo;
      const first = no ? firstRowOf.get(no) : undefined;
      if (first !== undefined) {
        errors.push({ row: r.row, column: HEADER_OF.ledgerNo, message: `与第${first}行的原台账编号重复` });
        continue;
      }
      if (no) firstRowOf.set(no, r.row);
      if (no.length > 64) {
        errors.push({ row: r.row, column: HEADER_OF.ledgerNo, message: '原台账编号不能超过64个字符' });
        continue;
      }
      if (done.has(no)) {
        alreadyImported++;
        continue;
      }
      const checked = toIntake(r, categories, asOf);
      if (checked.input) pending.push({ row: r.row, ledgerNo: no, input: checked.input });
      else errors.push(...checked.errors);
    }
    const refuse = () =>
      new AppError('LEDGER_ROWS_INVALID', errors, {
        zh: `有${new Set(errors.map((e) => e.row)).size}行内容有误，整个文件未导入，请修改后重新导入`,
        en: `${new Set(errors.map((e) => e.row)).size} rows are invalid; nothing was imported`,
      });
    if (errors.length) throw refuse();

    const inTrx: Ctx = { ...ctx, db: trx };
    const created: ImportResult['cases'] = [];
    for (const p of pending) {
      try {
        const r = await registerCase(inTrx, p.input, {
          provenance: { source: 'ledger_import', importId, ledgerNo: p.ledgerNo, row: p.row },
        });
        created.push({ row: p.row, ledgerNo: p.ledgerNo, caseId: r.caseId, caseNo: r.caseNo });
      } catch (err) {
        // Checks only intake itself can make (a discipline body to refer an accusation to) are
        // reported against the line like the others; the transaction still writes nothing.
        if (!(err instanceof AppError) || err.code !== 'VALIDATION_FAILED') throw err;
        for (const d of (err.details as { path: string; message: string }[] | undefined) ?? []) {
          const key = COLUMN_OF_PATH[d.path.replace(/^body\./, '')];
          errors.push({ row: p.row, column: key ? HEADER_OF[key] : null, message: d.message });
        }
      }
    }
    if (errors.length) throw refuse();

    await insertEntries(
      trx,
      created.map((c) => ({
        unit_id: unit.id,
        ledger_no: c.ledgerNo,
        case_id: c.caseId,
        import_id: importId,
        imported_by: actor.userId,
      })),
    );
    await recordAdminEvent(trx, {
      actor,
      type: 'ledger.imported',
      entityType: 'ledger',
      entityId: unit.id,
      payload: {
        importId,
        fileName: file.name,
        sha256,
        rows: rows.length,
        imported: created.length,
        alreadyImported,
      },
      requestId: ctx.requestId,
    });
    return { importId, rows: rows.length, imported: created.length, alreadyImported, cases: created };
  });
}
