import { z } from 'zod';
import { caseListQuery } from '../cases/cases.schemas.js';

/**
 * The ledger takes the case list's filters (so the page, its export and the queue agree on what a
 * filter means), without the paging and without the "my work" views: a ledger is everything in reach.
 */
export const ledgerFilters = caseListQuery.omit({
  sort: true,
  cursor: true,
  limit: true,
  mine: true,
  supervised: true,
});
export type LedgerFilters = z.infer<typeof ledgerFilters>;

export const rowError = z.object({
  /** The spreadsheet row number, as the user's spreadsheet program shows it. */
  row: z.number().int(),
  /** The column header, or null when the problem is the row as a whole. */
  column: z.string().nullable(),
  message: z.string(),
});
export type RowError = z.infer<typeof rowError>;

export const importResult = z.object({
  importId: z.uuid(),
  /** Data rows read (the template's example row and empty rows not counted). */
  rows: z.number().int(),
  imported: z.number().int(),
  alreadyImported: z.number().int(),
  cases: z.array(
    z.object({ row: z.number().int(), ledgerNo: z.string(), caseId: z.uuid(), caseNo: z.string() }),
  ),
});
export type ImportResult = z.infer<typeof importResult>;
