import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { btree_gin } from '@electric-sql/pglite/contrib/btree_gin';
import { ltree } from '@electric-sql/pglite/contrib/ltree';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto';
import { Kysely, PostgresDialect, sql, type Transaction } from 'kysely';
import pg from 'pg';
import { PGliteDialect } from './pglite-dialect.js';
import type { DB } from './types.js';

export type DbKind = 'pglite' | 'postgres';
export type Trx = Transaction<DB>;
export type Conn = Kysely<DB> | Trx;

export interface Database {
  readonly kind: DbKind;
  readonly db: Kysely<DB>;
  /** Runs a multi-statement SQL script outside the query builder (migrations only). */
  execScript(script: string): Promise<void>;
  close(): Promise<void>;
}

// Dates stay 'YYYY-MM-DD' strings: legal deadlines are calendar dates in Asia/Shanghai, and a JS Date
// would silently move them to the server's time zone. Counts come back as numbers on both engines.
const DATE_OID = 1082;
const INT8_OID = 20;
const NUMERIC_OID = 1700;

pg.types.setTypeParser(DATE_OID, (v: string) => v);
pg.types.setTypeParser(INT8_OID, (v: string) => Number(v));
pg.types.setTypeParser(NUMERIC_OID, (v: string) => Number(v));

export interface OpenOptions {
  databaseUrl?: string | undefined;
  /** Directory for the embedded database; `memory://` keeps it in memory (tests). */
  pgliteDir?: string;
  poolMax?: number;
}

/**
 * Parameterised statements become named prepared statements, so PostgreSQL plans each distinct
 * statement once per connection instead of on every request (planning cost as much as executing for
 * the queue and case-page queries). Statements without parameters (migrations, SET) are sent as is.
 */
function preparedPool(pool: pg.Pool): pg.Pool {
  const names = new Map<string, string>();
  const nameOf = (text: string) => {
    let name = names.get(text);
    if (!name) {
      name = `lb_${crypto.createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
      if (names.size < 5000) names.set(text, name);
    }
    return name;
  };
  const connect = pool.connect.bind(pool) as () => Promise<pg.PoolClient>;
  (pool as unknown as { connect: () => Promise<pg.PoolClient> }).connect = async () => {
    const client = await connect();
    const marked = client as pg.PoolClient & { laibanPrepared?: boolean };
    if (!marked.laibanPrepared) {
      const query = client.query.bind(client) as (...args: unknown[]) => unknown;
      (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
        const [text, values] = args;
        if (typeof text === 'string' && Array.isArray(values) && values.length > 0) {
          return query({ name: nameOf(text), text, values });
        }
        return query(...args);
      };
      marked.laibanPrepared = true;
    }
    return client;
  };
  return pool;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) {
    const pool = preparedPool(new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolMax ?? 10 }));
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return {
      kind: 'postgres',
      db,
      async execScript(script) {
        const client = await pool.connect();
        try {
          await client.query(script);
        } finally {
          client.release();
        }
      },
      close: () => db.destroy(),
    };
  }
  const dir = opts.pgliteDir ?? 'memory://';
  if (!dir.startsWith('memory://')) fs.mkdirSync(path.dirname(path.resolve(dir)), { recursive: true });
  const pglite = await PGlite.create(dir, {
    extensions: { pg_trgm, ltree, btree_gin, pgcrypto },
    parsers: {
      [DATE_OID]: (v: string) => v,
      [INT8_OID]: (v: string) => Number(v),
      [NUMERIC_OID]: (v: string) => Number(v),
    },
  });
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) });
  return {
    kind: 'pglite',
    db,
    async execScript(script) {
      // Goes through the driver's lock so a script never interleaves with a request's transaction.
      await db.connection().execute(async () => {
        await pglite.exec(script);
      });
    },
    close: () => db.destroy(),
  };
}

/**
 * pg_trgm finds no trigrams in Chinese text when the database ctype is `C`: search and duplicate
 * detection would silently return nothing. Refuse to run on such a database.
 */
export async function checkDatabaseLocale(database: Database): Promise<string | null> {
  const res = await sql<{ datctype: string }>`
    select datctype from pg_database where datname = current_database()`.execute(database.db);
  const ctype = res.rows[0]?.datctype ?? '';
  if (database.kind === 'postgres' && !/utf-?8/i.test(ctype)) {
    return `数据库字符分类(ctype)为 "${ctype}"，中文检索需要 UTF-8（C.UTF-8 或 zh_CN.UTF-8）。请用 initdb --locale=C.UTF-8 --encoding=UTF8 重建数据库。 The database ctype is "${ctype}"; Laiban needs a UTF-8 ctype (C.UTF-8 or zh_CN.UTF-8) for Chinese text search.`;
  }
  return null;
}
