import type { TFunction } from 'i18next';
import {
  CLAIM_ROUTES,
  DELIVERY_METHODS,
  FOLLOW_UP_METHODS,
  NATURES,
  OPINION_OUTCOMES,
  RISK_COLOURS,
  SATISFACTION,
} from '../../../../../common/src/cases.js';
import type { CaseDetail } from '../api/cases.api';
import type { DirectoryUnit } from '../api/directory.api';
import type { LeaderOption } from '../api/leaders.api';
import type { ActionName, AssignmentTask, CommandName } from '../api/workflow';
import type { CaseLabels } from '../hooks/use-case-labels';

/**
 * The form of every command, action and task route, field for field as its body schema in
 * server/src/modules/cases/cases.schemas.ts (names, required fields, limits). The form component
 * renders these specs; the server validates again and its field errors land on the same names.
 */
export type FieldKind =
  | 'text'
  | 'textarea'
  | 'select'
  | 'radio'
  | 'date'
  | 'switch'
  | 'number'
  | 'unit'
  | 'leader'
  | 'caseNo'
  | 'category'
  | 'tasks';

export interface Option {
  value: string | boolean;
  label: string;
}

export interface FormContext {
  c: CaseDetail;
  t: TFunction;
  labels: CaseLabels;
  ancestors: (unitId: string) => DirectoryUnit[];
  leaders: LeaderOption[];
}

export interface FieldSpec {
  /** The body key (and form field name). */
  name: string;
  kind: FieldKind;
  required?: boolean;
  /** Maximum length of a text, or maximum of a number. */
  max?: number;
  min?: number;
  options?: (ctx: FormContext) => Option[];
  initial?: (ctx: FormContext) => unknown;
  /** Shown only when the other values call for it (e.g. the target of an upheld objection). */
  visible?: (values: Record<string, unknown>) => boolean;
  /** Required only in some cases (e.g. the risk reason for red and yellow). */
  requiredWhen?: (values: Record<string, unknown>) => boolean;
  /** For unit pickers: which units of the directory may be chosen. */
  units?: (u: DirectoryUnit, ctx: FormContext) => boolean;
  /** For unit pickers whose options are not the directory (escalation: the units above). */
  unitOptions?: (ctx: FormContext) => Option[];
  /** Dates that cannot lie in the future (deliveries, receipts, requests). */
  notFuture?: boolean;
  /** An i18n key under cases.hints shown below the field. */
  hint?: string;
  /** The label's key under cases.fields when it is not the field name (the same body key means different things). */
  label?: string;
}

export interface FormSpec {
  fields: FieldSpec[];
  danger?: boolean;
}

const opts = (values: readonly string[], label: (v: string) => string): Option[] =>
  values.map((v) => ({ value: v, label: label(v) }));
const i18nOpts =
  (group: string, values: readonly string[]) =>
  ({ t }: FormContext): Option[] =>
    values.map((v) => ({ value: v, label: t(`cases.options.${group}.${v}` as 'cases.options.tier.normal') }));

const today = () => 'today';
const note: FieldSpec = { name: 'note', kind: 'textarea', max: 2000 };
const reason: FieldSpec = { name: 'reason', kind: 'textarea', required: true, max: 2000 };
const notOwner = (u: DirectoryUnit, { c }: FormContext) => u.id !== c.ownerUnit.id;
const deliveryFields: FieldSpec[] = [
  {
    name: 'method',
    label: 'deliveryMethod',
    kind: 'select',
    required: true,
    options: ({ labels }) => opts(DELIVERY_METHODS, labels.delivery),
  },
  { name: 'deliveredOn', kind: 'date', required: true, initial: today, notFuture: true },
  { name: 'proof', kind: 'text', required: true, max: 500, hint: 'proof' },
];
const request = (dateName: string): FieldSpec[] => [
  { name: dateName, kind: 'date', required: true, initial: today, notFuture: true },
  { name: 'reasons', kind: 'textarea', required: true, max: 2000 },
];
const decision: FieldSpec[] = [
  {
    name: 'decision',
    kind: 'radio',
    required: true,
    options: i18nOpts('decision', ['uphold', 'change', 'revoke']),
  },
  { name: 'text', label: 'decisionText', kind: 'textarea', required: true, max: 10000 },
];
const SUGGESTION_OUTCOMES = ['adopted', 'partly_adopted', 'not_adopted'];

/**
 * Commands (they move the case) and actions (they keep its status), by name. Typed over every
 * command and action the server defines, so a new one without a form does not compile.
 */
export const CASE_FORMS: Record<CommandName | ActionName, FormSpec> = {
  triage: {
    fields: [
      { name: 'nature', kind: 'radio', options: ({ labels }) => opts(NATURES, labels.nature) },
      {
        name: 'claimRoute',
        kind: 'select',
        options: ({ labels }) => opts(CLAIM_ROUTES, labels.claimRoute),
      },
      { name: 'categoryCode', kind: 'category' },
      { name: 'riskColour', kind: 'radio', options: ({ labels }) => opts(RISK_COLOURS, labels.risk) },
      {
        name: 'riskReason',
        kind: 'textarea',
        max: 500,
        requiredWhen: (v) => v.riskColour === 'red' || v.riskColour === 'yellow',
      },
      note,
    ],
  },
  accept: {
    fields: [
      {
        name: 'claimRoute',
        kind: 'select',
        options: ({ labels }) => opts(CLAIM_ROUTES, labels.claimRoute),
        hint: 'claimRoute',
      },
      note,
    ],
  },
  reject: {
    danger: true,
    fields: [reason, { name: 'basis', kind: 'text', required: true, max: 200, hint: 'rejectBasis' }],
  },
  rejectTerminated: {
    danger: true,
    fields: [
      { name: 'terminatedCaseId', kind: 'caseNo', required: true, hint: 'terminatedCaseNo' },
      { ...reason, required: false },
    ],
  },
  transfer: { fields: [{ name: 'toUnitId', kind: 'unit', required: true, units: notOwner }, reason] },
  assign: {
    fields: [
      { name: 'toUnitId', kind: 'unit', required: true, units: notOwner },
      reason,
      { name: 'feedbackDays', kind: 'number', required: true, min: 1, max: 90, initial: () => 15 },
    ],
  },
  object: { fields: [reason] },
  decideObjection: {
    fields: [
      {
        name: 'decision',
        label: 'objectionDecision',
        kind: 'radio',
        required: true,
        options: i18nOpts('objectionDecision', ['upheld', 'rejected']),
      },
      reason,
      {
        name: 'toUnitId',
        kind: 'unit',
        units: notOwner,
        visible: (v) => v.decision === 'upheld',
        hint: 'objectionTarget',
      },
    ],
  },
  routeOut: {
    fields: [
      {
        name: 'route',
        kind: 'select',
        required: true,
        options: ({ labels }) =>
          opts(
            CLAIM_ROUTES.filter((r) => r !== 'petition_handling'),
            labels.claimRoute,
          ),
      },
      { name: 'procedure', kind: 'text', required: true, max: 200 },
      { name: 'competentBody', kind: 'text', required: true, max: 200 },
      { name: 'limitationNote', kind: 'textarea', max: 500 },
    ],
  },
  referDiscipline: {
    danger: true,
    fields: [
      { name: 'toUnitId', kind: 'unit', units: (u) => u.kind === 'discipline', hint: 'disciplineTarget' },
      reason,
    ],
  },
  linkRepeat: {
    fields: [
      { name: 'openCaseId', kind: 'caseNo', required: true, hint: 'openCaseNo' },
      { name: 'note', kind: 'textarea', max: 1000 },
    ],
  },
  startHandling: { fields: [note] },
  escalate: {
    fields: [
      reason,
      {
        name: 'toUnitId',
        kind: 'unit',
        unitOptions: ({ c, ancestors }) =>
          ancestors(c.ownerUnit.id).map((u) => ({ value: u.id, label: u.name })),
        hint: 'escalateTarget',
      },
    ],
  },
  startMediation: {
    fields: [
      {
        name: 'kind',
        label: 'mediationKind',
        kind: 'radio',
        required: true,
        options: i18nOpts('mediationKind', ['people', 'administrative', 'judicial']),
        initial: () => 'people',
      },
      note,
    ],
  },
  endMediation: {
    fields: [
      {
        name: 'result',
        kind: 'radio',
        required: true,
        options: i18nOpts('mediationResult', ['agreement', 'no_agreement']),
      },
      note,
    ],
  },
  startHearing: { fields: [{ name: 'scheduledOn', kind: 'date', required: true }, note] },
  endHearing: { fields: [{ name: 'conclusion', kind: 'textarea', required: true, max: 2000 }] },
  issueOpinion: {
    fields: [
      {
        name: 'outcome',
        kind: 'radio',
        required: true,
        // A suggestion is answered adopted / partly / not; other matters supported / explained / not.
        options: ({ c, labels }) =>
          opts(
            OPINION_OUTCOMES.filter((o) => SUGGESTION_OUTCOMES.includes(o) === (c.nature === 'suggestion')),
            labels.outcome,
          ),
      },
      { name: 'text', label: 'opinionText', kind: 'textarea', required: true, max: 10000 },
      { name: 'legalBasis', kind: 'textarea', required: true, max: 2000, hint: 'legalBasis' },
    ],
  },
  withdrawOpinion: { danger: true, fields: [reason] },
  deliver: {
    fields: [...deliveryFields, { name: 'confirmedByPetitioner', kind: 'switch', initial: () => false }],
  },
  requestExpertReview: { fields: request('requestedOn') },
  concludeExpertReview: {
    fields: [
      {
        name: 'upheld',
        kind: 'radio',
        required: true,
        options: ({ t }) => [
          { value: true, label: t('cases.options.expertUpheld.true') },
          { value: false, label: t('cases.options.expertUpheld.false') },
        ],
      },
      { name: 'opinion', kind: 'textarea', required: true, max: 2000 },
    ],
  },
  requestReview: { fields: request('requestedOn') },
  startReview: { fields: [note] },
  decideReview: { fields: decision },
  deliverReview: { fields: deliveryFields },
  requestRecheck: { fields: request('requestedOn') },
  startRecheck: { fields: [note] },
  decideRecheck: { fields: decision },
  deliverRecheck: { fields: deliveryFields },
  close: {
    fields: [
      {
        name: 'basis',
        label: 'closeBasis',
        kind: 'radio',
        required: true,
        options: i18nOpts('closeBasis', ['petitioner_satisfied', 'window_lapsed']),
        initial: () => 'petitioner_satisfied',
        hint: 'closeBasis',
      },
      note,
    ],
  },
  followUp: {
    fields: [
      {
        name: 'method',
        label: 'followUpMethod',
        kind: 'select',
        required: true,
        options: ({ labels }) => opts(FOLLOW_UP_METHODS, labels.followUp),
        initial: () => 'phone',
      },
      {
        name: 'satisfaction',
        kind: 'radio',
        required: true,
        options: ({ labels }) => opts(SATISFACTION, labels.satisfaction),
      },
      { name: 'resolved', kind: 'switch', initial: () => true },
      { name: 'comment', kind: 'textarea', max: 2000 },
    ],
  },
  reopenForRectification: { fields: [reason] },
  archive: { fields: [note] },

  extend: {
    fields: [
      { name: 'days', kind: 'number', required: true, min: 1, max: 30, hint: 'extendDays' },
      reason,
      { name: 'approvedBy', kind: 'leader', required: true },
    ],
  },
  whistle: { fields: [{ name: 'tasks', kind: 'tasks', required: true }] },
  attachLeader: {
    fields: [
      { name: 'leaderUserId', kind: 'leader', required: true },
      { name: 'responsibleUnitId', kind: 'unit', required: true },
      { name: 'handlerName', kind: 'text', required: true, max: 50 },
      { name: 'plan', kind: 'textarea', required: true, max: 5000 },
      { name: 'deadline', kind: 'date', required: true },
    ],
  },
  reportProgress: {
    fields: [
      { name: 'text', label: 'progressText', kind: 'textarea', required: true, max: 5000 },
      { name: 'fundsUsedYuan', kind: 'number', min: 0 },
    ],
  },
  confirmReceipt: {
    fields: [
      { name: 'confirmedOn', kind: 'date', required: true, initial: today, notFuture: true },
      { name: 'note', kind: 'textarea', max: 500 },
    ],
  },
  supervise: {
    fields: [
      { name: 'tier', kind: 'radio', required: true, options: i18nOpts('tier', ['normal', 'yellow', 'red']) },
      reason,
      { name: 'replyDays', kind: 'number', required: true, min: 1, max: 30, initial: () => 5 },
    ],
  },
};

/** The task routes of a whistle assignment (assignmentBodies). */
export const TASK_FORMS: Record<AssignmentTask, FormSpec> = {
  reportIn: { fields: [{ name: 'note', kind: 'textarea', max: 1000 }] },
  feedback: {
    fields: [
      { name: 'text', label: 'feedbackText', kind: 'textarea', required: true, max: 5000 },
      { name: 'done', kind: 'switch', initial: () => true },
    ],
  },
  object: { fields: [reason] },
  decideObjection: {
    fields: [
      {
        name: 'decision',
        label: 'objectionDecision',
        kind: 'radio',
        required: true,
        options: i18nOpts('objectionDecision', ['upheld', 'rejected']),
      },
      reason,
    ],
  },
};

export const SUPERVISION_REPLY_FORM: FormSpec = {
  fields: [{ name: 'reply', kind: 'textarea', required: true, max: 5000 }],
};

/** The form of a command or action the server offered, if this web app knows it. */
export function caseFormOf(name: string): FormSpec | undefined {
  return (CASE_FORMS as Record<string, FormSpec | undefined>)[name];
}
