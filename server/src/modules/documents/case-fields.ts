import type { Conn } from '../../db/database.js';
import type { Actor } from '../../policy/actor.js';
import { shanghaiDate } from '../calendar/iso-date.js';
import type { CaseRow } from '../cases/cases.repository.js';
import { type DocumentKind, IDENTITY_FIELDS, KIND_SPECS, REDACTED } from './document-kinds.js';

/** "2026-11-21" → "2026年11月21日": Arabic numerals, no leading zeros (GB/T 9704-2012 §7.3.5.5). */
export function chineseDate(iso: string | null | undefined): string | undefined {
  if (!iso) return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return undefined;
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
}

const dateOf = (d: Date | string | null | undefined) =>
  d ? chineseDate(d instanceof Date ? shanghaiDate(d) : d) : undefined;

const OPINION_OUTCOMES: Record<string, string> = {
  support: '予以支持',
  explain: '作出解释说明',
  not_support: '不予支持',
  adopted: '予以采纳',
  partly_adopted: '部分采纳',
  not_adopted: '不予采纳',
};

const REVIEW_DECISIONS: Record<string, string> = {
  uphold: '维持原处理意见',
  upheld: '维持原处理意见',
  maintain: '维持原处理意见',
  change: '变更原处理意见',
  changed: '变更原处理意见',
  revoke: '撤销原处理意见，责令重新办理',
  revoked: '撤销原处理意见，责令重新办理',
};

type Payload = Record<string, unknown>;

async function unitName(conn: Conn, id: unknown): Promise<string | undefined> {
  if (typeof id !== 'string') return undefined;
  const u = await conn.selectFrom('org_units').select('name').where('id', '=', id).executeTakeFirst();
  return u?.name;
}

async function parentName(conn: Conn, id: string): Promise<string | undefined> {
  const u = await conn
    .selectFrom('org_units as u')
    .innerJoin('org_units as p', 'p.id', 'u.parent_id')
    .select('p.name')
    .where('u.id', '=', id)
    .executeTakeFirst();
  return u?.name;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v : undefined);

/**
 * The fields a document of `kind` takes from the case record, by placeholder name. What the
 * record does not hold (a contact phone, the review organ's exact name…) is left out, and the
 * issuer supplies it. `undefined` means "not known"; '' means "known to be empty" (a paragraph
 * made only of empty placeholders is dropped).
 */
export async function caseFields(
  conn: Conn,
  actor: Actor,
  c: CaseRow,
  kind: DocumentKind,
): Promise<Record<string, string>> {
  const events = await conn
    .selectFrom('case_events')
    .select(['type', 'at', 'payload'])
    .where('case_id', '=', c.id)
    .orderBy('seq')
    .execute();
  const last = (...types: string[]) => [...events].reverse().find((e) => types.includes(e.type));
  const parties = await conn
    .selectFrom('case_parties')
    .select(['name', 'role'])
    .where('case_id', '=', c.id)
    .orderBy('sort_order')
    .execute();
  const petitioners = parties.filter((p) => p.role === 'petitioner').map((p) => p.name);
  const isAccusation = c.nature === 'accusation';
  const f: Record<string, string | undefined> = {
    caseNo: c.case_no,
    title: c.title,
    petitionerNames: petitioners.join('、') || undefined,
    receivedDate: chineseDate(c.received_on),
    facts: c.facts,
    demands: c.demands,
    reasons: c.reasons ?? '',
    address: c.address,
    issuingUnit: await unitName(conn, actor.unitId),
    ownerUnit: await unitName(conn, c.owner_unit_id),
    acceptedDate: dateOf(c.accepted_at),
    contactPerson: actor.displayName,
    queryMethod: '来访、来电或网上信访平台',
    handleDueDate: chineseDate(
      (
        await conn
          .selectFrom('case_deadlines')
          .select('due_on')
          .where('case_id', '=', c.id)
          .where('code', '=', 'D_HANDLE')
          .orderBy('created_at', 'desc')
          .executeTakeFirst()
      )?.due_on,
    ),
  };

  const spec = KIND_SPECS[kind];
  if (spec.source === 'case') {
    switch (kind) {
      case 'rejection_notice': {
        const p = last('case.not_accepted')?.payload as Payload | undefined;
        f.rejectReason = str(p?.reason);
        f.rejectBasis = str(p?.basis);
        f.redirect = '如有其他诉求，你（们）可以依照法律法规规定的途径向有权处理的机关提出。';
        break;
      }
      case 'non_reacceptance_notice': {
        const p = last('case.not_reaccepted')?.payload as Payload | undefined;
        f.terminatedCaseNo = str(p?.terminatedCaseNo);
        f.reason = str(p?.reason) ?? '未提出新的事实和理由';
        break;
      }
      case 'transfer_slip': {
        const e = last('case.transferred', 'case.assigned');
        const p = e?.payload as Payload | undefined;
        f.transferKind = e?.type === 'case.assigned' ? '交办' : '转送';
        f.toUnit = await unitName(conn, p?.toUnitId);
        f.transferReason = str(p?.reason);
        f.feedbackDueDate = chineseDate(str(p?.feedbackDueOn)) ?? '办结后及时';
        // 第30条: the forward packet of an accusation never names the reporter.
        if (isAccusation) f.petitionerNames = REDACTED;
        f.confidentialityMark = isAccusation
          ? '本件系检举控告事项，请严格保密，不得将检举控告材料及有关情况透露或者转给被检举控告的人员或者单位。'
          : '';
        break;
      }
      case 'extension_notice': {
        const p = last('case.extended')?.payload as Payload | undefined;
        f.extensionReason = str(p?.reason);
        f.extensionDays = p?.days !== undefined ? String(p.days) : undefined;
        f.newDueDate = chineseDate(str(p?.newDueOn));
        break;
      }
      case 'handling_opinion': {
        const o = (c.opinion ?? {}) as Payload;
        f.opinionText = str(o.text);
        f.opinionOutcome = OPINION_OUTCOMES[String(o.outcome)] ?? str(o.outcome);
        f.legalBasis = str(o.legalBasis);
        // 复查 goes to the organ above the one that gave the opinion (第35条).
        f.reviewOrgan = await parentName(conn, str(o.unitId) ?? c.owner_unit_id);
        break;
      }
      case 'review_opinion': {
        const r = (c.review ?? {}) as Payload;
        const o = (c.opinion ?? {}) as Payload;
        f.reviewText = str(r.text);
        f.reviewDecision = REVIEW_DECISIONS[String(r.decision)] ?? str(r.decision);
        f.originalUnit = await unitName(conn, o.unitId);
        f.reviewRequestedDate = dateOf(last('case.review_requested')?.at);
        f.recheckOrgan = await parentName(conn, str(r.unitId) ?? c.owner_unit_id);
        break;
      }
      case 'recheck_opinion': {
        const r = (c.recheck ?? {}) as Payload;
        const rv = (c.review ?? {}) as Payload;
        f.recheckText = str(r.text);
        f.recheckDecision = REVIEW_DECISIONS[String(r.decision)] ?? str(r.decision);
        f.reviewUnit = await unitName(conn, rv.unitId);
        f.recheckRequestedDate = dateOf(last('case.recheck_requested')?.at);
        break;
      }
      case 'supervision_order': {
        const o = await conn
          .selectFrom('supervision_orders')
          .select(['reason', 'due_on', 'target_unit_id'])
          .where('case_id', '=', c.id)
          .orderBy('created_at', 'desc')
          .executeTakeFirst();
        f.supervisionReason = o?.reason;
        f.supervisionDueDate = chineseDate(o?.due_on);
        f.targetUnit = await unitName(conn, o?.target_unit_id ?? c.owner_unit_id);
        if (isAccusation) f.petitionerNames = REDACTED;
        break;
      }
      default:
        break;
    }
  }
  return Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined)) as Record<string, string>;
}

/** The fields with the reporter's identity replaced: the copy of an accusation for other units. */
export function redactFields(fields: Record<string, string>): Record<string, string> {
  const out = { ...fields };
  for (const k of IDENTITY_FIELDS) if (out[k]) out[k] = REDACTED;
  return out;
}
