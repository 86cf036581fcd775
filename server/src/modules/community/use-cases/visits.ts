import { sql } from 'kysely';
import type { Ctx } from '../../../http/context.js';
import { AppError } from '../../../http/errors.js';
import { can, scopeFilter } from '../../../policy/policy.js';
import { addDays, diffDays } from '../../calendar/iso-date.js';
import { today } from '../../cases/case-clock.js';
import { findUnitPath } from '../community.repository.js';
import type { CoverageQuery, VisitCoverage, VisitPlanSet } from '../community.schemas.js';

const shanghai = (d: string) => `${d}T00:00:00+08:00`;

async function withinUnit(ctx: Ctx, unitId: string | undefined): Promise<string | undefined> {
  if (!unitId) return undefined;
  const u = await findUnitPath(ctx.db, unitId);
  if (!u || !can(ctx.actor, 'visit.read', { unitPath: u.path })) throw new AppError('NOT_FOUND');
  return u.path;
}

/** The latest visit and patrol records of the actor's area (visit.read), newest first. */
export async function listVisits(ctx: Ctx, q: { unitId?: string | undefined; limit: number }) {
  const { db, actor } = ctx;
  if (!can(actor, 'visit.read')) throw new AppError('FORBIDDEN');
  const within = await withinUnit(ctx, q.unitId);
  let s = db
    .selectFrom('visits as v')
    .innerJoin('org_units as u', 'u.id', 'v.unit_id')
    .innerJoin('users as p', 'p.id', 'v.cadre_user_id')
    .leftJoin('cases as c', 'c.id', 'v.case_id')
    .select([
      'v.id',
      'v.kind',
      'v.unit_id',
      'u.name as unit_name',
      'v.cadre_user_id',
      'p.display_name as cadre_name',
      'v.visited_at',
      'v.household',
      'v.needs',
      'v.follow_up',
      sql<number>`coalesce(jsonb_array_length(v.route), 0)`.as('route_points'),
      'v.finding',
      'v.case_id',
      'c.case_no',
    ])
    .where(scopeFilter(actor, 'visit.read', 'v.unit_path'))
    .orderBy('v.visited_at', 'desc')
    .limit(q.limit);
  if (within) s = s.where(sql<boolean>`v.unit_path <@ ${within}::ltree`);
  const rows = await s.execute();
  return {
    items: rows.map((r) => ({
      id: r.id,
      kind: r.kind as 'home_visit' | 'patrol',
      unit: { id: r.unit_id, name: r.unit_name },
      cadre: { id: r.cadre_user_id, name: r.cadre_name },
      visitedAt: new Date(r.visited_at).toISOString(),
      household: r.household,
      needs: r.needs,
      followUp: r.follow_up,
      routePoints: Number(r.route_points),
      finding: r.finding as 'none' | 'need' | 'hazard',
      // The case link shows only to whoever may read the case; the record says a case was made.
      case: r.case_id && r.case_no ? { id: r.case_id, caseNo: r.case_no } : null,
    })),
  };
}

/** 走访计划: how often a cadre visits a grid's households (grid.manage over the grid). */
export async function setVisitPlan(ctx: Ctx, b: VisitPlanSet): Promise<void> {
  const { db, actor } = ctx;
  const unit = await findUnitPath(db, b.unitId);
  if (!unit || !can(actor, 'grid.manage', { unitPath: unit.path })) {
    throw new AppError(unit && can(actor, 'org.read', { unitPath: unit.path }) ? 'FORBIDDEN' : 'NOT_FOUND');
  }
  const cadre = await db
    .selectFrom('users')
    .innerJoin('org_units', 'org_units.id', 'users.unit_id')
    .select(['users.id', 'org_units.path'])
    .where('users.id', '=', b.cadreUserId)
    .where('users.is_active', '=', true)
    .executeTakeFirst();
  if (!cadre || !can(actor, 'grid.manage', { unitPath: cadre.path }))
    throw new AppError('VALIDATION_FAILED', [
      { path: 'body.cadreUserId', message: '人员不存在或不在本辖区' },
    ]);
  await db
    .insertInto('visit_plans')
    .values({
      unit_id: unit.id,
      cadre_user_id: cadre.id,
      times_per_week: b.timesPerWeek,
      note: b.note ?? null,
    })
    .onConflict((oc) =>
      oc
        .columns(['unit_id', 'cadre_user_id'])
        .doUpdateSet({ times_per_week: b.timesPerWeek, note: b.note ?? null }),
    )
    .execute();
}

/**
 * 走访覆盖: per grid, home visits, distinct households visited (against the grid's households),
 * patrols, findings and cases made; per cadre, home visits against what the plans call for
 * (times a week × the weeks of the period) and cases made. Over the actor's visit.read area.
 */
export async function getVisitCoverage(ctx: Ctx, q: CoverageQuery): Promise<VisitCoverage> {
  const { db, actor } = ctx;
  if (!can(actor, 'visit.read')) throw new AppError('FORBIDDEN');
  const within = await withinUnit(ctx, q.unitId);
  const to = q.to ?? today();
  const from = q.from ?? addDays(to, -27);
  if (from > to)
    throw new AppError('VALIDATION_FAILED', [{ path: 'querystring.to', message: '结束日期须晚于开始日期' }]);
  const weeks = (diffDays(from, to) + 1) / 7;
  const scope = scopeFilter(actor, 'visit.read', 'v.unit_path');
  const inside = within ? sql<boolean>`v.unit_path <@ ${within}::ltree` : sql<boolean>`true`;
  const period = sql<boolean>`v.visited_at >= ${shanghai(from)}::timestamptz and v.visited_at < ${shanghai(addDays(to, 1))}::timestamptz`;

  const grids = await sql<{
    id: string;
    name: string;
    community_name: string | null;
    households: number | null;
    home_visits: number;
    households_visited: number;
    patrols: number;
    findings: number;
    cases: number;
  }>`
    select u.id, u.name, p.name as community_name, g.households,
           count(v.id) filter (where v.kind = 'home_visit')::int as home_visits,
           count(distinct v.household) filter (where v.kind = 'home_visit')::int as households_visited,
           count(v.id) filter (where v.kind = 'patrol')::int as patrols,
           count(v.id) filter (where v.finding <> 'none')::int as findings,
           count(v.case_id)::int as cases
      from org_units u
      left join org_units p on p.id = u.parent_id
      left join grids g on g.unit_id = u.id
      left join visits v on v.unit_id = u.id and ${period}
     where u.kind = 'grid' and u.is_active
       and ${scopeFilter(actor, 'visit.read', 'u.path')}
       and ${within ? sql`u.path <@ ${within}::ltree` : sql`true`}
     group by u.id, u.name, p.name, g.households, u.path
     order by u.path`.execute(db);

  const cadres = await sql<{
    id: string;
    name: string;
    home_visits: number;
    patrols: number;
    per_week: number | null;
    cases: number;
  }>`
    with done as (
      select v.cadre_user_id as id,
             count(*) filter (where v.kind = 'home_visit')::int as home_visits,
             count(*) filter (where v.kind = 'patrol')::int as patrols,
             count(v.case_id)::int as cases
        from visits v
       where ${period} and ${scope} and ${inside}
       group by v.cadre_user_id),
    planned as (
      select vp.cadre_user_id as id, sum(vp.times_per_week)::int as per_week
        from visit_plans vp
        join org_units v on v.id = vp.unit_id
       where ${scopeFilter(actor, 'visit.read', 'v.path')}
         and ${within ? sql`v.path <@ ${within}::ltree` : sql`true`}
       group by vp.cadre_user_id)
    select users.id, users.display_name as name,
           coalesce(done.home_visits, 0) as home_visits, coalesce(done.patrols, 0) as patrols,
           planned.per_week, coalesce(done.cases, 0) as cases
      from users
      left join done on done.id = users.id
      left join planned on planned.id = users.id
     where done.id is not null or planned.id is not null
     order by users.display_name`.execute(db);

  return {
    from,
    to,
    byGrid: grids.rows.map((g) => ({
      id: g.id,
      name: g.name,
      communityName: g.community_name,
      households: g.households,
      homeVisits: g.home_visits,
      householdsVisited: g.households_visited,
      householdCoverage: g.households ? g.households_visited / g.households : null,
      patrols: g.patrols,
      findings: g.findings,
      cases: g.cases,
    })),
    byCadre: cadres.rows.map((c) => {
      const planned = c.per_week ? Math.round(c.per_week * weeks) : 0;
      return {
        id: c.id,
        name: c.name,
        homeVisits: c.home_visits,
        patrols: c.patrols,
        planned,
        planCoverage: planned ? c.home_visits / planned : null,
        cases: c.cases,
      };
    }),
  };
}
