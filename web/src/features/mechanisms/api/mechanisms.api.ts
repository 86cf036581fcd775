/**
 * 化解机制: task forces, mediation, judicial confirmation, hearings, expert review, signed papers and
 * the rosters. Shapes are the server's zod schemas (type-only imports).
 */
import type { z } from 'zod';
import type {
  candidateList,
  MECHANISM_KINDS,
  mechanismList,
  mechanismView,
  memberCase,
  memberCaseList,
  ROSTER_IDENTITIES,
  ROSTER_KINDS,
  ROSTER_LEVELS,
  rosterEntry,
  rosterInput,
  rosterList,
  rosterPatch,
  sittingList,
} from '../../../../../server/src/modules/mechanisms/mechanisms.schemas.js';
import { api } from '../../../lib/api';

export type Mechanism = z.infer<typeof mechanismView>;
export type MechanismList = z.infer<typeof mechanismList>;
export type MechanismKind = (typeof MECHANISM_KINDS)[number];
export type CandidateList = z.infer<typeof candidateList>;
export type Candidate = CandidateList['items'][number];
export type MemberCase = z.infer<typeof memberCase>;
export type MemberCaseList = z.infer<typeof memberCaseList>;
export type RosterEntry = z.infer<typeof rosterEntry>;
export type RosterInput = z.input<typeof rosterInput>;
export type RosterPatch = z.input<typeof rosterPatch>;
export type RosterKind = (typeof ROSTER_KINDS)[number];
export type RosterIdentity = (typeof ROSTER_IDENTITIES)[number];
export type RosterLevel = (typeof ROSTER_LEVELS)[number];
export type SittingList = z.infer<typeof sittingList>;
export interface Changed {
  mechanismId: string;
  caseVersion: number;
}

export const IDENTITIES: readonly RosterIdentity[] = [
  'npc_deputy',
  'cppcc_member',
  'lawyer',
  'psychologist',
  'local_elder',
  'department_head',
  'legal_adviser',
  'mediator',
  'judge',
  'other',
];

const casePath = (id: string) => `/api/cases/${encodeURIComponent(id)}/mechanisms`;

export const mechanismsApi = {
  list(caseId: string, signal?: AbortSignal): Promise<MechanismList> {
    return api<MechanismList>(casePath(caseId), { signal });
  },
  candidates(caseId: string, signal?: AbortSignal): Promise<CandidateList> {
    return api<CandidateList>(`${casePath(caseId)}/expert-candidates`, { signal });
  },
  /** POST /api/cases/:id/mechanisms/<action> or /:mechanismId/<action>. */
  post(
    caseId: string,
    action: string,
    body: Record<string, unknown>,
    mechanismId?: string,
  ): Promise<Changed> {
    const path = mechanismId
      ? `${casePath(caseId)}/${encodeURIComponent(mechanismId)}/${action}`
      : `${casePath(caseId)}/${action}`;
    return api<Changed>(path, { method: 'POST', body });
  },
  mine(signal?: AbortSignal): Promise<MemberCaseList> {
    return api<MemberCaseList>('/api/mechanisms/mine', { signal });
  },
  memberView(caseId: string, mechanismId: string, signal?: AbortSignal): Promise<MemberCase> {
    return api<MemberCase>(`${casePath(caseId)}/${encodeURIComponent(mechanismId)}/member-view`, { signal });
  },
  roster(query: { kind?: RosterKind }, signal?: AbortSignal) {
    return api<z.infer<typeof rosterList>>('/api/mechanisms/roster', { query, signal });
  },
  sittings(id: string, signal?: AbortSignal): Promise<SittingList> {
    return api<SittingList>(`/api/mechanisms/roster/${encodeURIComponent(id)}/sittings`, { signal });
  },
  createRoster(body: RosterInput): Promise<RosterEntry> {
    return api<RosterEntry>('/api/admin/mechanism-roster', { method: 'POST', body });
  },
  updateRoster(id: string, body: RosterPatch): Promise<RosterEntry> {
    return api<RosterEntry>(`/api/admin/mechanism-roster/${encodeURIComponent(id)}`, {
      method: 'PATCH',
      body,
    });
  },
};
