import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { testDatabase } from '../test/test-db.js';
import { checkDatabaseLocale, openDatabase } from './database.js';

describe('database engine', () => {
  it('has the extensions Laiban relies on and finds trigrams in Chinese text', async () => {
    const { db } = await testDatabase();
    const ext = await sql<{ extname: string }>`select extname from pg_extension order by 1`.execute(db);
    expect(ext.rows.map((r) => r.extname)).toEqual(
      expect.arrayContaining(['btree_gin', 'ltree', 'pg_trgm', 'pgcrypto']),
    );
    const sim = await sql<{ s: number }>`select similarity('小区井盖丢失', '井盖丢失') as s`.execute(db);
    expect(sim.rows[0]?.s).toBeGreaterThan(0.3);
    expect(await checkDatabaseLocale(await testDatabase())).toBeNull();
  });

  it.runIf(!!process.env.PG_ADMIN_URL)(
    'refuses a PostgreSQL database whose ctype is C, saying why',
    async () => {
      const admin = await openDatabase({ databaseUrl: process.env.PG_ADMIN_URL });
      await sql`drop database if exists laiban_c_locale`.execute(admin.db);
      await sql`create database laiban_c_locale template template0 locale 'C' encoding 'UTF8'`.execute(
        admin.db,
      );
      await admin.close();
      const url = process.env.PG_ADMIN_URL!.replace(/\/postgres$/, '/laiban_c_locale');
      const c = await openDatabase({ databaseUrl: url });
      try {
        const problem = await checkDatabaseLocale(c);
        expect(problem).toMatch(/ctype.*"C"/);
        expect(problem).toMatch(/C\.UTF-8/);
      } finally {
        await c.close();
      }
    },
  );
});
