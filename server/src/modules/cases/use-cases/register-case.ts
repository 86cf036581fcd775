import type { Nature } from '../../../../../common/src/cases.js';
import { normalizeIdNumber } from '../../../../../common/src/id-number.js';
import { maskIdNumber, maskPhone } from '../../../../../common/src/masking.js';
import type { Trx } from '../../../db/database.js';
import type { Ctx } from '../../../http/context.js';
import { AppError } from '../../../http/errors.js';
import { type FieldCrypto, fieldCryptoFor, normalizePhone } from '../../../lib/field-crypto.js';
import { TtlCache } from '../../../lib/ttl-cache.js';
import { can } from '../../../policy/policy.js';
import { bumpEvaluation } from '../../evaluation/evaluation.repository.js';
import { caseIndexText, tsvectorOf } from '../../search/search-text.js';
import { findActiveCategory } from '../../taxonomy/taxonomy.repository.js';
import { dayDiff, nearestDuty, planClock, profileForUnit, today, workCalendar } from '../case-clock.js';
import { chainEvents, insertChainedEvents, type NewEvent } from '../case-events.js';
import { addCaseUnits, disciplineUnitFor, findUnit, nextCaseNo } from '../cases.repository.js';
import type { IntakeInput, PartyInput } from '../cases.schemas.js';
import { matterFingerprint } from '../fingerprint.js';

function encryptParty(fc: FieldCrypto, p: PartyInput) {
  const id = p.idNumber ? (normalizeIdNumber(p.idNumber) ?? p.idNumber.toUpperCase()) : undefined;
  const phone = p.phone ? normalizePhone(p.phone) : undefined;
  return {
    party_type: p.partyType,
    name: p.name,
    id_type: p.idType ?? (p.idNumber && p.partyType === 'person' ? 'resident_id' : null),
    id_number_enc: id ? fc.encrypt(id) : null,
    id_number_hmac: id ? fc.blindIndex(id) : null,
    id_number_masked: id ? maskIdNumber(id) : null,
    phone_enc: phone ? fc.encrypt(phone) : null,
    phone_hmac: phone ? fc.blindIndex(phone) : null,
    phone_masked: phone ? maskPhone(phone) : null,
    address: p.address ?? null,
  };
}

// Reference data read on every intake; thirty seconds of staleness after an administrator's change is harmless.
const units = new TtlCache<Awaited<ReturnType<typeof findUnit>>>(30_000);
const categories = new TtlCache<Awaited<ReturnType<typeof findActiveCategory>>>(30_000);
const thresholds = new TtlCache<number>(30_000);
const unitById = (db: Ctx['db'], id: string) => units.get(id, () => findUnit(db, id));

export interface RegisterResult {
  caseId: string;
  caseNo: string;
  referredToDiscipline: boolean;
  warnings: {
    code: 'TERMINATED_SAME_FACTS' | 'TERMINATED_SAME_PERSON_CATEGORY';
    caseId: string;
    caseNo: string;
  }[];
}

/**
 * 登记: records a matter received on any channel. The receiving unit becomes the first handler
 * (首办) and owner; a grid worker's report goes to the grid's community. The clock for the written
 * notice starts (for matters handed down by a superior, also the 5-working-day objection window).
 * An accusation whose category belongs to discipline inspection is referred in the same transaction,
 * so it is confidential from its first moment. Nothing is written if any check fails.
 */
export interface RegisterOptions {
  /**
   * Where a case entered from outside the intake form came from (a legacy ledger line), kept in
   * the case.registered event so the record says how the case arrived.
   */
  provenance?: Record<string, unknown>;
}

/**
 * Also runs inside a caller's transaction (ctx.db a transaction): a batch import registers all of
 * its cases, or none.
 */
export async function registerCase(
  ctx: Ctx,
  input: IntakeInput,
  options: RegisterOptions = {},
): Promise<RegisterResult> {
  const { db, actor } = ctx;
  const receivingId = input.unitId ?? actor.unitId;
  const receiving = await unitById(db, receivingId);
  if (!receiving?.is_active || !can(actor, 'case.intake', { unitPath: receiving.path })) {
    if (input.unitId) {
      throw new AppError('VALIDATION_FAILED', [
        { path: 'body.unitId', message: '单位不存在或不在您的管辖范围内' },
      ]);
    }
    throw new AppError('FORBIDDEN');
  }
  // A grid is where the worker walks; the community workstation above it handles what is found.
  const handling =
    receiving.kind === 'grid' && receiving.parent_id ? await unitById(db, receiving.parent_id) : receiving;
  if (!handling) throw new AppError('NOT_FOUND');
  const category = await categories.get(input.categoryCode, () => findActiveCategory(db, input.categoryCode));
  if (!category) {
    throw new AppError('VALIDATION_FAILED', [
      { path: 'body.categoryCode', message: '问题分类不存在或已停用' },
    ]);
  }
  for (const [field, id] of [
    ['sourceUnitId', input.sourceUnitId],
    ['locationUnitId', input.locationUnitId],
  ] as const) {
    if (id && !(await unitById(db, id))) {
      throw new AppError('VALIDATION_FAILED', [{ path: `body.${field}`, message: '单位不存在' }]);
    }
  }
  const nature: Nature = input.nature ?? category.defaultNature ?? 'claim';
  const groupThreshold = await thresholds.get('group', async () => {
    const row = await db
      .selectFrom('settings')
      .select('value')
      .where('key', '=', 'group_petition_threshold')
      .executeTakeFirst();
    return Number(row?.value ?? 5);
  });
  const fc = fieldCryptoFor(ctx.config);
  const receivedAt = input.receivedAt ? new Date(input.receivedAt) : new Date();
  if (receivedAt.getTime() > Date.now() + 60_000) {
    throw new AppError('VALIDATION_FAILED', [{ path: 'body.receivedAt', message: '收到时间不能晚于现在' }]);
  }
  const receivedOn = today(receivedAt);
  const parties = [
    ...input.petitioners.map((p) => ({ role: 'petitioner', ...encryptParty(fc, p) })),
    ...input.representatives.map((p) => ({ role: 'representative', ...encryptParty(fc, p) })),
    ...(input.agent ? [{ role: 'agent', ...encryptParty(fc, input.agent) }] : []),
  ];
  const identities = parties
    .filter((p) => p.role === 'petitioner')
    .map((p) => p.id_number_hmac ?? p.phone_hmac)
    .filter((x): x is string => !!x);
  const fingerprint = identities.length
    ? matterFingerprint({
        categoryCode: category.code,
        identities,
        facts: input.facts,
        reasons: input.reasons,
      })
    : null;
  const toDiscipline = nature === 'accusation' && category.flags.includes('J');
  const discipline = toDiscipline ? await disciplineUnitFor(db, handling.path) : undefined;
  if (toDiscipline && !discipline) {
    throw new AppError('VALIDATION_FAILED', [
      { path: 'body.categoryCode', message: '未设置纪检监察机关，无法移送' },
    ]);
  }

  const [cal, profile] = await Promise.all([workCalendar(db), profileForUnit(db, handling.path)]);
  // Search tokens are cut here, once, outside the transaction, and written with the row (no trigger).
  const searchText = caseIndexText(input);
  const alg = ctx.config.auditHash;

  const inTransaction = <T>(fn: (trx: Trx) => Promise<T>): Promise<T> =>
    db.isTransaction ? fn(db as Trx) : db.transaction().execute(fn);
  const result = await inTransaction(async (trx) => {
    const caseId = crypto.randomUUID();
    const caseNo = await nextCaseNo(trx, receivedOn.slice(0, 4));
    const owner = discipline ?? handling;
    // The clocks, the events and the units are computed first so that the case row is written once,
    // already carrying its chain head and nearest due date: intake is the busiest write of all.
    const clocks = (
      input.channel === 'superior' ? ['D_NOTIFY_TRANSFERRED', 'D_OBJECTION'] : ['D_NOTIFY_DIRECT']
    ).map((code) => planClock(cal, profile, { caseId, code, unitId: owner.id, startedOn: receivedOn }));
    const nearest = nearestDuty(clocks);
    const at = new Date();
    const events: NewEvent[] = [
      {
        type: 'case.registered',
        actorId: actor.userId,
        actorUnitId: actor.unitId,
        fromStatus: null,
        toStatus: 'registered',
        at,
        payload: {
          caseNo,
          channel: input.channel,
          unitId: handling.id,
          receivingUnitId: receiving.id,
          categoryCode: category.code,
          nature,
          riskColour: input.riskColour,
          personCount: input.personCount,
          petitioners: input.petitioners.length,
          representatives: input.representatives.length,
          receivedAt: receivedAt.toISOString(),
          ...(options.provenance ? { provenance: options.provenance } : {}),
        },
      },
    ];
    if (discipline) {
      events.push({
        type: 'case.referred_discipline',
        actorId: actor.userId,
        actorUnitId: actor.unitId,
        fromStatus: 'registered',
        toStatus: 'referred_discipline',
        at,
        payload: {
          toUnitId: discipline.id,
          reason: '检举控告类事项，按分类移送纪检监察机关',
          automatic: true,
        },
      });
    }
    const chained = chainEvents(alg, caseId, events);
    const head = chained[chained.length - 1]!;
    await trx
      .insertInto('cases')
      .values({
        id: caseId,
        case_no: caseNo,
        status: discipline ? 'referred_discipline' : 'registered',
        version: discipline ? 2 : 1,
        is_confidential: !!discipline,
        channel: input.channel,
        source_unit_id: input.sourceUnitId ?? (receiving.id !== handling.id ? receiving.id : null),
        // Who decides an objection to a hand-down: the superior that sent it, or else the unit above.
        assigning_unit_id: input.channel === 'superior' ? (input.sourceUnitId ?? handling.parent_id) : null,
        source_ref: input.sourceRef ?? null,
        received_at: receivedAt,
        received_on: receivedOn,
        registered_by: actor.userId,
        first_unit_id: handling.id,
        owner_unit_id: owner.id,
        owner_path: owner.path,
        title: input.title,
        facts: input.facts,
        demands: input.demands,
        reasons: input.reasons ?? null,
        category_code: category.code,
        category_set_id: category.setId,
        nature,
        risk_colour: input.riskColour,
        risk_reason: input.riskReason ?? null,
        address: input.address,
        latitude: input.latitude ?? null,
        longitude: input.longitude ?? null,
        location_unit_id: input.locationUnitId ?? null,
        person_count: input.personCount,
        is_group: input.personCount >= groupThreshold,
        due_on: nearest?.due_on ?? null,
        due_code: nearest?.code ?? null,
        due_period: nearest ? dayDiff(nearest.started_on, nearest.due_on) : null,
        chain_seq: head.seq,
        chain_hash: head.hash,
        search_vector: tsvectorOf(searchText),
        created_at: at,
        updated_at: at,
      })
      .execute();
    await insertChainedEvents(trx, chained);
    if (parties.length) {
      await trx
        .insertInto('case_parties')
        .values(parties.map((p, i) => ({ ...p, case_id: caseId, sort_order: i })))
        .execute();
    }
    const relations: [string, string][] = [
      [handling.id, 'first'],
      [handling.id, discipline ? 'former' : 'owner'],
    ];
    if (receiving.id !== handling.id) relations.push([receiving.id, 'source']);
    if (discipline) relations.push([discipline.id, 'owner']);
    await addCaseUnits(trx, caseId, relations);
    await trx.insertInto('case_deadlines').values(clocks).execute();

    if (input.uploadIds.length) {
      const claimed = await trx
        .updateTable('uploads')
        .set({ claimed_by_case: caseId })
        .where('id', 'in', input.uploadIds)
        .where('uploaded_by', '=', actor.userId)
        .where('claimed_by_case', 'is', null)
        .returningAll()
        .execute();
      if (claimed.length !== input.uploadIds.length) {
        throw new AppError('VALIDATION_FAILED', [
          { path: 'body.uploadIds', message: '附件不存在或已被使用' },
        ]);
      }
      await trx
        .insertInto('case_attachments')
        .values(
          claimed.map((u) => ({
            case_id: caseId,
            kind: u.kind,
            storage_key: u.storage_key,
            original_name: u.original_name,
            mime: u.mime,
            size: u.size,
            sha256: u.sha256,
            is_confidential: !!discipline,
            uploaded_by: actor.userId,
            uploaded_at: u.uploaded_at,
          })),
        )
        .execute();
    }
    await bumpEvaluation(trx, caseId, { isNew: true });
    return { caseId, caseNo };
  });

  const warnings: RegisterResult['warnings'] = [];
  if (identities.length) {
    const terminated = await db
      .selectFrom('case_parties as p')
      .innerJoin('cases', 'cases.id', 'p.case_id')
      .select(['cases.id', 'cases.case_no', 'cases.fingerprint', 'cases.category_code'])
      .where('cases.status', 'in', ['terminated', 'followed_up', 'archived'])
      .where('cases.terminated_at', 'is not', null)
      .where((eb) => eb.or([eb('p.id_number_hmac', 'in', identities), eb('p.phone_hmac', 'in', identities)]))
      .where('cases.id', '!=', result.caseId)
      .execute();
    for (const t of terminated) {
      if (fingerprint && t.fingerprint === fingerprint) {
        warnings.push({ code: 'TERMINATED_SAME_FACTS', caseId: t.id, caseNo: t.case_no });
      } else if (t.category_code === category.code) {
        warnings.push({ code: 'TERMINATED_SAME_PERSON_CATEGORY', caseId: t.id, caseNo: t.case_no });
      }
    }
  }
  return { ...result, referredToDiscipline: toDiscipline, warnings };
}
