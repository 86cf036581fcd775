import { sql } from 'kysely';
import { maskName } from '../../../../common/src/masking.js';
import type { Ctx } from '../../http/context.js';
import { daysLeft } from '../calendar/deadline-engine.js';
import { colourOf, dayDiff, nearestDuty, PETITIONER_WINDOWS, profileForUnit, today } from './case-clock.js';
import { abilitiesOf, canOnOwner, caseScope } from './cases.policy.js';
import type { CaseRow } from './cases.repository.js';
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

interface DetailRows {
  units: { unit_id: string; relation: string; unit_path: string; name: string; kind: string }[];
  parties: {
    id: string;
    role: string;
    party_type: string;
    name: string;
    id_type: string | null;
    id_number_masked: string | null;
    phone_masked: string | null;
    address: string | null;
  }[];
  deadlines: {
    id: string;
    code: string;
    unit_id: string;
    assignment_id: string | null;
    started_on: string;
    due_on: string;
    period: number;
    period_unit: string;
    extension_days: number;
    paused_days: number;
    status: string;
    unverified: boolean;
  }[];
  assignments: {
    id: string;
    unit_id: string;
    unit_name: string;
    unit_path: string;
    role: string;
    task: string;
    status: string;
    report_due_on: string;
    feedback_due_on: string;
    reported_at: string | null;
    feedback: string | null;
    feedback_at: string | null;
    objection_reason: string | null;
    objection_decision: string | null;
    assigned_at: string;
  }[];
  orders: {
    id: string;
    tier: string;
    trigger: string;
    target_unit_id: string;
    target_name: string;
    reason: string;
    due_on: string;
    status: string;
    reply: string | null;
    replied_at: string | null;
    created_at: string;
  }[];
  attachments: {
    id: string;
    kind: string;
    original_name: string;
    mime: string | null;
    size: number | null;
    sha256: string | null;
    video_url: string | null;
    description: string | null;
    uploaded_at: string;
  }[];
  registrar: string | null;
  leader: string | null;
  assigning: { id: string; name: string; path: string } | null;
}

/**
 * Everything the case page shows besides the case row, as columns over the row `cases`: each part is
 * a JSON aggregate over its table (all keyed by case_id, so this stays one shard's work when
 * distributed).
 */
const detailColumns = sql<DetailRows>`
      (select coalesce(json_agg(json_build_object('unit_id', cu.unit_id, 'relation', cu.relation, 'unit_path', cu.unit_path::text,
                 'name', u.name, 'kind', u.kind) order by cu.added_at), '[]')
         from case_units cu join org_units u on u.id = cu.unit_id where cu.case_id = cases.id) as units,
      (select coalesce(json_agg(json_build_object('id', p.id, 'role', p.role, 'party_type', p.party_type, 'name', p.name,
                 'id_type', p.id_type, 'id_number_masked', p.id_number_masked, 'phone_masked', p.phone_masked,
                 'address', p.address) order by p.sort_order), '[]')
         from case_parties p where p.case_id = cases.id) as parties,
      (select coalesce(json_agg(json_build_object('id', d.id, 'code', d.code, 'unit_id', d.unit_id, 'assignment_id', d.assignment_id,
                 'started_on', d.started_on, 'due_on', d.due_on, 'period', d.period, 'period_unit', d.period_unit,
                 'extension_days', d.extension_days, 'paused_days', d.paused_days, 'status', d.status,
                 'unverified', d.unverified) order by d.created_at), '[]')
         from case_deadlines d where d.case_id = cases.id) as deadlines,
      (select coalesce(json_agg(json_build_object('id', a.id, 'unit_id', a.unit_id, 'unit_name', u.name, 'unit_path', u.path::text,
                 'role', a.role, 'task', a.task, 'status', a.status, 'report_due_on', a.report_due_on,
                 'feedback_due_on', a.feedback_due_on, 'reported_at', a.reported_at, 'feedback', a.feedback,
                 'feedback_at', a.feedback_at, 'objection_reason', a.objection_reason,
                 'objection_decision', a.objection_decision, 'assigned_at', a.assigned_at) order by a.assigned_at), '[]')
         from case_assignments a join org_units u on u.id = a.unit_id where a.case_id = cases.id) as assignments,
      (select coalesce(json_agg(json_build_object('id', o.id, 'tier', o.tier, 'trigger', o.trigger, 'target_unit_id', o.target_unit_id,
                 'target_name', u.name, 'reason', o.reason, 'due_on', o.due_on, 'status', o.status, 'reply', o.reply,
                 'replied_at', o.replied_at, 'created_at', o.created_at) order by o.created_at), '[]')
         from supervision_orders o join org_units u on u.id = o.target_unit_id where o.case_id = cases.id) as orders,
      (select coalesce(json_agg(json_build_object('id', a.id, 'kind', a.kind, 'original_name', a.original_name, 'mime', a.mime,
                 'size', a.size, 'sha256', a.sha256, 'video_url', a.video_url, 'description', a.description,
                 'uploaded_at', a.uploaded_at) order by a.uploaded_at), '[]')
         from case_attachments a where a.case_id = cases.id) as attachments,
      (select display_name from users where id = cases.registered_by) as registrar,
      (select display_name from users where id = cases.leader_user_id) as leader,
      (select json_build_object('id', id, 'name', name, 'path', path::text) from org_units
        where id = cases.assigning_unit_id) as assigning`;

async function loadDetailRows(db: Ctx['db'], c: CaseRow): Promise<DetailRows> {
  const r = await sql<DetailRows>`select ${detailColumns} from cases where cases.id = ${c.id}`.execute(db);
  const row = r.rows[0];
  if (!row) throw new Error('detail query returned nothing');
  return row;
}

/**
 * The case row, if the actor may see it, with everything its page shows: one statement, so opening
 * a case costs one round trip to the database.
 */
export async function loadCaseDetail(
  db: Ctx['db'],
  actor: Ctx['actor'],
  id: string,
): Promise<{ c: CaseRow; rows: DetailRows } | undefined> {
  const r = await sql<CaseRow & DetailRows>`
    select cases.*, ${detailColumns} from cases where cases.id = ${id} and ${caseScope(actor)}`.execute(db);
  const row = r.rows[0];
  if (!row) return undefined;
  const { units, parties, deadlines, assignments, orders, attachments, registrar, leader, assigning, ...c } =
    row;
  return {
    c,
    rows: { units, parties, deadlines, assignments, orders, attachments, registrar, leader, assigning },
  };
}

const isoOf = (v: string | null) => (v ? new Date(v).toISOString() : null);

/** The case page: everything the actor may see, personal identifiers masked, and what they may do. */
export async function presentCase(ctx: Ctx, c: CaseRow, loaded?: DetailRows) {
  const { db, actor } = ctx;
  const asOf = today();
  const [rows, profile] = await Promise.all([
    loaded ?? loadDetailRows(db, c),
    profileForUnit(db, c.owner_path),
  ]);
  const { units, parties, deadlines, assignments, orders, attachments } = rows;
  const assigning = rows.assigning;
  const registrar = rows.registrar ? { id: c.registered_by, display_name: rows.registrar } : undefined;
  const leader = rows.leader ? { id: c.leader_user_id ?? '', display_name: rows.leader } : undefined;
  const unitName = (id: string | null) => (id ? (units.find((u) => u.unit_id === id)?.name ?? null) : null);
  const policyCase = {
    status: c.status as Status,
    ownerPath: c.owner_path,
    assigningPath: assigning?.path ?? null,
    isConfidential: c.is_confidential,
  };
  const abilities = abilitiesOf(actor, policyCase);
  // The case's own due date: the nearest running duty, as queues sort by it.
  const next = nearestDuty(deadlines.filter((d) => d.status === 'running'));
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
        reportedAt: isoOf(a.reported_at),
        feedback: a.feedback,
        feedbackAt: isoOf(a.feedback_at),
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
      repliedAt: isoOf(o.replied_at),
      abilities: {
        reply:
          o.status === 'open' &&
          canOnOwner(actor, 'case.handle', {
            ...policyCase,
            ownerPath: units.find((u) => u.unit_id === o.target_unit_id)?.unit_path ?? '',
          }),
      },
      createdAt: isoOf(o.created_at) ?? '',
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
      uploadedAt: isoOf(a.uploaded_at) ?? '',
    })),
    abilities: {
      ...abilities,
      addAttachment:
        c.status !== 'archived' &&
        (canOnOwner(actor, 'case.handle', policyCase) || canOnOwner(actor, 'case.intake', policyCase)),
    },
  };
}

export type CaseDetail = Awaited<ReturnType<typeof presentCase>>;
