import { api } from '../../../lib/api';

export interface Segment {
  text: string;
  hit: boolean;
}

export interface SearchHit {
  id: string;
  caseNo: string;
  title: string;
  status: string;
  isOpen: boolean;
  channel: string;
  categoryCode: string;
  riskColour: string;
  receivedAt: string;
  ownerUnit: { id: string; name: string };
  address: string;
  score: number;
  highlights: { title: Segment[]; field: 'facts' | 'demands' | 'address' | 'opinion'; snippet: Segment[] };
}

export interface SearchResult {
  items: SearchHit[];
  total: number;
  totalCap: number;
  page: number;
  pageSize: number;
  terms: string[];
  tookMs: number;
}

export interface SearchParams {
  q: string;
  open?: 'true' | 'false';
  categoryCode?: string;
  channel?: string;
  from?: string;
  to?: string;
  sort?: 'relevance' | 'date';
  page?: number;
  pageSize?: number;
}

export type CandidateReason =
  | { code: 'same_person' }
  | { code: 'same_address'; score: number }
  | { code: 'similar_text'; score: number }
  | { code: 'terminated_same_facts' };

export interface DuplicateCandidate {
  id: string;
  caseNo: string;
  title: string;
  status: string;
  isOpen: boolean;
  isTerminated: boolean;
  receivedAt: string;
  ownerUnit: { id: string; name: string };
  address: string;
  score: number;
  reasons: CandidateReason[];
  canLinkAsRepeat: boolean;
  canCiteTerminated: boolean;
}

export interface DuplicateProbe {
  persons: { idNumber?: string; phone?: string }[];
  title: string;
  facts: string;
  demands: string;
  address: string;
  categoryCode?: string;
}

export const searchApi = {
  search: (p: SearchParams, signal?: AbortSignal) =>
    api<SearchResult>('/api/search/cases', {
      query: Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined && v !== '')) as Record<
        string,
        string
      >,
      signal,
    }),
  // POST: ID numbers and phones travel in the body, never in a URL.
  duplicates: (probe: DuplicateProbe, signal?: AbortSignal) =>
    api<{ items: DuplicateCandidate[]; tookMs: number }>('/api/search/duplicates', {
      method: 'POST',
      body: probe,
      signal,
    }),
  duplicatesOfCase: (id: string, signal?: AbortSignal) =>
    api<{ items: DuplicateCandidate[]; tookMs: number }>(`/api/search/cases/${id}/duplicates`, { signal }),
};
