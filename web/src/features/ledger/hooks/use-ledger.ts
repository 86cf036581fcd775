import { useMutation, useQueryClient } from '@tanstack/react-query';
import { notifyError } from '../../../app/feedback';
import { isApiError } from '../../../lib/api';
import { caseKeys } from '../../cases/hooks/use-cases';
import { type LedgerFilters, type LedgerRowError, ledgerApi } from '../api/ledger.api';

export function useLedgerExport() {
  return useMutation({ mutationFn: (filters: LedgerFilters) => ledgerApi.exportXlsx(filters) });
}

export function useLedgerTemplate() {
  return useMutation({ mutationFn: () => ledgerApi.template() });
}

/** The bad lines of a refused import, or undefined when the failure was something else. */
export function rowErrorsOf(err: unknown): LedgerRowError[] | undefined {
  if (!isApiError(err) || (err.code !== 'LEDGER_ROWS_INVALID' && err.code !== 'LEDGER_FILE_INVALID'))
    return undefined;
  return Array.isArray(err.details) ? (err.details as LedgerRowError[]) : [];
}

/** Imported cases join the queue and the ledger at once. Bad lines are shown by the modal, not as a toast. */
export function useLedgerImport() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => ledgerApi.importFile(file),
    meta: { silent: true },
    onError: (err) => {
      if (!rowErrorsOf(err)) notifyError(err);
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: caseKeys.all }),
  });
}
