import type { ledgerZhCN } from './ledger.zh-CN';

/** English text of the ledger page. Same keys as the Chinese file (the type enforces it). */
export const ledgerEn: typeof ledgerZhCN = {
  title: 'Ledger',
  columnsButton: 'Columns',
  columnsTitle: 'Columns shown',
  columnsReset: 'Defaults',
  export: 'Export to Excel',
  exported: 'Ledger exported',
  import: 'Import legacy ledger',
  count: '{{count}} cases shown',
  countMore: '{{count}} cases shown, more available',
  loadMore: 'Load more',
  exportNote: 'Exports every case matching the filters (at most 50,000), ID numbers and phones masked.',
  columns: {
    caseNo: 'Case no.',
    receivedAt: 'Registered',
    channel: 'Channel',
    title: 'Title',
    category: 'Category',
    nature: 'Nature',
    risk: 'Risk',
    status: 'Status',
    ownerUnit: 'Handling unit',
    due: 'Deadline',
    persons: 'Persons',
  },
  importModal: {
    title: 'Import a legacy ledger',
    steps:
      '1. Download the template and fill it in as its notes sheet explains (at most 1,000 rows per file); 2. choose the filled file. Rows are imported only if every row is valid; one bad row and nothing is imported.',
    template: 'Download template',
    choose: 'Choose an Excel file and import',
    importing: 'Importing…',
    rowsInvalid:
      '{{count}} rows are invalid and nothing was imported. Correct them as listed and import again.',
    done: 'Import finished: {{imported}} new cases, {{already}} rows imported before and skipped.',
    nothingNew:
      'Nothing new: the {{already}} rows of this file were imported before and were not imported again.',
    row: 'Row',
    column: 'Column',
    message: 'Problem',
    wholeRow: 'Whole row',
    caseNo: 'Case no.',
    ledgerNo: 'Legacy no.',
    close: 'Close',
  },
};
