import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { packageRoot } from '../lib/paths.js';
import type { Database } from './database.js';

export function migrationsDir(): string {
  return path.join(packageRoot(), 'server', 'migrations');
}

/**
 * Applies the SQL files of server/migrations in name order, each once, each in its own transaction
 * together with its row in schema_migrations. Safe to run from several processes: a losing
 * process fails on the schema_migrations key and finds the migration applied when it looks again.
 */
export async function migrate(database: Database): Promise<string[]> {
  await database.execScript(
    'CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
  );
  const files = fs
    .readdirSync(migrationsDir())
    .filter((f) => f.endsWith('.sql'))
    .sort();
  const applied: string[] = [];
  for (const file of files) {
    const done = await database.db
      .selectFrom('schema_migrations')
      .select('name')
      .where('name', '=', file)
      .executeTakeFirst();
    if (done) continue;
    const body = fs.readFileSync(path.join(migrationsDir(), file), 'utf8');
    // One simple-protocol script is one implicit transaction on both engines.
    const script = `SELECT pg_advisory_xact_lock(7061626);\nINSERT INTO schema_migrations (name) VALUES ('${file.replace(/'/g, "''")}');\n${body}`;
    try {
      await database.execScript(script);
      applied.push(file);
    } catch (err) {
      await database.execScript('ROLLBACK').catch(() => undefined);
      const now = await sql<{
        n: number;
      }>`select count(*)::int as n from schema_migrations where name = ${file}`.execute(database.db);
      if ((now.rows[0]?.n ?? 0) === 0) throw new Error(`Migration ${file} failed: ${(err as Error).message}`);
    }
  }
  return applied;
}
