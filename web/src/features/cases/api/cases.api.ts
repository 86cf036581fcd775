import type {
  Channel,
  DueColour,
  Nature,
  OpinionOutcome,
  RiskColour,
  Satisfaction,
} from '../../../../../common/src/cases.js';
import { api, uploadFile } from '../../../lib/api';
import {
  ASSIGNMENT_PATHS,
  type AssignmentBody,
  type AssignmentTask,
  commandPath,
  type IntakeBody,
  type Status,
  type UnmaskBody,
} from './workflow';

type Labels = { zh: string; en: string };

/** A row of GET /api/cases (cases.presenter.ts presentListItem): no personal data. */
export interface CaseListItem {
  id: string;
  caseNo: string;
  title: string;
  status: Status;
  isOpen: boolean;
  channel: Channel;
  categoryCode: string;
  nature: Nature;
  riskColour: RiskColour;
  receivedAt: string;
  dueOn: string | null;
  dueCode: string | null;
  dueColour: DueColour | null;
  daysLeft: number | null;
  personCount: number;
  isGroup: boolean;
  isRepeat: boolean;
  ownerUnit: { id: string; name: string };
  version: number;
}

export interface CaseListParams {
  status?: Status | undefined;
  open?: boolean | undefined;
  colour?: DueColour | undefined;
  riskColour?: RiskColour | undefined;
  unitId?: string | undefined;
  categoryCode?: string | undefined;
  channel?: Channel | undefined;
  nature?: Nature | undefined;
  receivedFrom?: string | undefined;
  receivedTo?: string | undefined;
  overdue?: boolean | undefined;
  /** Only what my units own or have an open task on (the to-do queue). */
  mine?: boolean | undefined;
  /** Only cases with an open supervision order to my units. */
  supervised?: boolean | undefined;
  q?: string | undefined;
  sort?: 'due' | 'received' | undefined;
  limit?: number | undefined;
}

export interface CasePage {
  items: CaseListItem[];
  nextCursor: string | null;
}

export interface CaseParty {
  id: string;
  role: 'petitioner' | 'representative' | 'agent' | string;
  partyType: 'person' | 'organisation';
  name: string;
  nameMasked: string;
  idType: string | null;
  idNumberMasked: string | null;
  phoneMasked: string | null;
  address: string | null;
}

export interface CaseDeadline {
  id: string;
  code: string;
  label: Labels;
  basis: string | null;
  unitId: string | null;
  unitName: string | null;
  assignmentId: string | null;
  startedOn: string;
  dueOn: string;
  period: number;
  periodUnit: string;
  extensionDays: number;
  pausedDays: number;
  status: 'running' | 'paused' | 'met' | 'missed' | 'cancelled' | string;
  isPetitionerWindow: boolean;
  unverified: boolean;
  daysLeft: number | null;
  colour: DueColour | null;
}

export interface CaseAssignment {
  id: string;
  unit: { id: string; name: string };
  role: 'lead' | 'co';
  task: string;
  status: 'assigned' | 'reported' | 'done' | 'objected' | string;
  reportDueOn: string | null;
  feedbackDueOn: string | null;
  reportedAt: string | null;
  feedback: string | null;
  feedbackAt: string | null;
  objectionReason: string | null;
  objectionDecision: string | null;
  abilities: Record<AssignmentTask, boolean>;
}

export interface SupervisionOrder {
  id: string;
  tier: 'normal' | 'yellow' | 'red';
  trigger: string;
  targetUnit: { id: string; name: string };
  reason: string;
  dueOn: string;
  status: 'open' | 'replied' | string;
  reply: string | null;
  repliedAt: string | null;
  createdAt: string;
}

export interface CaseAttachment {
  id: string;
  kind: string;
  name: string;
  mime: string | null;
  size: number | null;
  sha256: string | null;
  videoUrl: string | null;
  description: string | null;
  uploadedAt: string;
}

export interface Decision {
  decision: 'uphold' | 'change' | 'revoke';
  text: string;
  decidedAt: string;
  unitId: string;
}

/** GET /api/cases/:id (cases.presenter.ts presentCase). */
export interface CaseDetail {
  id: string;
  caseNo: string;
  version: number;
  status: Status;
  statusLabel: Labels;
  isOpen: boolean;
  channel: Channel;
  sourceRef: string | null;
  receivedAt: string;
  receivedOn: string;
  registeredBy: { id: string; name: string } | null;
  title: string;
  facts: string;
  demands: string;
  reasons: string | null;
  categoryCode: string;
  nature: Nature;
  claimRoute: string | null;
  riskColour: RiskColour;
  riskReason: string | null;
  address: string;
  latitude: number | null;
  longitude: number | null;
  personCount: number;
  isGroup: boolean;
  isConfidential: boolean;
  isRepeat: boolean;
  repeatOfCaseId: string | null;
  isFirstPetition: boolean | null;
  resolvedOnSpot: boolean | null;
  firstUnit: { id: string; name: string };
  ownerUnit: { id: string; name: string };
  assigningUnit: { id: string; name: string } | null;
  units: { unitId: string; name: string; kind: string; relation: string }[];
  parties: CaseParty[];
  due: { code: string; dueOn: string; daysLeft: number; colour: DueColour } | null;
  deadlines: CaseDeadline[];
  assignments: CaseAssignment[];
  supervision: SupervisionOrder[];
  leader: {
    userId: string;
    name: string;
    package: {
      responsibleUnitId: string;
      handlerName: string;
      plan: string;
      deadline: string;
    } | null;
  } | null;
  opinion: {
    outcome: OpinionOutcome;
    text: string;
    legalBasis: string;
    issuedAt: string;
    unitId: string;
  } | null;
  review: Decision | null;
  recheck: Decision | null;
  deliveredOn: string | null;
  receiptConfirmedAt: string | null;
  closedAt: string | null;
  terminatedAt: string | null;
  satisfaction: Satisfaction | null;
  followedUpAt: string | null;
  archivedAt: string | null;
  attachments: CaseAttachment[];
  abilities: { commands: string[]; actions: string[]; unmask: boolean };
}

/** One entry of GET /api/cases/:id/events: the hash-chained record. */
export interface CaseEvent {
  seq: number;
  type: string;
  at: string;
  actor: { id: string; name: string } | null;
  unit: { id: string; name: string } | null;
  fromStatus: string | null;
  toStatus: string | null;
  payload: unknown;
  hash: string;
}

export interface HistoryItem {
  id: string;
  caseNo: string;
  title: string;
  status: Status;
  statusLabel: Labels;
  receivedAt: string;
  categoryCode: string;
  isTerminated: boolean;
}

export interface HistoryResult {
  items: HistoryItem[];
  /** Earlier cases of the same person the user may not see (confidential ones are never counted). */
  outsideScope: number;
}

export type IntakeWarningCode = 'TERMINATED_SAME_FACTS' | 'TERMINATED_SAME_PERSON_CATEGORY' | string;

export interface IntakeResult {
  id: string;
  caseNo: string;
  referredToDiscipline: boolean;
  warnings: { code: IntakeWarningCode; caseId: string; caseNo: string }[];
  /** null when the matter left the registrar's view (an accusation referred to discipline inspection). */
  /** False when the matter left the registrar's view at once (referred to discipline inspection). */
  visible: boolean;
  case: CaseDetail | null;
}

/** POST /api/uploads: a staged file, claimed by the case that names its id in `uploadIds`. */
export interface StoredUpload {
  id: string;
  name: string;
  mime: string;
  kind: string;
  size: number;
  sha256: string;
}

const casePath = (id: string) => `/api/cases/${encodeURIComponent(id)}`;

/** One case's outcome in a bulk routing request: through, or refused with the reason. */
export interface BulkResult {
  id: string;
  ok: boolean;
  caseNo: string | null;
  status: string | null;
  error: { code: string; message: string } | null;
}

export type BulkCommand = 'assign' | 'transfer';

export interface BulkBody {
  items: { id: string; version: number }[];
  toUnitId: string;
  reason: string;
  feedbackDays?: number;
}

export const casesApi = {
  /** 批量交办/转送: each case on its own; the answer lists every case's outcome. */
  bulk: (command: BulkCommand, body: BulkBody) =>
    api<{ results: BulkResult[] }>(`/api/cases/bulk/${command}`, { method: 'POST', body }),
  list: (params: CaseListParams & { cursor?: string | undefined }, signal?: AbortSignal) =>
    api<CasePage>('/api/cases', {
      query: {
        ...params,
        open: params.open === undefined ? undefined : String(params.open),
        overdue: params.overdue ? 'true' : undefined,
      },
      signal,
    }),
  get: (id: string, signal?: AbortSignal) => api<CaseDetail>(casePath(id), { signal }),
  events: (id: string, signal?: AbortSignal) =>
    api<{ items: CaseEvent[] }>(`${casePath(id)}/events`, { signal }),
  history: (by: { idNumber?: string; phone?: string }, signal?: AbortSignal) =>
    api<HistoryResult>('/api/cases/history', { query: by, signal }),
  // The form opens the case page next, so it asks for the short answer only.
  register: (body: IntakeBody) =>
    api<IntakeResult>('/api/cases', { method: 'POST', body, query: { view: 'summary' } }),
  /** A state-changing command or a status-keeping action: POST /api/cases/:id/<kebab-name>. */
  run: (id: string, name: string, body: Record<string, unknown>) =>
    api<CaseDetail>(`${casePath(id)}/${commandPath(name)}`, { method: 'POST', body }),
  task: <T extends AssignmentTask>(id: string, assignmentId: string, task: T, body: AssignmentBody<T>) =>
    api<CaseDetail>(
      `${casePath(id)}/assignments/${encodeURIComponent(assignmentId)}/${ASSIGNMENT_PATHS[task]}`,
      { method: 'POST', body },
    ),
  replySupervision: (id: string, orderId: string, reply: string) =>
    api<CaseDetail>(`${casePath(id)}/supervision/${encodeURIComponent(orderId)}/reply`, {
      method: 'POST',
      body: { reply },
    }),
  unmask: (id: string, partyId: string, body: UnmaskBody) =>
    api<{ idNumber?: string | null; phone?: string | null }>(
      `${casePath(id)}/parties/${encodeURIComponent(partyId)}/unmask`,
      { method: 'POST', body },
    ),
  stageUpload: (file: Blob, onProgress?: (percent: number) => void, signal?: AbortSignal) =>
    uploadFile<StoredUpload>('/api/uploads', file, { onProgress, signal }),
  addAttachment: (id: string, file: Blob, onProgress?: (percent: number) => void, signal?: AbortSignal) =>
    uploadFile<Omit<StoredUpload, 'id'>>(`${casePath(id)}/attachments`, file, { onProgress, signal }),
  /** Same-origin URL: the session cookie authorises it; every download is recorded by the server. */
  attachmentUrl: (id: string, attachmentId: string, inline: boolean) =>
    `${casePath(id)}/attachments/${encodeURIComponent(attachmentId)}${inline ? '?inline=1' : ''}`,
};
