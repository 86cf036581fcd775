import { z } from 'zod';
import {
  CHANNELS,
  CLAIM_ROUTES,
  DELIVERY_METHODS,
  FOLLOW_UP_METHODS,
  NATURES,
  OPINION_OUTCOMES,
  RISK_COLOURS,
  SATISFACTION,
} from '../../../../common/src/cases.js';
import { isValidIdNumber } from '../../../../common/src/id-number.js';
import { LIMITS } from '../../../../common/src/limits.js';
import type { ACTIONS } from './cases.policy.js';
import { type COMMAND_NAMES, STATUSES } from './cases.workflow.js';

const text = (max: number) => z.string().trim().min(1).max(max);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'dateFormat');

export const partyInput = z
  .object({
    partyType: z.enum(['person', 'organisation']).default('person'),
    name: text(100),
    idType: z
      .enum([
        'resident_id',
        'passport',
        'hk_macao_permit',
        'taiwan_permit',
        'foreign_permanent',
        'credit_code',
      ])
      .optional(),
    idNumber: z.string().trim().max(40).optional(),
    phone: z.string().trim().regex(LIMITS.phonePattern, 'phoneFormat').optional(),
    address: z.string().trim().max(LIMITS.addressMax).optional(),
  })
  .superRefine((p, ctx) => {
    const type = p.idType ?? (p.partyType === 'person' ? 'resident_id' : undefined);
    if (p.idNumber && type === 'resident_id' && !isValidIdNumber(p.idNumber)) {
      ctx.addIssue({ code: 'custom', path: ['idNumber'], message: 'idNumberInvalid' });
    }
  });
export type PartyInput = z.infer<typeof partyInput>;

export const intakeBody = z
  .object({
    channel: z.enum(CHANNELS),
    /** When the matter reached us; defaults to now. Letters carry their receipt date. */
    receivedAt: z.iso.datetime({ offset: true }).optional(),
    /** The receiving unit (首办); defaults to the registrar's own unit (a grid's community for grid workers). */
    unitId: z.uuid().optional(),
    sourceUnitId: z.uuid().optional(),
    sourceRef: z.string().trim().max(100).optional(),
    petitioners: z.array(partyInput).max(50).default([]),
    representatives: z.array(partyInput).max(5, 'representativesMax').default([]),
    agent: partyInput.optional(),
    personCount: z.number().int().min(1).max(100000).default(1),
    title: text(100),
    facts: text(5000),
    demands: text(2000),
    reasons: z.string().trim().max(5000).optional(),
    categoryCode: z.string().regex(/^\d{4}$/, 'categoryFormat'),
    nature: z.enum(NATURES).optional(),
    riskColour: z.enum(RISK_COLOURS).default('green'),
    riskReason: z.string().trim().max(500).optional(),
    address: text(LIMITS.addressMax),
    latitude: z.number().min(-90).max(90).optional(),
    longitude: z.number().min(-180).max(180).optional(),
    locationUnitId: z.uuid().optional(),
    uploadIds: z.array(z.uuid()).max(30).default([]),
  })
  .superRefine((b, ctx) => {
    // 第19条: the petitioner's name and address are required, except for a matter a grid worker
    // found on patrol (nobody petitioned) and for accusations, which may be anonymous.
    if (b.petitioners.length === 0 && b.channel !== 'grid' && b.nature !== 'accusation') {
      ctx.addIssue({ code: 'custom', path: ['petitioners'], message: 'petitionerRequired' });
    }
    b.petitioners.forEach((p, i) => {
      if (p.partyType === 'person' && !p.address && b.nature !== 'accusation') {
        ctx.addIssue({ code: 'custom', path: ['petitioners', i, 'address'], message: 'required' });
      }
    });
    if (b.riskColour !== 'green' && !b.riskReason) {
      ctx.addIssue({ code: 'custom', path: ['riskReason'], message: 'riskReasonRequired' });
    }
    if (b.channel === 'agent' && !b.agent) {
      ctx.addIssue({ code: 'custom', path: ['agent'], message: 'required' });
    }
    if (b.channel === 'superior' && !b.sourceUnitId && !b.sourceRef) {
      ctx.addIssue({ code: 'custom', path: ['sourceRef'], message: 'required' });
    }
    if (b.representatives.length > 0 && b.personCount < 2) {
      ctx.addIssue({ code: 'custom', path: ['personCount'], message: 'personCountTooSmall' });
    }
  });
export type IntakeInput = z.infer<typeof intakeBody>;

export const caseListQuery = z.object({
  status: z.enum(STATUSES).optional(),
  open: z.enum(['true', 'false']).optional(),
  colour: z.enum(['green', 'yellow', 'red']).optional(),
  riskColour: z.enum(RISK_COLOURS).optional(),
  unitId: z.uuid().optional(),
  categoryCode: z
    .string()
    .regex(/^\d{2}(\d{2})?$/, 'categoryFormat')
    .optional(),
  channel: z.enum(CHANNELS).optional(),
  nature: z.enum(NATURES).optional(),
  receivedFrom: isoDate.optional(),
  receivedTo: isoDate.optional(),
  overdue: z.enum(['true', 'false']).optional(),
  /** Cases my units handle: owned by them, or with an open task for them (the to-do queue). */
  mine: z.enum(['true', 'false']).optional(),
  /** Cases with an open supervision order addressed to my units. */
  supervised: z.enum(['true', 'false']).optional(),
  q: z.string().trim().max(100).optional(),
  sort: z.enum(['due', 'received']).default('due'),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(LIMITS.pageSizeMax).default(LIMITS.pageSizeDefault),
});

export const historyQuery = z.object({
  idNumber: z.string().trim().max(40).optional(),
  phone: z.string().trim().max(20).optional(),
});

const version = z.number().int().min(1);
const reason = text(2000);

/** Body of each state-changing command. Every body carries the case version it was decided on. */
export const COMMAND_BODIES = {
  triage: z.object({
    version,
    nature: z.enum(NATURES).optional(),
    claimRoute: z.enum(CLAIM_ROUTES).optional(),
    categoryCode: z
      .string()
      .regex(/^\d{4}$/, 'categoryFormat')
      .optional(),
    riskColour: z.enum(RISK_COLOURS).optional(),
    riskReason: z.string().trim().max(500).optional(),
    note: z.string().trim().max(2000).optional(),
  }),
  accept: z.object({
    version,
    note: z.string().trim().max(2000).optional(),
    claimRoute: z.enum(CLAIM_ROUTES).optional(),
  }),
  reject: z.object({ version, reason, basis: text(200) }),
  rejectTerminated: z.object({ version, terminatedCaseId: z.uuid(), reason: reason.optional() }),
  transfer: z.object({ version, toUnitId: z.uuid(), reason }),
  assign: z.object({
    version,
    toUnitId: z.uuid(),
    reason,
    feedbackDays: z.number().int().min(1).max(90).default(15),
  }),
  object: z.object({ version, reason }),
  decideObjection: z.object({
    version,
    decision: z.enum(['upheld', 'rejected']),
    reason,
    /** When upheld, where the case goes next (omit to take it back for triage). */
    toUnitId: z.uuid().optional(),
  }),
  routeOut: z.object({
    version,
    route: z.enum(CLAIM_ROUTES).exclude(['petition_handling']),
    procedure: text(200),
    competentBody: text(200),
    limitationNote: z.string().trim().max(500).optional(),
  }),
  referDiscipline: z.object({ version, toUnitId: z.uuid().optional(), reason }),
  linkRepeat: z.object({ version, openCaseId: z.uuid(), note: z.string().trim().max(1000).optional() }),
  startHandling: z.object({ version, note: z.string().trim().max(2000).optional() }),
  escalate: z.object({ version, reason, toUnitId: z.uuid().optional() }),
  startMediation: z.object({
    version,
    kind: z.enum(['people', 'administrative', 'judicial']),
    note: reason.optional(),
  }),
  endMediation: z.object({ version, result: z.enum(['agreement', 'no_agreement']), note: reason.optional() }),
  startHearing: z.object({ version, scheduledOn: isoDate, note: reason.optional() }),
  endHearing: z.object({ version, conclusion: reason }),
  issueOpinion: z.object({
    version,
    outcome: z.enum(OPINION_OUTCOMES),
    text: text(10000),
    legalBasis: text(2000),
  }),
  withdrawOpinion: z.object({ version, reason }),
  deliver: z.object({
    version,
    method: z.enum(DELIVERY_METHODS),
    deliveredOn: isoDate,
    proof: text(500),
    confirmedByPetitioner: z.boolean().default(false),
  }),
  requestExpertReview: z.object({ version, requestedOn: isoDate, reasons: reason }),
  concludeExpertReview: z.object({ version, upheld: z.boolean(), opinion: reason }),
  requestReview: z.object({ version, requestedOn: isoDate, reasons: reason }),
  startReview: z.object({ version, note: reason.optional() }),
  decideReview: z.object({ version, decision: z.enum(['uphold', 'change', 'revoke']), text: text(10000) }),
  deliverReview: z.object({
    version,
    method: z.enum(DELIVERY_METHODS),
    deliveredOn: isoDate,
    proof: text(500),
  }),
  requestRecheck: z.object({ version, requestedOn: isoDate, reasons: reason }),
  startRecheck: z.object({ version, note: reason.optional() }),
  decideRecheck: z.object({ version, decision: z.enum(['uphold', 'change', 'revoke']), text: text(10000) }),
  deliverRecheck: z.object({
    version,
    method: z.enum(DELIVERY_METHODS),
    deliveredOn: isoDate,
    proof: text(500),
  }),
  close: z.object({
    version,
    basis: z.enum(['window_lapsed', 'petitioner_satisfied']).default('window_lapsed'),
    note: z.string().trim().max(2000).optional(),
  }),
  followUp: z.object({
    version,
    method: z.enum(FOLLOW_UP_METHODS),
    satisfaction: z.enum(SATISFACTION),
    resolved: z.boolean(),
    comment: z.string().trim().max(2000).optional(),
  }),
  reopenForRectification: z.object({ version, reason }),
  archive: z.object({ version, note: z.string().trim().max(2000).optional() }),
} as const satisfies Record<(typeof COMMAND_NAMES)[number], z.ZodType>;

export const ACTION_BODIES = {
  extend: z.object({ version, days: z.number().int().min(1).max(30), reason, approvedBy: z.uuid() }),
  whistle: z.object({
    version,
    tasks: z
      .array(
        z.object({
          unitId: z.uuid(),
          role: z.enum(['lead', 'co']),
          task: text(1000),
          reportInWorkingDays: z.number().int().min(1).max(10).default(1),
          feedbackDays: z.number().int().min(1).max(60).default(7),
        }),
      )
      .min(1)
      .max(20),
  }),
  attachLeader: z.object({
    version,
    leaderUserId: z.uuid(),
    responsibleUnitId: z.uuid(),
    handlerName: text(50),
    plan: text(5000),
    deadline: isoDate,
  }),
  reportProgress: z.object({ version, text: text(5000), fundsUsedYuan: z.number().min(0).optional() }),
  confirmReceipt: z.object({ version, confirmedOn: isoDate, note: z.string().trim().max(500).optional() }),
  supervise: z.object({
    version,
    tier: z.enum(['normal', 'yellow', 'red']),
    reason,
    replyDays: z.number().int().min(1).max(30).default(5),
  }),
} as const satisfies Record<(typeof ACTIONS)[number], z.ZodType>;

export const assignmentBodies = {
  reportIn: z.object({ note: z.string().trim().max(1000).optional() }),
  feedback: z.object({ text: text(5000), done: z.boolean().default(true) }),
  object: z.object({ reason }),
  decideObjection: z.object({ decision: z.enum(['upheld', 'rejected']), reason }),
};

export const unmaskBody = z.object({
  reason: text(200),
  fields: z.array(z.enum(['idNumber', 'phone'])).min(1),
});
export const supervisionReplyBody = z.object({ reply: text(5000) });
