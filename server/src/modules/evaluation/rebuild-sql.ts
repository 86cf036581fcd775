import { sql } from 'kysely';
import type { Conn } from '../../db/database.js';
import { HANDLE_CLOCK, NOTIFY_CLOCKS, VISIT_CHANNELS } from './facts.js';
import { COUNTERS } from './metrics.js';

/**
 * The set-based twin of rebuildEvaluation(): every case's contribution computed in SQL in one pass
 * (for the bulk loader of bench/ and for large installations, where reading cases one at a time
 * takes too long). It must count exactly what facts.ts `contributions()` counts; a test checks the
 * two against each other on cases created through the API. Run it inside a transaction.
 */
export async function rebuildEvaluationSet(trx: Conn, repeatWindowDays: number): Promise<void> {
  await sql`lock table evaluation_case_facts, evaluation_pending, evaluation_daily, evaluation_monthly in exclusive mode`.execute(
    trx,
  );
  await sql`delete from evaluation_pending`.execute(trx);
  await sql`delete from evaluation_daily`.execute(trx);
  await sql`delete from evaluation_monthly`.execute(trx);
  await sql`delete from evaluation_case_facts`.execute(trx);
  await sql`
    create temporary table evaluation_items on commit drop as
    with c as (
      select cs.*, left(cs.category_code, 2) as top,
             ((coalesce(cs.closed_at, cs.terminated_at) at time zone 'UTC') + interval '8 hours')::date as concluded_on,
             exists (select 1 from case_parties p
                      where p.case_id = cs.id and p.role = 'petitioner' and p.phone_hmac is not null) as has_contact
        from cases cs
    )
    select id as case_id, owner_unit_id as unit_id, received_on as day, 'received' as counter, 1 as n from c
    union all select id, owner_unit_id, received_on, case when is_repeat then 'repeats' else 'matters' end, 1 from c
    union all select id, owner_unit_id, received_on, x.counter, x.n
                from c cross join lateral (values ('visit_batches', 1), ('visit_persons', c.person_count)) x(counter, n)
               where c.channel = any(${[...VISIT_CHANNELS]}::text[])
    union all select id, owner_unit_id, received_on, x.counter, x.n
                from c cross join lateral (values ('group_visits', 1), ('group_persons', c.person_count)) x(counter, n)
               where c.channel = any(${[...VISIT_CHANNELS]}::text[]) and c.is_group
    union all select d.case_id, d.unit_id, d.due_on, x.counter, 1
                from case_deadlines d
                cross join lateral (values (case when d.code = ${HANDLE_CLOCK} then 'handle_due' else 'notify_due' end, true),
                                           (case when d.code = ${HANDLE_CLOCK} then 'handle_met' else 'notify_met' end, d.status = 'met')) x(counter, keep)
               where d.code = any(${[...NOTIFY_CLOCKS, HANDLE_CLOCK]}::text[]) and d.status <> 'cancelled' and x.keep
    union all select id, owner_unit_id, delivered_on, x.counter, 1
                from c cross join lateral (values
                  ('delivered', true),
                  ('on_spot', coalesce(c.resolved_on_spot, false)),
                  ('eligible', c.has_contact or c.satisfaction is not null),
                  ('rated', c.satisfaction is not null),
                  (c.satisfaction, c.satisfaction is not null)) x(counter, keep)
               where c.delivered_on is not null and x.keep
    union all select id, owner_unit_id, concluded_on, x.counter, 1
                from c cross join lateral (values
                  ('first_concluded', true),
                  ('first_repeated', exists (select 1 from cases r
                                              where r.repeat_of_case_id = c.id
                                                and r.received_on <= c.concluded_on + ${repeatWindowDays}::int))) x(counter, keep)
               where c.concluded_on is not null and c.is_first_petition and x.keep`.execute(trx);
  await sql`
    insert into evaluation_case_facts (case_id, category_top, channel, confidential, items)
    select c.id, left(c.category_code, 2), c.channel, c.is_confidential,
           coalesce((select jsonb_agg(jsonb_build_object('unitId', i.unit_id, 'day', i.day, 'counter', i.counter, 'n', i.n))
                       from evaluation_items i where i.case_id = c.id), '[]'::jsonb)
      from cases c`.execute(trx);
  const sums = sql.join(COUNTERS.map((k) => sql`coalesce(sum(i.n) filter (where i.counter = ${k}), 0)::int`));
  const cols = sql.join(COUNTERS.map((k) => sql.ref(k)));
  for (const [table, day] of [
    ['evaluation_daily', sql`i.day`],
    ['evaluation_monthly', sql`date_trunc('month', i.day)::date`],
  ] as const) {
    await sql`
      insert into ${sql.table(table)} (unit_id, day, category_top, channel, confidential, ${cols})
      select a.id, ${day}, left(c.category_code, 2), c.channel, c.is_confidential, ${sums}
        from evaluation_items i
        join cases c on c.id = i.case_id
        join org_units u on u.id = i.unit_id
        join org_units a on a.path @> u.path
       group by 1, 2, 3, 4, 5`.execute(trx);
  }
}
