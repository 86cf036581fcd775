import { sql } from 'kysely';
import type { z } from 'zod';
import type { Conn } from '../../../db/database.js';
import type { Ctx } from '../../../http/context.js';
import { AppError } from '../../../http/errors.js';
import { isWithin } from '../../../policy/policy.js';
import { profileForUnit, runningClocks } from '../../cases/case-clock.js';
import type { CaseRow } from '../../cases/cases.repository.js';
import { findCaseInScope } from '../../cases/cases.repository.js';
import {
  concludeExpertReview as concludeCommand,
  requestExpertReview as requestCommand,
} from '../../cases/use-cases/handle.js';
import { runCommand } from '../../cases/use-cases/run-command.js';
import { presentRoster } from '../mechanisms.presenter.js';
import {
  insertMechanism,
  insertMembers,
  insertStep,
  type RosterRow,
  requireActive,
  requireMechanism,
  rosterOfDistrict,
  updateMechanism,
} from '../mechanisms.repository.js';
import type { concludeExpertReviewBody, expertOpinionBody, expertReviewBody } from '../mechanisms.schemas.js';
import { recordStep, withRecord } from '../record-step.js';
import { pickRoster } from './roster-pick.js';

/** The smallest panel: the unit's deadline profile (Changyi: 5), else the `mechanisms` setting. */
export async function expertPanelMin(conn: Conn, ownerPath: string): Promise<number> {
  const profile = await profileForUnit(conn, ownerPath);
  if (profile.params.expertPanelMin) return profile.params.expertPanelMin;
  const row = await conn
    .selectFrom('settings')
    .select('value')
    .where('key', '=', 'mechanisms')
    .executeTakeFirst();
  return Number((row?.value as { expertPanelMin?: number } | undefined)?.expertPanelMin ?? 5);
}

interface CaseLinks {
  /** Units that handled or replied (owner, former owners, lead/co-handlers, the replying unit). */
  handlingPaths: { path: string; name: string }[];
  partyNames: Set<string>;
  actorIds: Set<string>;
  townPath: string | null;
}

async function linksOf(conn: Conn, c: CaseRow): Promise<CaseLinks> {
  const units = await conn
    .selectFrom('case_units as cu')
    .innerJoin('org_units as o', 'o.id', 'cu.unit_id')
    .select(['o.path', 'o.name', 'o.kind', 'cu.relation'])
    .where('cu.case_id', '=', c.id)
    .execute();
  const replying = (c.opinion as { unitId?: string } | null)?.unitId;
  const replyUnit = replying
    ? await conn
        .selectFrom('org_units')
        .select(['path', 'name'])
        .where('id', '=', replying)
        .executeTakeFirst()
    : undefined;
  const handling = units
    .filter((u) => ['owner', 'former', 'lead', 'co', 'first'].includes(u.relation))
    .map((u) => ({ path: u.path, name: u.name }));
  if (replyUnit) handling.unshift(replyUnit);
  const parties = await conn.selectFrom('case_parties').select('name').where('case_id', '=', c.id).execute();
  const actors = await conn
    .selectFrom('case_events')
    .select('actor_id')
    .distinct()
    .where('case_id', '=', c.id)
    .where('actor_id', 'is not', null)
    .execute();
  const town = await sql<{ path: string }>`
    select t.path from org_units f join org_units t on t.kind = 'town' and t.path @> f.path
     where f.id = ${c.first_unit_id} order by nlevel(t.path) desc limit 1`.execute(conn);
  return {
    handlingPaths: handling,
    partyNames: new Set(parties.map((p) => p.name)),
    actorIds: new Set(actors.map((a) => a.actor_id as string)),
    townPath: town.rows[0]?.path ?? null,
  };
}

/**
 * 回避 (第28条第3款): an expert linked to the case, its parties or the replying unit cannot sit.
 * Returns the reason shown beside the name, or null.
 */
async function recusalOf(conn: Conn, r: RosterRow, links: CaseLinks): Promise<string | null> {
  if (links.partyNames.has(r.name)) return '本案当事人（与信访人同名）';
  if (r.user_id && links.actorIds.has(r.user_id)) return '曾参与本案办理';
  if (r.work_unit_id) {
    const unit = await conn
      .selectFrom('org_units')
      .select('path')
      .where('id', '=', r.work_unit_id)
      .executeTakeFirst();
    const hit = unit && links.handlingPaths.find((h) => isWithin(unit.path, h.path));
    if (hit) return `所在单位为本案办理/答复单位（${hit.name}）`;
  }
  return null;
}

function groupOf(r: RosterRow, townPath: string | null): 'own_town' | 'city_pool' | 'other_town' {
  if (r.level !== 'town') return 'city_pool';
  return townPath && r.owner_path === townPath ? 'own_town' : 'other_town';
}

/** 点单式: the district's experts grouped (own town's panel, city pool, other towns), each with its recusal. */
export async function expertCandidates(ctx: Ctx, caseId: string) {
  const c = await findCaseInScope(ctx.db, ctx.actor, caseId);
  if (!c) throw new AppError('NOT_FOUND');
  const links = await linksOf(ctx.db, c);
  const rows = (await rosterOfDistrict(ctx.db, c.owner_path.split('.')[0] as string, 'expert')).filter(
    (r) => r.is_active,
  );
  const items = [];
  for (const r of rows) {
    items.push({
      ...presentRoster(r),
      group: groupOf(r, links.townPath),
      recusal: await recusalOf(ctx.db, r, links),
    });
  }
  const order = { own_town: 0, city_pool: 1, other_town: 2 };
  items.sort((a, b) => order[a.group] - order[b.group] || a.name.localeCompare(b.name, 'zh'));
  const window = (await runningClocks(ctx.db, caseId)).find((d) => d.code === 'D_EXPERT_REVIEW_WINDOW');
  return {
    items,
    minimum: await expertPanelMin(ctx.db, c.owner_path),
    windowLastDay: window?.due_on ?? null,
  };
}

/**
 * 专家评审 request: inside the window (the case's `request-expert-review` command checks it and names
 * the window when late), with at least the configured number of experts, none of them recused.
 */
export async function requestExpertReview(ctx: Ctx, caseId: string, b: z.infer<typeof expertReviewBody>) {
  let id = '';
  const run = withRecord(
    requestCommand(ctx.actor, { version: b.version, requestedOn: b.requestedOn, reasons: b.reasons }),
    async (s) => {
      const experts = await pickRoster(
        s.trx,
        b.expertRosterIds,
        'expert',
        s.c.owner_path,
        'body.expertRosterIds',
      );
      const minimum = await expertPanelMin(s.trx, s.c.owner_path);
      if (experts.length < minimum) {
        throw new AppError(
          'EXPERT_PANEL_TOO_SMALL',
          { minimum, chosen: experts.length },
          {
            zh: `评审专家应不少于${minimum}名，当前仅选择${experts.length}名`,
            en: `Choose at least ${minimum} experts (${experts.length} chosen)`,
          },
        );
      }
      const links = await linksOf(s.trx, s.c);
      const recused = [];
      for (const e of experts) {
        const reason = await recusalOf(s.trx, e, links);
        if (reason) recused.push({ rosterId: e.id, name: e.name, reason });
      }
      if (recused.length) {
        throw new AppError('EXPERT_RECUSED', recused, {
          zh: `以下专家须回避：${recused.map((r) => `${r.name}（${r.reason}）`).join('；')}`,
          en: `These experts must stand aside: ${recused.map((r) => r.name).join(', ')}`,
        });
      }
      id = await insertMechanism(s.trx, {
        caseId,
        kind: 'expert_review',
        details: {
          requestedOn: b.requestedOn,
          reasons: b.reasons,
          groups: Object.fromEntries(experts.map((e) => [e.id, groupOf(e, links.townPath)])),
        },
        createdBy: ctx.actor.userId,
      });
      await insertMembers(
        s.trx,
        caseId,
        id,
        experts.map((e) => ({ role: 'expert', rosterId: e.id, name: e.name })),
      );
      return { mechanismId: id, expertRosterIds: b.expertRosterIds };
    },
  );
  const { version } = await runCommand(ctx, caseId, run);
  return { id, version };
}

/**
 * An expert records their own opinion on legality and reasonableness (the case is read-only to
 * them). For an expert without an account the office records the signed paper opinion on their
 * behalf; an expert with an account must record their own.
 */
export async function recordExpertOpinion(
  ctx: Ctx,
  caseId: string,
  mechanismId: string,
  b: z.infer<typeof expertOpinionBody>,
) {
  await recordStep(ctx, caseId, {
    event: 'case.expert_opinion_recorded',
    memberOf: mechanismId,
    apply: async (s) => {
      requireActive(await requireMechanism(s.trx, caseId, mechanismId, 'expert_review'));
      let memberId: string;
      if (s.member) {
        if (s.member.role !== 'expert' || (b.memberId && b.memberId !== s.member.id))
          throw new AppError('FORBIDDEN');
        memberId = s.member.id;
      } else {
        const target = b.memberId
          ? await s.trx
              .selectFrom('case_mechanism_members as m')
              .leftJoin('mechanism_roster as r', 'r.id', 'm.roster_id')
              .select(['m.id', 'r.user_id'])
              .where('m.case_id', '=', caseId)
              .where('m.mechanism_id', '=', mechanismId)
              .where('m.id', '=', b.memberId)
              .executeTakeFirst()
          : undefined;
        if (!target) {
          throw new AppError('VALIDATION_FAILED', [{ path: 'body.memberId', message: '请选择评审专家' }]);
        }
        if (target.user_id) {
          throw new AppError('VALIDATION_FAILED', [
            { path: 'body.memberId', message: '该专家有系统账号，应由本人提交评审意见' },
          ]);
        }
        memberId = target.id;
      }
      const { memberId: _ignored, ...opinion } = b;
      await s.trx
        .updateTable('case_mechanism_members')
        .set({
          opinion: JSON.stringify({
            ...opinion,
            recordedBy: s.member ? 'self' : 'office',
            recordedAt: new Date().toISOString(),
          }),
        })
        .where('case_id', '=', caseId)
        .where('mechanism_id', '=', mechanismId)
        .where('id', '=', memberId)
        .execute();
      await insertStep(s.trx, {
        caseId,
        mechanismId,
        kind: 'opinion',
        occurredOn: s.today,
        details: { memberId, upholdsReply: b.upholdsReply, recordedBy: s.member ? 'self' : 'office' },
        createdBy: ctx.actor.userId,
      });
      return {
        mechanismId,
        memberId,
        upholdsReply: b.upholdsReply,
        recordedBy: s.member ? 'self' : 'office',
      };
    },
  });
}

/**
 * The panel opinion (专家评审意见) feeds the case outcome through `conclude-expert-review`: upheld →
 * back to delivered (the reply stands, explained more fully); not upheld → handled again.
 * Every chosen expert must have given an opinion first.
 */
export async function concludeExpertReview(
  ctx: Ctx,
  caseId: string,
  mechanismId: string,
  b: z.infer<typeof concludeExpertReviewBody>,
) {
  const run = withRecord(
    concludeCommand(ctx.actor, { version: b.version, upheld: b.upheld, opinion: b.opinion }),
    async (s) => {
      const m = await requireMechanism(s.trx, caseId, mechanismId, 'expert_review');
      requireActive(m);
      const members = await s.trx
        .selectFrom('case_mechanism_members')
        .select(['name', 'opinion'])
        .where('case_id', '=', caseId)
        .where('mechanism_id', '=', mechanismId)
        .execute();
      const missing = members.filter((x) => !x.opinion).map((x) => x.name);
      if (missing.length) {
        throw new AppError('VALIDATION_FAILED', [
          { path: 'body.upheld', message: `尚有专家未提交评审意见：${missing.join('、')}` },
        ]);
      }
      const upholding = members.filter((x) => (x.opinion as { upholdsReply?: boolean }).upholdsReply).length;
      await insertStep(s.trx, {
        caseId,
        mechanismId,
        kind: 'conclusion',
        occurredOn: s.today,
        details: { upheld: b.upheld, opinion: b.opinion, upholding, panelSize: members.length },
        createdBy: ctx.actor.userId,
      });
      await updateMechanism(s.trx, caseId, mechanismId, {
        status: 'concluded',
        outcome: b.upheld ? 'upheld' : 'not_upheld',
        details: { ...m.details, opinion: b.opinion, upholding, panelSize: members.length },
      });
      return { mechanismId, upholding, panelSize: members.length };
    },
  );
  return runCommand(ctx, caseId, run);
}
