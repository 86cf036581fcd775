import { CHANNELS, type Channel, DUE_COLOURS, type DueColour } from '../../../../../common/src/cases.js';
import type { CaseListParams } from '../api/cases.api';
import { STATUSES, type Status } from '../api/workflow';

export type QueueTab = 'todo' | 'all';

/** The queue's filters, as they stand in the URL (so a link or a saved view reproduces them). */
export interface QueueFilters {
  tab: QueueTab;
  status?: Status | undefined;
  channel?: Channel | undefined;
  categoryCode?: string | undefined;
  colour?: DueColour | undefined;
  receivedFrom?: string | undefined;
  receivedTo?: string | undefined;
  q?: string | undefined;
  supervised?: boolean | undefined;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const pickOf = <T extends string>(values: readonly T[], v: string | null): T | undefined =>
  v && (values as readonly string[]).includes(v) ? (v as T) : undefined;

export function filtersFromSearch(search: URLSearchParams): QueueFilters {
  const date = (k: string) => {
    const v = search.get(k);
    return v && DATE.test(v) ? v : undefined;
  };
  const category = search.get('category');
  return {
    tab: search.get('tab') === 'all' ? 'all' : 'todo',
    status: pickOf(STATUSES, search.get('status')),
    channel: pickOf(CHANNELS, search.get('channel')),
    categoryCode: category && /^\d{2}(\d{2})?$/.test(category) ? category : undefined,
    colour: pickOf(DUE_COLOURS, search.get('colour')),
    receivedFrom: date('from'),
    receivedTo: date('to'),
    q: search.get('q')?.trim() || undefined,
    supervised: search.get('supervised') === '1' || undefined,
  };
}

export function searchFromFilters(f: QueueFilters): URLSearchParams {
  const out = new URLSearchParams();
  if (f.tab === 'all') out.set('tab', 'all');
  if (f.status) out.set('status', f.status);
  if (f.channel) out.set('channel', f.channel);
  if (f.categoryCode) out.set('category', f.categoryCode);
  if (f.colour) out.set('colour', f.colour);
  if (f.receivedFrom) out.set('from', f.receivedFrom);
  if (f.receivedTo) out.set('to', f.receivedTo);
  if (f.q) out.set('q', f.q);
  if (f.supervised) out.set('supervised', '1');
  return out;
}

/** 我的待办: open matters, nearest deadline first. 全部事项: everything in reach, newest first. */
export function listParams(f: QueueFilters): CaseListParams {
  return {
    open: f.tab === 'todo' ? true : undefined,
    mine: f.tab === 'todo' ? true : undefined,
    supervised: f.supervised,
    sort: f.tab === 'todo' ? 'due' : 'received',
    status: f.status,
    channel: f.channel,
    categoryCode: f.categoryCode,
    colour: f.colour,
    receivedFrom: f.receivedFrom,
    receivedTo: f.receivedTo,
    q: f.q,
    limit: 20,
  };
}

export function hasFilters(f: QueueFilters): boolean {
  return !!(f.status || f.channel || f.categoryCode || f.colour || f.receivedFrom || f.receivedTo || f.q);
}

/** Saved views of the queue, per browser (nothing personal in them: filters only). */
export interface SavedFilter {
  name: string;
  search: string;
}
const STORAGE_KEY = 'laiban.cases.savedFilters';

export function loadSavedFilters(): SavedFilter[] {
  try {
    const raw = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '[]') as unknown;
    return Array.isArray(raw)
      ? raw.filter(
          (x): x is SavedFilter =>
            typeof x === 'object' && x !== null && typeof x.name === 'string' && typeof x.search === 'string',
        )
      : [];
  } catch {
    return [];
  }
}

export function storeSavedFilters(list: SavedFilter[]): void {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(list.slice(0, 20)));
  } catch {
    // Private mode or a full store: the views last for this page only.
  }
}
