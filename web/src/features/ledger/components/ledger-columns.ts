/** The ledger table's columns a user may show or hide; the choice is kept per browser. */
export const LEDGER_COLUMNS = [
  'caseNo',
  'receivedAt',
  'channel',
  'title',
  'category',
  'nature',
  'risk',
  'status',
  'ownerUnit',
  'due',
  'persons',
] as const;
export type LedgerColumn = (typeof LEDGER_COLUMNS)[number];

/** Always shown: a row without its number cannot be opened or found again. */
export const FIXED_COLUMNS: readonly LedgerColumn[] = ['caseNo'];
export const DEFAULT_COLUMNS: readonly LedgerColumn[] = LEDGER_COLUMNS.filter((c) => c !== 'nature');

const STORAGE_KEY = 'laiban.ledger.columns';

export function loadColumns(): LedgerColumn[] {
  try {
    const raw = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as unknown;
    if (!Array.isArray(raw)) return [...DEFAULT_COLUMNS];
    const known = LEDGER_COLUMNS.filter((c) => raw.includes(c) || FIXED_COLUMNS.includes(c));
    return known.length > FIXED_COLUMNS.length ? known : [...DEFAULT_COLUMNS];
  } catch {
    return [...DEFAULT_COLUMNS];
  }
}

export function storeColumns(columns: LedgerColumn[]): void {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(columns));
  } catch {
    // Private mode or a full store: the choice lasts for this page only.
  }
}
