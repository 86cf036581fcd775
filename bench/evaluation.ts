/**
 * The evaluation figures at 1,000,000 cases on PostgreSQL, without loading the cases: the summary
 * rows that a million cases produce are generated in SQL (the bench organisation of 33 towns × 10
 * communities × 4 grids; three years of receipts; notice due 15 days, reply 45 days, handling 60
 * days after receipt; rolled up to every ancestor as bumpEvaluation does), then the query behind
 * GET /api/evaluation/figures for the district and for a town runs for a quarter, timed.
 *
 *   scripts/with-postgres.sh npx tsx bench/evaluation.ts      (uses TEST_DATABASE_URL)
 */
import { sql } from 'kysely';
import { openDatabase } from '../server/src/db/database.js';
import { migrate } from '../server/src/db/migrate.js';
import { countPeriods } from '../server/src/modules/evaluation/evaluation.repository.js';
import { COUNTERS, previousPeriod, samePeriodLastYear } from '../server/src/modules/evaluation/metrics.js';

const CASES = Number(process.env.CASES ?? 1_000_000);
const url = process.env.TEST_DATABASE_URL;
if (!url) throw new Error('TEST_DATABASE_URL is not set');
const database = await openDatabase({ databaseUrl: url, poolMax: 2 });
const db = database.db;
await migrate(database);

const t0 = Date.now();
await sql`
  insert into org_units (id, parent_id, path, depth, kind, name)
  values ('00000000-0000-0000-0000-000000000001', null, 'd', 0, 'district', '测试区')`.execute(db);
await sql`
  insert into org_units (id, parent_id, path, depth, kind, name)
  select gen_random_uuid(), '00000000-0000-0000-0000-000000000001', ('d.t' || t)::ltree, 1, 'town', '镇' || t
    from generate_series(1, 33) t`.execute(db);
await sql`
  insert into org_units (id, parent_id, path, depth, kind, name)
  select gen_random_uuid(), u.id, (u.path::text || '.c' || c)::ltree, 2, 'community', u.name || '村' || c
    from org_units u, generate_series(1, 10) c where u.kind = 'town'`.execute(db);
await sql`
  insert into org_units (id, parent_id, path, depth, kind, name)
  select gen_random_uuid(), u.id, (u.path::text || '.g' || g)::ltree, 3, 'grid', u.name || '网格' || g
    from org_units u, generate_series(1, 4) g where u.kind = 'community'`.execute(db);
// Cases are owned by towns and communities (grid reports go to the community), 3 years of receipts.
await sql`
  create temporary table owners as
    select row_number() over () as n, id, path from org_units where kind in ('town', 'community')`.execute(
  db,
);
await sql`
  insert into evaluation_daily (unit_id, day, category_top, channel, confidential,
                                received, matters, notify_due, notify_met, handle_due, handle_met,
                                delivered, eligible, rated, satisfied)
  select a.id, c.day + x.offs, c.top, c.channel, false,
         sum((x.k = 0)::int), sum((x.k = 0)::int),
         sum((x.k = 1)::int), sum((x.k = 1 and c.r < 0.95)::int),
         sum((x.k = 3)::int), sum((x.k = 3 and c.r < 0.9)::int),
         sum((x.k = 2)::int), sum((x.k = 2)::int), sum((x.k = 2 and c.r < 0.7)::int), sum((x.k = 2 and c.r < 0.6)::int)
    from (select current_date - (random() * 1095)::int as day,
                 lpad((1 + (random() * 14)::int)::text, 2, '0') as top,
                 (array['visit','letter','phone','online','fax_email','superior','grid','leader_reception','agent'])[1 + (random() * 8)::int] as channel,
                 1 + (random() * (select count(*) - 1 from owners))::int as owner,
                 random() as r
            from generate_series(1, ${CASES})) c
    join owners o on o.n = c.owner
    join org_units a on a.path @> o.path
    cross join (values (0, 0), (1, 15), (2, 45), (3, 60)) x(k, offs)
   group by 1, 2, 3, 4`.execute(db);
await sql`
  insert into evaluation_monthly
  select unit_id, date_trunc('month', day)::date, category_top, channel, confidential,
         ${sql.join(COUNTERS.map((k) => sql`sum(${sql.ref(k)})::int`))}
    from evaluation_daily group by 1, 2, 3, 4, 5`.execute(db);
await sql`vacuum analyze evaluation_daily`.execute(db);
await sql`vacuum analyze evaluation_monthly`.execute(db);
const rows = await sql<{ d: number; m: number }>`
  select (select count(*)::int from evaluation_daily) as d, (select count(*)::int from evaluation_monthly) as m`.execute(
  db,
);
console.log(
  `generated ${rows.rows[0]?.d} daily and ${rows.rows[0]?.m} monthly rows for ${CASES} cases in ${Date.now() - t0} ms`,
);

const town = await db
  .selectFrom('org_units')
  .select('id')
  .where('kind', '=', 'town')
  .executeTakeFirstOrThrow();
const district = '00000000-0000-0000-0000-000000000001';
const from = '2026-04-01';
const to = '2026-06-30';
const periodsOf = (f: string, t: string) => ({
  current: { from: f, to: t },
  previous: previousPeriod(f, t),
  lastYear: samePeriodLastYear(f, t),
});
for (const [name, unitId, periods, channel] of [
  ['district, Q2', district, periodsOf(from, to), undefined],
  ['district, Q4 to date (Nov 21)', district, periodsOf('2026-10-01', '2026-11-21'), undefined],
  ['district, 45 days across months', district, periodsOf('2026-05-10', '2026-06-23'), undefined],
  ['district, Q2, letters', district, periodsOf(from, to), 'letter'],
  ['town, Q2', town.id, periodsOf(from, to), undefined],
] as const) {
  const times: number[] = [];
  let received = 0;
  for (let i = 0; i < 220; i++) {
    const s = performance.now();
    const r = await countPeriods(db, { unitId, periods, channel, includeConfidential: true });
    if (i >= 20) times.push(performance.now() - s);
    received = r.filter((x) => x.period === 'current').reduce((a, x) => a + x.counts.received, 0);
  }
  times.sort((a, b) => a - b);
  const p = (q: number) => times[Math.floor(q * (times.length - 1))]!.toFixed(1);
  console.log(
    `${name} quarter (${received} cases received): p50 ${p(0.5)} ms, p95 ${p(0.95)} ms, max ${p(1)} ms`,
  );
}
const plan = await sql<{ 'QUERY PLAN': string }>`
  explain (analyze, buffers) select sum(received), sum(notify_met) from evaluation_daily
   where unit_id = '00000000-0000-0000-0000-000000000001' and day between ${from}::date and ${to}::date`.execute(
  db,
);
console.log(plan.rows.map((r) => r['QUERY PLAN']).join('\n'));
await database.close();
process.exit(0);
