import type { RosterKind } from '../api/mechanisms.api';

/** One form field of a mechanism step; `name` is the body field and the i18n key under mechanisms.fields. */
export type FieldSpec =
  | {
      name: string;
      kind: 'text' | 'textarea' | 'date' | 'number' | 'switch';
      required?: boolean;
      initial?: unknown;
    }
  | {
      name: string;
      kind: 'select';
      options: { value: string; label: string }[];
      required?: boolean;
      initial?: unknown;
    }
  | { name: string; kind: 'tags'; required?: boolean }
  | { name: string; kind: 'roster'; rosterKind: RosterKind; required?: boolean }
  | { name: string; kind: 'unit' | 'units'; required?: boolean }
  | { name: string; kind: 'attachment'; required?: boolean; video?: boolean };

export interface ActionSpec {
  /** The path after /mechanisms/ (or /mechanisms/:mechanismId/). */
  action: string;
  /** i18n key under mechanisms.actions. */
  label: string;
  onRecord: boolean;
  /** Commands that move the case carry the case version the user saw. */
  needsVersion?: boolean;
  fields: FieldSpec[];
  /** Builds the request body from the form values when they differ in shape. */
  toBody?: (v: Record<string, unknown>) => Record<string, unknown>;
  danger?: boolean;
}

type Tr = (key: string) => string;

const opts = (t: Tr, prefix: string, values: readonly string[]) =>
  values.map((value) => ({ value, label: t(`${prefix}.${value}`) }));

/** Every step of every mechanism, in the order the screens offer them. */
export function actionSpecs(t: Tr, today: string) {
  const date = (name: string) => ({ name, kind: 'date' as const, required: true, initial: today });
  const specs = {
    taskForce: {
      action: 'task-force',
      label: 'taskForce',
      onRecord: false,
      fields: [
        { name: 'purpose', kind: 'textarea', required: true },
        { name: 'leadUnitId', kind: 'unit', required: true },
        { name: 'memberUnitIds', kind: 'units', required: true },
        date('convenedOn'),
      ],
    },
    mediation: {
      action: 'mediation',
      label: 'mediation',
      onRecord: false,
      needsVersion: true,
      fields: [
        {
          name: 'kind',
          kind: 'select',
          required: true,
          initial: 'people',
          options: opts(t, 'mechanisms.mediationKinds', ['people', 'administrative', 'judicial']),
        },
        { name: 'organisation', kind: 'text', required: true },
        { name: 'mediatorRosterIds', kind: 'roster', rosterKind: 'mediator', required: true },
        { name: 'note', kind: 'textarea' },
      ],
    },
    hearing: {
      action: 'hearing',
      label: 'hearing',
      onRecord: false,
      needsVersion: true,
      fields: [
        date('scheduledOn'),
        { name: 'place', kind: 'text', required: true },
        { name: 'panelRosterIds', kind: 'roster', rosterKind: 'hearing_panel', required: true },
        { name: 'note', kind: 'textarea' },
      ],
    },
    signedDocument: {
      action: 'signed-documents',
      label: 'signedDocument',
      onRecord: false,
      fields: [
        {
          name: 'kind',
          kind: 'select',
          required: true,
          initial: 'commitment',
          options: opts(t, 'mechanisms.kinds', ['commitment', 'leader_package']),
        },
        date('signedOn'),
        { name: 'signedBy', kind: 'text', required: true },
        { name: 'summary', kind: 'textarea', required: true },
        { name: 'attachmentId', kind: 'attachment', required: true },
      ],
    },
    meetings: {
      action: 'meetings',
      label: 'meetings',
      onRecord: true,
      fields: [
        date('heldOn'),
        { name: 'place', kind: 'text', required: true },
        { name: 'attendees', kind: 'text', required: true },
        { name: 'minutes', kind: 'textarea', required: true },
        { name: 'decisions', kind: 'textarea', required: true },
        { name: 'attachmentId', kind: 'attachment' },
      ],
    },
    dissolve: {
      action: 'dissolve',
      label: 'dissolve',
      onRecord: true,
      danger: true,
      fields: [date('dissolvedOn'), { name: 'summary', kind: 'textarea', required: true }],
    },
    consents: {
      action: 'consents',
      label: 'consents',
      onRecord: true,
      fields: [
        { name: 'party', kind: 'text', required: true },
        { name: 'consented', kind: 'switch', initial: true },
        { name: 'isPublic', kind: 'switch', initial: false },
        date('recordedOn'),
        { name: 'note', kind: 'text' },
      ],
    },
    sessions: {
      action: 'sessions',
      label: 'sessions',
      onRecord: true,
      fields: [
        date('heldOn'),
        { name: 'place', kind: 'text', required: true },
        { name: 'attendees', kind: 'text', required: true },
        { name: 'minutes', kind: 'textarea', required: true },
        { name: 'videoAttachmentId', kind: 'attachment', video: true },
      ],
    },
    notices: {
      action: 'notices',
      label: 'notices',
      onRecord: true,
      fields: [
        {
          name: 'notice',
          kind: 'select',
          required: true,
          initial: 'false_mediation_liability',
          options: opts(t, 'mechanisms.notices', ['false_mediation_liability', 'confirmation_commitment']),
        },
        { name: 'acknowledgedBy', kind: 'tags', required: true },
        date('acknowledgedOn'),
        { name: 'attachmentId', kind: 'attachment' },
      ],
    },
    agreement: {
      action: 'agreement',
      label: 'agreement',
      onRecord: true,
      fields: [
        { name: 'applicant', kind: 'text', required: true },
        { name: 'applicantDescription', kind: 'text', required: true },
        { name: 'respondent', kind: 'text', required: true },
        { name: 'respondentDescription', kind: 'text', required: true },
        { name: 'facts', kind: 'textarea', required: true },
        { name: 'issues', kind: 'textarea', required: true },
        { name: 'responsibilities', kind: 'textarea', required: true },
        { name: 'terms', kind: 'textarea', required: true },
        { name: 'performanceMethod', kind: 'text', required: true },
        date('performanceDeadline'),
        { name: 'amountYuan', kind: 'number' },
        date('effectiveOn'),
        { name: 'attachmentId', kind: 'attachment' },
      ],
      toBody: ({ applicant, applicantDescription, respondent, respondentDescription, ...rest }) => ({
        ...rest,
        form: rest.attachmentId ? 'written' : 'oral',
        parties: [
          { role: 'applicant', name: applicant, description: applicantDescription },
          { role: 'respondent', name: respondent, description: respondentDescription },
        ],
      }),
    },
    end: {
      action: 'end',
      label: 'end',
      onRecord: true,
      needsVersion: true,
      fields: [
        {
          name: 'outcome',
          kind: 'select',
          required: true,
          initial: 'agreement',
          options: opts(t, 'mechanisms.outcomes', ['agreement', 'no_agreement', 'withdrawn']),
        },
        { name: 'note', kind: 'textarea' },
      ],
    },
    judicialConfirmation: {
      action: 'judicial-confirmation',
      label: 'judicialConfirmation',
      onRecord: true,
      fields: [
        { name: 'courtName', kind: 'text', required: true },
        date('appliedOn'),
        { name: 'filingNo', kind: 'text' },
        { name: 'attachmentId', kind: 'attachment' },
      ],
      toBody: (v) => ({ ...v, isJoint: true }),
    },
    ruling: {
      action: 'ruling',
      label: 'ruling',
      onRecord: true,
      fields: [
        {
          name: 'decision',
          kind: 'select',
          required: true,
          initial: 'confirmed',
          options: opts(t, 'mechanisms.outcomes', ['confirmed', 'rejected']),
        },
        date('decidedOn'),
        { name: 'rulingNo', kind: 'text' },
        { name: 'attachmentId', kind: 'attachment' },
      ],
    },
    payments: {
      action: 'payments',
      label: 'payments',
      onRecord: true,
      fields: [
        date('paidOn'),
        { name: 'amountYuan', kind: 'number', required: true },
        { name: 'method', kind: 'text', required: true },
        { name: 'isComplete', kind: 'switch', initial: true },
        { name: 'attachmentId', kind: 'attachment' },
      ],
    },
    hearingNotice: {
      action: 'hearing-notice',
      label: 'hearingNotice',
      onRecord: true,
      fields: [
        date('notifiedOn'),
        { name: 'parties', kind: 'tags', required: true },
        { name: 'method', kind: 'text', required: true },
        { name: 'attachmentId', kind: 'attachment' },
      ],
    },
    concludeHearing: {
      action: 'conclude-hearing',
      label: 'concludeHearing',
      onRecord: true,
      needsVersion: true,
      fields: [
        { name: 'minutes', kind: 'textarea', required: true },
        { name: 'conclusion', kind: 'textarea', required: true },
        { name: 'attachmentId', kind: 'attachment' },
      ],
    },
    opinions: {
      action: 'opinions',
      label: 'opinions',
      onRecord: true,
      fields: [
        { name: 'legality', kind: 'textarea', required: true },
        { name: 'reasonableness', kind: 'textarea', required: true },
        { name: 'upholdsReply', kind: 'switch', initial: true },
        { name: 'opinion', kind: 'textarea', required: true },
      ],
    },
    officeOpinion: {
      action: 'opinions',
      label: 'officeOpinion',
      onRecord: true,
      // The member options are filled in from the record (experts without an account).
      fields: [
        { name: 'memberId', kind: 'select', required: true, options: [] },
        { name: 'legality', kind: 'textarea', required: true },
        { name: 'reasonableness', kind: 'textarea', required: true },
        { name: 'upholdsReply', kind: 'switch', initial: true },
        { name: 'opinion', kind: 'textarea', required: true },
      ],
    },
    concludeReview: {
      action: 'conclude-review',
      label: 'concludeReview',
      onRecord: true,
      needsVersion: true,
      fields: [
        { name: 'upheld', kind: 'switch', initial: true },
        { name: 'opinion', kind: 'textarea', required: true },
      ],
    },
  } satisfies Record<string, ActionSpec>;
  return specs as Record<keyof typeof specs, ActionSpec>;
}
export type ActionName = keyof ReturnType<typeof actionSpecs>;
