import { maskName } from '../../../../common/src/masking.js';
import type { Ctx } from '../../http/context.js';
import { daysLeft } from '../calendar/deadline-engine.js';
import { colourOf, dayDiff, PETITIONER_WINDOWS, profileForUnit, today } from './case-clock.js';
import { abilitiesOf, canOnOwner } from './cases.policy.js';
import { type CaseRow, caseUnitsOf, findUnit, partiesOf } from './cases.repository.js';
import { STATUS_LABELS, type Status } from './cases.workflow.js';

/** A list row: no personal data beyond what a queue needs. */
export function presentListItem(
  r: {
    id: string;
    case_no: string;
    title: string;
    status: string;
    is_open: boolean;
    channel: string;
    category_code: string;
    nature: string;
    risk_colour: string;
    received_at: Date;
    due_on: string | null;
    due_code: string | null;
    due_period: number | null;
    person_count: number;
    is_group: boolean;
    is_repeat: boolean;
    owner_unit_id: string;
    owner_name: string;
    version: number;
  },
  asOf: string,
) {
  const due = r.is_open && r.due_on ? r.due_on : null;
  return {
    id: r.id,
    caseNo: r.case_no,
    title: r.title,
    status: r.status,
    isOpen: r.is_open,
    channel: r.channel,
    categoryCode: r.category_code,
    nature: r.nature,
    riskColour: r.risk_colour,
    receivedAt: r.received_at.toISOString(),
    dueOn: due,
    dueCode: due ? r.due_code : null,
    dueColour: due ? colourOf(due, r.due_period, asOf) : null,
    daysLeft: due ? daysLeft(due, asOf) : null,
    personCount: r.person_count,
    isGroup: r.is_group,
    isRepeat: r.is_repeat,
    ownerUnit: { id: r.owner_unit_id, name: r.owner_name },
    version: r.version,
  };
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** The case page: everything the actor may see, personal identifiers masked, and what they may do. */
export async function presentCase(ctx: Ctx, c: CaseRow) {
  const { db, actor } = ctx;
  const asOf = today();
  const [units, parties, deadlines, assignments, orders, attachments, profile, registrar, leader, assigning] =
    await Promise.all([
      caseUnitsOf(db, c.id),
      partiesOf(db, c.id),
      db.selectFrom('case_deadlines').selectAll().where('case_id', '=', c.id).orderBy('created_at').execute(),
      db
        .selectFrom('case_assignments')
        .innerJoin('org_units', 'org_units.id', 'case_assignments.unit_id')
        .selectAll('case_assignments')
        .select(['org_units.name as unit_name', 'org_units.path as unit_path'])
        .where('case_assignments.case_id', '=', c.id)
        .orderBy('case_assignments.assigned_at')
        .execute(),
      db
        .selectFrom('supervision_orders')
        .innerJoin('org_units', 'org_units.id', 'supervision_orders.target_unit_id')
        .selectAll('supervision_orders')
        .select(['org_units.name as target_name'])
        .where('supervision_orders.case_id', '=', c.id)
        .orderBy('supervision_orders.created_at')
        .execute(),
      db
        .selectFrom('case_attachments')
        .select([
          'id',
          'kind',
          'original_name',
          'mime',
          'size',
          'sha256',
          'video_url',
          'description',
          'uploaded_at',
        ])
        .where('case_id', '=', c.id)
        .orderBy('uploaded_at')
        .execute(),
      profileForUnit(db, c.owner_path),
      db
        .selectFrom('users')
        .select(['id', 'display_name'])
        .where('id', '=', c.registered_by)
        .executeTakeFirst(),
      c.leader_user_id
        ? db
            .selectFrom('users')
            .select(['id', 'display_name'])
            .where('id', '=', c.leader_user_id)
            .executeTakeFirst()
        : undefined,
      c.assigning_unit_id ? findUnit(db, c.assigning_unit_id) : undefined,
    ]);
  const unitName = (id: string | null) => (id ? (units.find((u) => u.unit_id === id)?.name ?? null) : null);
  const policyCase = {
    status: c.status as Status,
    ownerPath: c.owner_path,
    assigningPath: assigning?.path ?? null,
    isConfidential: c.is_confidential,
  };
  const abilities = abilitiesOf(actor, policyCase);
  const staffClocks = deadlines.filter((d) => !PETITIONER_WINDOWS.has(d.code));
  const next = staffClocks
    .filter((d) => d.status === 'running')
    .sort((a, b) => (a.due_on < b.due_on ? -1 : 1))[0];
  return {
    id: c.id,
    caseNo: c.case_no,
    version: c.version,
    status: c.status,
    statusLabel: STATUS_LABELS[c.status as Status],
    isOpen: c.is_open,
    channel: c.channel,
    sourceRef: c.source_ref,
    receivedAt: c.received_at.toISOString(),
    receivedOn: c.received_on,
    registeredBy: registrar ? { id: registrar.id, name: registrar.display_name } : null,
    title: c.title,
    facts: c.facts,
    demands: c.demands,
    reasons: c.reasons,
    categoryCode: c.category_code,
    nature: c.nature,
    claimRoute: c.claim_route,
    riskColour: c.risk_colour,
    riskReason: c.risk_reason,
    address: c.address,
    latitude: c.latitude,
    longitude: c.longitude,
    personCount: c.person_count,
    isGroup: c.is_group,
    isConfidential: c.is_confidential,
    isRepeat: c.is_repeat,
    repeatOfCaseId: c.repeat_of_case_id,
    isFirstPetition: c.is_first_petition,
    resolvedOnSpot: c.resolved_on_spot,
    firstUnit: { id: c.first_unit_id, name: unitName(c.first_unit_id) ?? '' },
    ownerUnit: { id: c.owner_unit_id, name: unitName(c.owner_unit_id) ?? '' },
    assigningUnit: assigning ? { id: assigning.id, name: assigning.name } : null,
    units: units.map((u) => ({ unitId: u.unit_id, name: u.name, kind: u.kind, relation: u.relation })),
    parties: parties.map((p) => ({
      id: p.id,
      role: p.role,
      partyType: p.party_type,
      name: p.name,
      nameMasked: maskName(p.name),
      idType: p.id_type,
      idNumberMasked: p.id_number_masked,
      phoneMasked: p.phone_masked,
      address: p.address,
    })),
    due: next
      ? {
          code: next.code,
          dueOn: next.due_on,
          daysLeft: daysLeft(next.due_on, asOf),
          colour: colourOf(next.due_on, dayDiff(next.started_on, next.due_on), asOf, profile),
        }
      : null,
    deadlines: deadlines.map((d) => {
      const rule = profile.rules[d.code];
      const running = d.status === 'running';
      return {
        id: d.id,
        code: d.code,
        label: rule ? { zh: rule.labelZh, en: rule.labelEn } : { zh: d.code, en: d.code },
        basis: rule?.basis ?? null,
        unitId: d.unit_id,
        unitName: unitName(d.unit_id),
        assignmentId: d.assignment_id,
        startedOn: d.started_on,
        dueOn: d.due_on,
        period: d.period,
        periodUnit: d.period_unit,
        extensionDays: d.extension_days,
        pausedDays: d.paused_days,
        status: d.status,
        isPetitionerWindow: PETITIONER_WINDOWS.has(d.code),
        unverified: d.unverified,
        daysLeft: running ? daysLeft(d.due_on, asOf) : null,
        colour: running ? colourOf(d.due_on, dayDiff(d.started_on, d.due_on), asOf, profile) : null,
      };
    }),
    assignments: assignments.map((a) => {
      const mine = canOnOwner(actor, 'case.handle', { ...policyCase, ownerPath: a.unit_path });
      return {
        id: a.id,
        unit: { id: a.unit_id, name: a.unit_name },
        role: a.role,
        task: a.task,
        status: a.status,
        reportDueOn: a.report_due_on,
        feedbackDueOn: a.feedback_due_on,
        reportedAt: iso(a.reported_at),
        feedback: a.feedback,
        feedbackAt: iso(a.feedback_at),
        objectionReason: a.objection_reason,
        objectionDecision: a.objection_decision,
        abilities: {
          reportIn: mine && a.status === 'assigned',
          feedback: mine && (a.status === 'assigned' || a.status === 'reported'),
          object: mine && (a.status === 'assigned' || a.status === 'reported'),
          decideObjection: a.status === 'objected' && canOnOwner(actor, 'case.decide', policyCase),
        },
      };
    }),
    supervision: orders.map((o) => ({
      id: o.id,
      tier: o.tier,
      trigger: o.trigger,
      targetUnit: { id: o.target_unit_id, name: o.target_name },
      reason: o.reason,
      dueOn: o.due_on,
      status: o.status,
      reply: o.reply,
      repliedAt: iso(o.replied_at),
      createdAt: o.created_at.toISOString(),
    })),
    leader: c.leader_user_id
      ? { userId: c.leader_user_id, name: leader?.display_name ?? '', package: c.leader_package }
      : null,
    opinion: c.opinion,
    review: c.review,
    recheck: c.recheck,
    deliveredOn: c.delivered_on,
    receiptConfirmedAt: iso(c.receipt_confirmed_at),
    closedAt: iso(c.closed_at),
    terminatedAt: iso(c.terminated_at),
    satisfaction: c.satisfaction,
    followedUpAt: iso(c.followed_up_at),
    archivedAt: iso(c.archived_at),
    attachments: attachments.map((a) => ({
      id: a.id,
      kind: a.kind,
      name: a.original_name,
      mime: a.mime,
      size: a.size,
      sha256: a.sha256,
      videoUrl: a.video_url,
      description: a.description,
      uploadedAt: a.uploaded_at.toISOString(),
    })),
    abilities,
  };
}

export type CaseDetail = Awaited<ReturnType<typeof presentCase>>;
