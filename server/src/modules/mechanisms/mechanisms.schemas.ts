import { z } from 'zod';

/**
 * Request and response shapes of the resolution mechanisms. Names follow DOMAIN.md §6 and the
 * glossary: task force 专班, mediation 调解, judicial confirmation 司法确认, hearing 听证,
 * expert review 专家评审, commitment 息诉罢访承诺书, leader package 包案.
 */
const text = (max: number) => z.string().trim().min(1).max(max);
const optText = (max: number) => z.string().trim().max(max).optional();
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'dateFormat');
const version = z.number().int().min(1);

export const ROSTER_KINDS = ['expert', 'mediator', 'hearing_panel'] as const;
export const ROSTER_IDENTITIES = [
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
] as const;
export const ROSTER_LEVELS = ['city', 'district', 'town'] as const;
export const MECHANISM_KINDS = [
  'task_force',
  'mediation',
  'judicial_confirmation',
  'hearing',
  'expert_review',
  'commitment',
  'leader_package',
] as const;
export type MechanismKind = (typeof MECHANISM_KINDS)[number];

// --- Rosters -------------------------------------------------------------------------------------

export const rosterInput = z.object({
  kind: z.enum(ROSTER_KINDS),
  name: text(50),
  userId: z.uuid().nullable().optional(),
  identity: z.enum(ROSTER_IDENTITIES),
  expertise: z.string().trim().max(200).default(''),
  level: z.enum(ROSTER_LEVELS),
  workUnit: z.string().trim().max(100).default(''),
  workUnitId: z.uuid().nullable().optional(),
  /** The district or town whose roster this is. */
  ownerUnitId: z.uuid(),
  isActive: z.boolean().default(true),
});
export const rosterPatch = rosterInput.partial().omit({ kind: true });
export const rosterQuery = z.object({
  kind: z.enum(ROSTER_KINDS).optional(),
  activeOnly: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});

export const rosterEntry = z.object({
  id: z.uuid(),
  kind: z.enum(ROSTER_KINDS),
  name: z.string(),
  userId: z.string().nullable(),
  identity: z.string(),
  expertise: z.string(),
  level: z.string(),
  workUnit: z.string(),
  workUnitId: z.string().nullable(),
  ownerUnitId: z.string(),
  ownerUnitName: z.string(),
  isActive: z.boolean(),
});
export const rosterList = z.object({ items: z.array(rosterEntry) });

export const sitting = z.object({
  caseId: z.string(),
  caseNo: z.string(),
  mechanismId: z.string(),
  kind: z.string(),
  role: z.string(),
  status: z.string(),
  since: z.string(),
  hasOpinion: z.boolean(),
});
export const sittingList = z.object({ items: z.array(sitting) });

// --- Records -------------------------------------------------------------------------------------

export const caseParams = z.object({ id: z.uuid() });
export const mechanismParams = z.object({ id: z.uuid(), mechanismId: z.uuid() });

const attachmentId = z.uuid().optional();

export const taskForceBody = z.object({
  purpose: text(500),
  leadUnitId: z.uuid(),
  memberUnitIds: z.array(z.uuid()).min(1).max(20),
  convenedOn: isoDate,
});
export const meetingBody = z.object({
  heldOn: isoDate,
  place: text(200),
  attendees: text(1000),
  minutes: text(10000),
  decisions: text(5000),
  attachmentId,
});
export const dissolveBody = z.object({ dissolvedOn: isoDate, summary: text(2000) });

export const MEDIATION_KINDS = ['people', 'administrative', 'judicial'] as const;
export const mediationBody = z.object({
  version,
  kind: z.enum(MEDIATION_KINDS),
  organisation: text(200),
  /** Mediators from the roster; at least one. */
  mediatorRosterIds: z.array(z.uuid()).min(1).max(9),
  source: z.enum(['application', 'proactive', 'referral', 'petition']).default('petition'),
  note: optText(2000),
});
export const consentBody = z.object({
  party: text(100),
  consented: z.boolean(),
  isPublic: z.boolean().default(false),
  recordedOn: isoDate,
  note: optText(1000),
});
export const sessionBody = z.object({
  heldOn: isoDate,
  place: text(200),
  attendees: text(1000),
  minutes: text(10000),
  /** Where the video of the session is kept (a case attachment of kind video_reference). */
  videoAttachmentId: attachmentId,
  videoNote: optText(500),
});
export const MEDIATION_NOTICES = ['false_mediation_liability', 'confirmation_commitment'] as const;
export const noticeBody = z.object({
  notice: z.enum(MEDIATION_NOTICES),
  acknowledgedBy: z.array(text(100)).min(1).max(20),
  acknowledgedOn: isoDate,
  attachmentId,
});
export const agreementParty = z.object({
  role: z.enum(['applicant', 'respondent']),
  name: text(100),
  description: text(500),
});
/** 人民调解法 第29条: the parties, the facts and issues with each side's responsibility, the terms. */
export const agreementBody = z.object({
  form: z.enum(['written', 'oral']).default('written'),
  parties: z.array(agreementParty).min(2).max(20),
  facts: text(5000),
  issues: text(2000),
  responsibilities: text(2000),
  terms: text(5000),
  performanceMethod: text(1000),
  performanceDeadline: isoDate,
  amountYuan: z.number().min(0).max(1e10).optional(),
  effectiveOn: isoDate,
  isEligibleForConfirmation: z.boolean().default(true),
  attachmentId,
});
export const endMediationBody = z.object({
  version,
  outcome: z.enum(['agreement', 'no_agreement', 'withdrawn']),
  note: optText(2000),
});

export const confirmationBody = z.object({
  courtUnitId: z.uuid().optional(),
  courtName: text(100),
  appliedOn: isoDate,
  isJoint: z.literal(true),
  filingNo: optText(100),
  attachmentId,
});
export const rulingBody = z.object({
  decision: z.enum(['confirmed', 'rejected']),
  decidedOn: isoDate,
  rulingNo: optText(100),
  note: optText(1000),
  attachmentId,
});
export const paymentBody = z.object({
  paidOn: isoDate,
  amountYuan: z.number().min(0).max(1e10),
  method: text(200),
  isComplete: z.boolean(),
  note: optText(1000),
  attachmentId,
});

export const hearingBody = z.object({
  version,
  scheduledOn: isoDate,
  place: text(200),
  panelRosterIds: z.array(z.uuid()).min(1).max(15),
  note: optText(2000),
});
export const hearingNoticeBody = z.object({
  notifiedOn: isoDate,
  parties: z.array(text(100)).min(1).max(20),
  method: text(100),
  attachmentId,
});
export const concludeHearingBody = z.object({
  version,
  minutes: text(10000),
  conclusion: text(2000),
  attachmentId,
});

export const expertReviewBody = z.object({
  version,
  requestedOn: isoDate,
  reasons: text(2000),
  expertRosterIds: z.array(z.uuid()).min(1).max(15),
});
export const expertOpinionBody = z.object({
  /**
   * The panel member the opinion is for, when the office records a paper opinion of an expert
   * who has no account; an expert with an account records their own.
   */
  memberId: z.uuid().optional(),
  legality: text(2000),
  reasonableness: text(2000),
  upholdsReply: z.boolean(),
  opinion: text(5000),
});
export const concludeExpertReviewBody = z.object({
  version,
  upheld: z.boolean(),
  opinion: text(5000),
});

export const signedDocumentBody = z.object({
  kind: z.enum(['commitment', 'leader_package']),
  signedOn: isoDate,
  signedBy: text(100),
  summary: text(2000),
  attachmentId: z.uuid(),
});

export const mechanismView = z.object({
  id: z.string(),
  caseId: z.string(),
  kind: z.enum(MECHANISM_KINDS),
  status: z.string(),
  parentId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  outcome: z.string().nullable(),
  attachmentId: z.string().nullable(),
  createdAt: z.string(),
  concludedAt: z.string().nullable(),
  members: z.array(
    z.object({
      id: z.string(),
      role: z.string(),
      name: z.string(),
      rosterId: z.string().nullable(),
      unitId: z.string().nullable(),
      identity: z.string().nullable(),
      /** The person records their own work through a linked account. */
      hasAccount: z.boolean(),
      opinion: z.record(z.string(), z.unknown()).nullable(),
    }),
  ),
  steps: z.array(
    z.object({
      id: z.string(),
      kind: z.string(),
      occurredOn: z.string(),
      details: z.record(z.string(), z.unknown()),
      attachmentId: z.string().nullable(),
      createdAt: z.string(),
    }),
  ),
  /** The running deadline of the record (司法确认 application window), with its colour. */
  deadline: z
    .object({
      code: z.string(),
      dueOn: z.string(),
      status: z.string(),
      colour: z.string().nullable(),
    })
    .nullable(),
});
export const mechanismList = z.object({
  items: z.array(mechanismView),
  abilities: z.object({ manage: z.boolean() }),
});

export const candidate = rosterEntry.extend({
  group: z.enum(['own_town', 'city_pool', 'other_town']),
  recusal: z.string().nullable(),
});
export const candidateList = z.object({
  items: z.array(candidate),
  minimum: z.number(),
  windowLastDay: z.string().nullable(),
});

export const memberCase = z.object({
  caseId: z.string(),
  caseNo: z.string(),
  title: z.string(),
  status: z.string(),
  facts: z.string(),
  demands: z.string(),
  opinion: z.record(z.string(), z.unknown()).nullable(),
  deliveredOn: z.string().nullable(),
  mechanism: mechanismView,
  myMemberId: z.string(),
});
export const memberCaseList = z.object({
  items: z.array(
    z.object({
      caseId: z.string(),
      caseNo: z.string(),
      title: z.string(),
      mechanismId: z.string(),
      kind: z.string(),
      role: z.string(),
      status: z.string(),
      hasOpinion: z.boolean(),
    }),
  ),
});
