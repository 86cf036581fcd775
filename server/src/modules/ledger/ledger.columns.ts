/**
 * The columns of the ledger spreadsheets: what an export writes and what an import reads. Headers
 * are Chinese because the files go to Chinese offices and come back from their old ledgers.
 */
import {
  CHANNEL_LABELS,
  type Channel,
  NATURE_LABELS,
  RISK_COLOUR_LABELS,
} from '../../../../common/src/cases.js';

/** Export rows are capped: a bigger ledger is exported in parts by date range or unit. */
export const EXPORT_ROW_CAP = 50_000;

/** An import is one transaction: rows and bytes are bounded so it stays a short one. */
export const IMPORT_ROW_CAP = 1_000;
export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;

/** Rows whose legacy number starts with this are the template's example and are not imported. */
export const EXAMPLE_PREFIX = '示例';

export const EXPORT_COLUMNS = [
  { key: 'caseNo', header: '案件编号', width: 16 },
  { key: 'ledgerNo', header: '原台账编号', width: 14 },
  { key: 'receivedAt', header: '登记日期', width: 17 },
  { key: 'channel', header: '渠道', width: 12 },
  { key: 'petitioners', header: '信访人', width: 12 },
  { key: 'idNumbers', header: '身份证号', width: 21 },
  { key: 'phones', header: '联系电话', width: 14 },
  { key: 'personCount', header: '人数', width: 6 },
  { key: 'title', header: '标题', width: 30 },
  { key: 'facts', header: '事项经过', width: 40 },
  { key: 'demands', header: '诉求', width: 30 },
  { key: 'address', header: '事发地址', width: 24 },
  { key: 'category', header: '类别', width: 22 },
  { key: 'nature', header: '性质', width: 10 },
  { key: 'risk', header: '风险等级', width: 9 },
  { key: 'status', header: '状态', width: 12 },
  { key: 'firstUnit', header: '首办单位', width: 16 },
  { key: 'ownerUnit', header: '承办单位', width: 16 },
  { key: 'dueOn', header: '办理期限', width: 12 },
  { key: 'overdue', header: '是否超期', width: 9 },
  { key: 'closedOn', header: '办结日期', width: 12 },
] as const;
export type ExportKey = (typeof EXPORT_COLUMNS)[number]['key'];

/** Channels a ledger line may carry. 社区代理 needs the agent's own particulars: register those by hand. */
export const IMPORT_CHANNELS = (Object.keys(CHANNEL_LABELS) as Channel[]).filter((c) => c !== 'agent');

export const RISK_SHORT = { red: '红色', yellow: '黄色', green: '绿色' } as const;

export const IMPORT_COLUMNS = [
  {
    key: 'ledgerNo',
    header: '原台账编号',
    required: true,
    width: 14,
    note: '原台账中的编号，本单位内唯一；同一编号只导入一次，重复导入时跳过。以“示例”开头的行不导入。',
  },
  {
    key: 'receivedOn',
    header: '登记日期',
    required: true,
    width: 12,
    note: '原登记（收到）日期，格式 YYYY-MM-DD，不得晚于今天。办理期限自该日起算。',
  },
  {
    key: 'channel',
    header: '渠道',
    required: true,
    width: 12,
    note: `填写以下之一：${IMPORT_CHANNELS.map((c) => CHANNEL_LABELS[c].zh).join('、')}。社区代理事项请在系统中逐件登记。`,
  },
  { key: 'name', header: '信访人', required: true, width: 10, note: '信访人姓名。' },
  {
    key: 'idNumber',
    header: '身份证号',
    required: true,
    width: 21,
    note: '18位居民身份证号码（末位校验码须正确），也可填15位旧号码。请按文本格式填写。',
  },
  {
    key: 'phone',
    header: '联系电话',
    required: true,
    width: 14,
    note: '11位手机号或带区号的固定电话（如 0571-87654321）。',
  },
  { key: 'partyAddress', header: '住址', required: true, width: 20, note: '信访人住址。' },
  { key: 'title', header: '标题', required: true, width: 24, note: '事项标题，不超过100字。' },
  { key: 'facts', header: '事项经过', required: true, width: 36, note: '主要事实与经过，不超过5000字。' },
  { key: 'demands', header: '诉求', required: true, width: 24, note: '信访人的诉求，不超过2000字。' },
  {
    key: 'categoryCode',
    header: '类别代码',
    required: true,
    width: 10,
    note: '四位二级分类代码，见“分类代码”工作表。',
  },
  {
    key: 'nature',
    header: '性质',
    required: true,
    width: 10,
    note: `填写以下之一：${Object.values(NATURE_LABELS)
      .map((l) => l.zh)
      .join('、')}。`,
  },
  {
    key: 'risk',
    header: '风险等级',
    required: false,
    width: 9,
    note: `${Object.values(RISK_SHORT).join('、')}，不填为绿色。红色、黄色须填写风险说明。`,
  },
  { key: 'riskReason', header: '风险说明', required: false, width: 20, note: '红色、黄色风险的理由。' },
  {
    key: 'address',
    header: '事发地址',
    required: false,
    width: 20,
    note: '事项发生地，不填时取信访人住址。',
  },
  { key: 'personCount', header: '人数', required: false, width: 6, note: '涉及人数，不填为1。' },
  {
    key: 'sourceRef',
    header: '来文编号',
    required: false,
    width: 14,
    note: '渠道为“上级转交办”时必填：上级机关转交办文件的编号。',
  },
] as const;
export type ImportKey = (typeof IMPORT_COLUMNS)[number]['key'];

export const RISK_COLOUR_WORDS: Record<string, keyof typeof RISK_SHORT> = Object.fromEntries(
  (Object.keys(RISK_SHORT) as (keyof typeof RISK_SHORT)[]).flatMap((k) => [
    [k, k],
    [RISK_SHORT[k], k],
    [RISK_SHORT[k].slice(0, 1), k],
    [RISK_COLOUR_LABELS[k].zh, k],
  ]),
);
