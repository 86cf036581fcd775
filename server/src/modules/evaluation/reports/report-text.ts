/**
 * The words and tables of the 月报 and the 季度通报, shared by the XLSX and the DOCX writers so the
 * two files of one report say the same thing.
 */
import { COUNT_LABELS_ZH, COUNT_UNITS_ZH, RATE_LABELS_ZH } from '../../../../../common/src/evaluation.js';
import type { CountName, Figures } from '../evaluation.schemas.js';
import { RANKED_RATES, RATE_NAMES } from '../evaluation.schemas.js';
import type { Ratio } from '../metrics.js';
import type { BulletinData, MonthlyReportData } from './report-data.js';

export type Cell = string | number;
export interface TextTable {
  title: string;
  header: string[];
  rows: Cell[][];
}

const QUARTER_ZH = ['一', '二', '三', '四'] as const;

/** 2026年11月21日 */
export function chineseDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return `${y}年${m}月${d}日`;
}

export const percent = (r: Ratio | { rate: number | null }): string =>
  r.rate === null ? '—' : `${(r.rate * 100).toFixed(1)}%`;

/** A count's 环比/同比: relative change, or — when there was nothing to compare with. */
const relative = (c: { change: number | null }): string =>
  c.change === null ? '—' : `${c.change >= 0 ? '+' : ''}${(c.change * 100).toFixed(1)}%`;

/** A rate's 环比/同比: difference in percentage points. */
const points = (c: { change: number | null }): string =>
  c.change === null ? '—' : `${c.change >= 0 ? '+' : ''}${(c.change * 100).toFixed(1)}个百分点`;

const previousRate = (c: { previous: number | null }): string =>
  c.previous === null ? '—' : `${(c.previous * 100).toFixed(1)}%`;

const COUNT_ORDER: CountName[] = [
  'received',
  'matters',
  'visitBatches',
  'visitPersons',
  'groupVisits',
  'groupPersons',
  'repeats',
  'delivered',
];

/** 主要数量 and 主要指标 with 环比 and 同比. */
export function figureTables(f: Figures, periodName: string): TextTable[] {
  return [
    {
      title: '一、受理情况',
      header: ['项目', periodName, '上期', '环比', '去年同期', '同比'],
      rows: COUNT_ORDER.map((k) => [
        `${COUNT_LABELS_ZH[k]}（${COUNT_UNITS_ZH[k]}）`,
        f.counts[k],
        f.periodOnPeriod.counts[k].previous ?? '—',
        relative(f.periodOnPeriod.counts[k]),
        f.yearOnYear.counts[k].previous ?? '—',
        relative(f.yearOnYear.counts[k]),
      ]),
    },
    {
      title: '二、考核指标',
      header: ['指标', '分子', '分母', periodName, '上期', '环比', '去年同期', '同比'],
      rows: RATE_NAMES.map((k) => [
        RATE_LABELS_ZH[k],
        f.rates[k].numerator,
        f.rates[k].denominator,
        percent(f.rates[k]),
        previousRate(f.periodOnPeriod.rates[k]),
        points(f.periodOnPeriod.rates[k]),
        previousRate(f.yearOnYear.rates[k]),
        points(f.yearOnYear.rates[k]),
      ]),
    },
  ];
}

export function categoryTable(f: Figures, title: string): TextTable {
  return {
    title,
    header: ['问题类别', '件次', '占比'],
    rows: f.byCategory.map((c) => [c.name, c.received, percent(c.share)]),
  };
}

/** The opening paragraph: the main numbers in one sentence each. */
export function summary(f: Figures, periodName: string): string[] {
  const pop = f.periodOnPeriod.counts.received;
  const yoy = f.yearOnYear.counts.received;
  const trend = (c: { change: number | null }, name: string) =>
    c.change === null
      ? ''
      : `${name}${c.change >= 0 ? '上升' : '下降'}${Math.abs(c.change * 100).toFixed(1)}%`;
  const trends = [trend(pop, '环比'), trend(yoy, '同比')].filter(Boolean).join('，');
  return [
    `${periodName}共受理信访事项${f.counts.received}件次（${f.counts.matters}件）${trends ? `，${trends}` : ''}。` +
      `其中来访${f.counts.visitBatches}批${f.counts.visitPersons}人次，集体访${f.counts.groupVisits}批${f.counts.groupPersons}人次，重复信访${f.counts.repeats}件次。`,
    `及时受理率${percent(f.rates.timelyAcceptance)}，按期办结率${percent(f.rates.onTimeCompletion)}，` +
      `群众满意率${percent(f.rates.satisfaction)}（参评率${percent(f.rates.participation)}），` +
      `一次性化解率${percent(f.rates.oneTimeResolution)}，就地解决率${percent(f.rates.onTheSpot)}。`,
  ];
}

export function monthlyTitle(d: MonthlyReportData): { title: string; subtitle: string; fileBase: string } {
  const [y, m] = d.month.split('-').map(Number) as [number, number];
  return {
    title: `${d.unit.name}信访工作月报`,
    subtitle: `（${y}年${m}月${d.complete ? '' : `，截至${chineseDate(d.period.to)}`}）`,
    fileBase: `${d.unit.name}_信访工作月报_${d.month}`,
  };
}

export function subUnitTable(d: MonthlyReportData): TextTable {
  return {
    title: '三、下级单位情况',
    header: ['单位', '受理件次', '来访批次', '来访人次', ...RANKED_RATES.map((k) => RATE_LABELS_ZH[k])],
    rows: d.subUnits.map((s) => [
      s.unit.name,
      s.counts.received,
      s.counts.visit_batches,
      s.counts.visit_persons,
      ...RANKED_RATES.map((k) => percent(s.rates[k])),
    ]),
  };
}

export function bulletinTitle(d: BulletinData): { title: string; subtitle: string; fileBase: string } {
  return {
    title: `${d.district.name}信访工作季度通报`,
    subtitle: `（${d.year}年第${QUARTER_ZH[d.quarter - 1]}季度${d.complete ? '' : `，截至${chineseDate(d.period.to)}`}）`,
    fileBase: `${d.district.name}_信访工作季度通报_${d.year}Q${d.quarter}`,
  };
}

/** The towns or departments in the order of their 及时受理率, with their rank in each of the three rates. */
export function rankingTable(r: BulletinData['towns'], title: string): TextTable {
  const rank = (n: number | null) => (n === null ? '—' : n);
  return {
    title,
    header: [
      '单位',
      '受理件次',
      ...RANKED_RATES.flatMap((k) => [RATE_LABELS_ZH[k], `${RATE_LABELS_ZH[k].replace('率', '')}名次`]),
    ],
    rows: r.items.map((i) => [
      i.unit.name,
      i.received,
      ...RANKED_RATES.flatMap((k) => [percent(i.rates[k]), rank(i.ranks[k])]),
    ]),
  };
}

/** The notes every report ends with: where the figures come from and how they are defined. */
export function notes(f: Figures, generatedOn: string): string[] {
  return [
    `统计期间：${chineseDate(f.period.from)}至${chineseDate(f.period.to)}；上期：${chineseDate(f.previousPeriod.from)}至${chineseDate(f.previousPeriod.to)}；去年同期：${chineseDate(f.lastYearPeriod.from)}至${chineseDate(f.lastYearPeriod.to)}。`,
    `数据由系统根据办理记录自动统计，生成于${chineseDate(generatedOn)}；群众满意率中“基本满意”按 ${f.basicSatisfiedWeight} 计；各项指标的定义见 docs/METRICS.md。`,
  ];
}
