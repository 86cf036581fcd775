import ExcelJS from 'exceljs';
import { CHANNEL_LABELS, NATURE_LABELS } from '../../../../../common/src/cases.js';
import type { Ctx } from '../../../http/context.js';
import { AppError } from '../../../http/errors.js';
import { can } from '../../../policy/policy.js';
import { today } from '../../cases/case-clock.js';
import {
  EXAMPLE_PREFIX,
  IMPORT_CHANNELS,
  IMPORT_COLUMNS,
  IMPORT_MAX_BYTES,
  IMPORT_ROW_CAP,
  type ImportKey,
  RISK_SHORT,
} from '../ledger.columns.js';
import { activeLeafCategories } from '../ledger.repository.js';

export const TEMPLATE_SHEET = '台账';

const EXAMPLE: Record<ImportKey, string> = {
  ledgerNo: `${EXAMPLE_PREFIX}-001`,
  receivedOn: '2025-03-18',
  channel: CHANNEL_LABELS.visit.zh,
  name: '张三',
  idNumber: '110105195001011007',
  phone: '13812345678',
  partyAddress: '某某村3组',
  title: '村道路灯损坏无人修理',
  facts: '村口至学校路段三盏路灯损坏两个月，夜间出行不便。',
  demands: '尽快修复路灯',
  categoryCode: '0107',
  nature: NATURE_LABELS.claim.zh,
  risk: RISK_SHORT.green,
  riskReason: '',
  address: '某某村村口',
  personCount: '1',
  sourceRef: '',
};

/**
 * 台账导入模板: the header row and one example row (ignored on import), a notes sheet that says
 * what each column takes, and the category codes of the active set.
 */
export async function buildLedgerTemplate(ctx: Ctx): Promise<{ fileName: string; body: Buffer }> {
  if (!can(ctx.actor, 'case.intake')) throw new AppError('FORBIDDEN');
  const categories = await activeLeafCategories(ctx.db);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Laiban';

  const sheet = wb.addWorksheet(TEMPLATE_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = IMPORT_COLUMNS.map((c) => ({
    header: c.header,
    key: c.key,
    width: c.width,
    // Text cells keep leading zeros (category 0107) and all 18 digits of an ID number.
    style: { numFmt: '@' },
  }));
  const head = sheet.getRow(1);
  head.font = { bold: true };
  IMPORT_COLUMNS.forEach((c, i) => {
    const cell = head.getCell(i + 1);
    cell.note = c.note;
    if (c.required) cell.font = { bold: true, color: { argb: 'FFC8161D' } };
  });
  const example = sheet.addRow(EXAMPLE);
  example.font = { italic: true, color: { argb: 'FF8C8C8C' } };

  const notes = wb.addWorksheet('填写说明');
  notes.columns = [
    { header: '列名', key: 'header', width: 14 },
    { header: '是否必填', key: 'required', width: 10 },
    { header: '说明', key: 'note', width: 90 },
  ];
  notes.getRow(1).font = { bold: true };
  for (const c of IMPORT_COLUMNS)
    notes.addRow({ header: c.header, required: c.required ? '必填' : '选填', note: c.note });
  notes.addRow({});
  for (const line of [
    `第1行为列名，请勿修改；第2行为示例（原台账编号以“${EXAMPLE_PREFIX}”开头），导入时忽略，可删除。`,
    `每个文件最多${IMPORT_ROW_CAP}行、${IMPORT_MAX_BYTES / 1024 / 1024}MB。`,
    '导入前逐行检查：任何一行有误，整个文件都不导入，并列出每一行的问题；修改后重新导入即可。',
    '导入的事项登记在导入人所在单位名下，渠道和登记日期按原台账记录，法定期限自原登记日期起算。',
    '同一单位的同一原台账编号只导入一次：重复导入同一文件不会产生重复事项。',
    `渠道可填：${IMPORT_CHANNELS.map((c) => CHANNEL_LABELS[c].zh).join('、')}。`,
    `性质可填：${Object.values(NATURE_LABELS)
      .map((l) => l.zh)
      .join('、')}。`,
    `模板生成日期：${today()}。`,
  ]) {
    notes.addRow({ note: line });
  }

  const codes = wb.addWorksheet('分类代码');
  codes.columns = [
    { header: '类别代码', key: 'code', width: 10, style: { numFmt: '@' } },
    { header: '分类名称', key: 'name', width: 30 },
    { header: '所属大类', key: 'parent', width: 30 },
  ];
  codes.getRow(1).font = { bold: true };
  for (const c of categories)
    codes.addRow({ code: c.code, name: c.name, parent: `${c.parent_code} ${c.parent_name}` });

  const body = Buffer.from(await wb.xlsx.writeBuffer());
  return { fileName: '台账导入模板.xlsx', body };
}
