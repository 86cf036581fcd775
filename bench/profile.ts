import { PGlite } from '@electric-sql/pglite';
import { btree_gin } from '@electric-sql/pglite/contrib/btree_gin';
import { ltree } from '@electric-sql/pglite/contrib/ltree';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto';
import { CompiledQuery, Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Config } from '../server/src/config.js';
import '../server/src/db/database.js';
import { PGliteDialect } from '../server/src/db/pglite-dialect.js';
import type { DB } from '../server/src/db/types.js';
import { findSession, loadActor } from '../server/src/modules/auth/auth.repository.js';
import { today } from '../server/src/modules/cases/case-clock.js';
import { loadCaseDetail, presentCase } from '../server/src/modules/cases/cases.presenter.js';
import { listCases } from '../server/src/modules/cases/cases.repository.js';

/**
 * EXPLAIN ANALYZE of the exact statements the server runs for the measured requests: the server's
 * own repository and presenter functions are called through a Kysely instance that records every
 * compiled statement, and each statement is then explained with its parameters (run twice, the
 * second, warm plan is kept).
 */

export interface Explained {
  step: string;
  sql: string;
  params: unknown[];
  executionMs: number;
  planningMs: number;
  plan: string;
}

export async function explainRequests(o: {
  postgresUrl?: string;
  pgliteDir?: string;
  clerk: string;
  caseId: string;
}): Promise<Explained[]> {
  const captured: { sql: string; params: unknown[] }[] = [];
  let capturing = true;
  const log = (e: { level: string; query: { sql: string; parameters: readonly unknown[] } }) => {
    if (capturing && e.level === 'query')
      captured.push({ sql: e.query.sql, params: [...e.query.parameters] });
  };
  let close: () => Promise<void>;
  let db: Kysely<DB>;
  if (o.postgresUrl) {
    const pool = new pg.Pool({ connectionString: o.postgresUrl, max: 2 });
    db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), log });
    close = () => db.destroy();
  } else {
    const pglite = await PGlite.create(o.pgliteDir ?? 'memory://', {
      extensions: { pg_trgm, ltree, btree_gin, pgcrypto },
    });
    db = new Kysely<DB>({ dialect: new PGliteDialect(pglite), log });
    close = async () => {
      await db.destroy();
      if (!pglite.closed) await pglite.close();
    };
  }
  const out: Explained[] = [];
  try {
    const steps: [string, () => Promise<unknown>][] = [];
    const user = await db
      .selectFrom('users')
      .select('id')
      .where('username', '=', o.clerk)
      .executeTakeFirstOrThrow();
    const session = await db.selectFrom('sessions').select('token_hash').limit(1).executeTakeFirst();
    const actor = await loadActor(db, user.id, 'session');
    if (!actor) throw new Error(`no actor for ${o.clerk}`);
    steps.push([
      'auth hook (every request)',
      async () => {
        await findSession(db, session?.token_hash ?? 'none');
        await loadActor(db, user.id, 'session');
      },
    ]);
    steps.push([
      'queue: GET /api/cases?mine=true&open=true&sort=due&limit=20',
      () =>
        listCases(
          db,
          actor,
          { open: true, mineRoots: actor.grants.map((g) => g.unitPath) },
          { sort: 'due', limit: 20 },
          today(),
        ),
    ]);
    steps.push([
      'queue-all: GET /api/cases?open=true&sort=due&limit=20',
      () => listCases(db, actor, { open: true }, { sort: 'due', limit: 20 }, today()),
    ]);
    steps.push([
      'detail: GET /api/cases/:id',
      async () => {
        const found = await loadCaseDetail(db, actor, o.caseId);
        if (!found) throw new Error(`case ${o.caseId} not visible to ${o.clerk}`);
        await presentCase({ db, actor, config: {} as Config, requestId: 'bench' }, found.c, found.rows);
      },
    ]);
    for (const [step, fn] of steps) {
      captured.length = 0;
      capturing = true;
      await fn();
      capturing = false;
      for (const q of [...captured]) {
        let rows: Record<string, string>[] = [];
        for (let k = 0; k < 2; k++) {
          const r = await db.executeQuery<Record<string, string>>(
            CompiledQuery.raw(`EXPLAIN (ANALYZE, BUFFERS) ${q.sql}`, q.params),
          );
          rows = r.rows;
        }
        const plan = rows.map((r) => Object.values(r)[0]).join('\n');
        const num = (re: RegExp) => Number(re.exec(plan)?.[1] ?? Number.NaN);
        out.push({
          step,
          sql: q.sql,
          params: q.params,
          executionMs: num(/Execution Time: ([\d.]+) ms/),
          planningMs: num(/Planning Time: ([\d.]+) ms/),
          plan,
        });
      }
    }
    await sql`select 1`.execute(db);
  } finally {
    capturing = false;
    await close();
  }
  return out;
}
