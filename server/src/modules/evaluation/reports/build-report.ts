/**
 * 月报 and 季度通报 on demand: the figures of the record, laid out as XLSX or DOCX.
 */
import type { Ctx } from '../../../http/context.js';
import { bulletinData, monthlyReportData } from './report-data.js';
import { type ReportDocument, reportDocx, reportXlsx } from './report-files.js';
import {
  bulletinTitle,
  categoryTable,
  figureTables,
  monthlyTitle,
  notes,
  rankingTable,
  subUnitTable,
  summary,
} from './report-text.js';

export type ReportFormat = 'xlsx' | 'docx';

export interface BuiltReport {
  fileName: string;
  body: Buffer;
}

async function write(doc: ReportDocument, format: ReportFormat): Promise<BuiltReport> {
  return {
    fileName: `${doc.fileBase}.${format}`,
    body: format === 'xlsx' ? await reportXlsx(doc) : await reportDocx(doc),
  };
}

export async function buildMonthlyReport(
  ctx: Ctx,
  q: { unitId?: string | undefined; month: string; format: ReportFormat },
): Promise<BuiltReport> {
  const d = await monthlyReportData(ctx, q);
  const t = monthlyTitle(d);
  return write(
    {
      ...t,
      paragraphs: summary(d.figures, '本月'),
      tables: [...figureTables(d.figures, '本月'), subUnitTable(d), categoryTable(d.figures, '四、问题类别')],
      notes: notes(d.figures, d.generatedOn),
      issuer: d.unit.name,
      date: d.generatedOn,
    },
    q.format,
  );
}

export async function buildBulletin(
  ctx: Ctx,
  q: { year: number; quarter: 1 | 2 | 3 | 4; format: ReportFormat },
): Promise<BuiltReport> {
  const d = await bulletinData(ctx, q);
  const t = bulletinTitle(d);
  return write(
    {
      ...t,
      paragraphs: [
        ...summary(d.figures, '本季度全区'),
        '现将各乡镇（街道）和区直部门三率情况通报如下，排名按及时受理率，并列示按期办结率和群众满意率的名次；当期无到期事项的单位不参加该项排名。',
      ],
      tables: [
        rankingTable(d.towns, '一、乡镇（街道）三率排名'),
        rankingTable(d.departments, '二、区直部门三率排名'),
        ...figureTables(d.figures, '本季度').map((x, i) => ({
          ...x,
          title: x.title.replace(/^[一二]、/, i === 0 ? '三、全区' : '四、全区'),
        })),
        categoryTable(d.figures, '五、问题类别'),
      ],
      notes: notes(d.figures, d.generatedOn),
      issuer: d.district.name,
      date: d.generatedOn,
    },
    q.format,
  );
}
