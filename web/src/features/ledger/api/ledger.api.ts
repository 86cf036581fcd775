import { uploadFile } from '../../../lib/api';
import { download } from '../../../lib/download';
import type { CaseListParams } from '../../cases/api/cases.api';

/** One problem of an imported ledger line (server: ledger.schemas.ts rowError). */
export interface LedgerRowError {
  row: number;
  column: string | null;
  message: string;
}

export interface LedgerImportResult {
  importId: string;
  rows: number;
  imported: number;
  alreadyImported: number;
  cases: { row: number; ledgerNo: string; caseId: string; caseNo: string }[];
}

/** The ledger's filters are the case list's, without paging and "my work" views. */
export type LedgerFilters = Omit<CaseListParams, 'sort' | 'limit' | 'mine' | 'supervised'>;

export const ledgerApi = {
  exportXlsx: (filters: LedgerFilters) =>
    download(
      '/api/ledger/export.xlsx',
      {
        ...filters,
        open: filters.open === undefined ? undefined : String(filters.open),
        overdue: filters.overdue ? 'true' : undefined,
      },
      'ledger.xlsx',
    ),
  template: () => download('/api/ledger/template.xlsx', {}, 'ledger-template.xlsx'),
  importFile: (file: File) => uploadFile<LedgerImportResult>('/api/ledger/import', file),
};
