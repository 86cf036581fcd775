import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrationsDir } from '../../db/migrate.js';
import { testDatabase } from '../../test/test-db.js';
import { defaultTaxonomySeedSql, SEED_COLUMNS, seedRows } from './generate-seed.js';
import { DEFAULT_CATEGORY_SET, DEFAULT_TAXONOMY } from './taxonomy.data.js';

const migration = fs.readFileSync(path.join(migrationsDir(), '0003_taxonomy.sql'), 'utf8');

type Value = string | number | boolean | null;

/** Splits one SQL tuple body (`'a', NULL, 1, true`) into values; strings may contain '' and commas. */
function parseTuple(body: string): Value[] {
  const values: Value[] = [];
  let i = 0;
  while (i < body.length) {
    while (body[i] === ' ' || body[i] === ',') i++;
    if (i >= body.length) break;
    if (body[i] === "'") {
      let s = '';
      i++;
      for (;;) {
        if (i >= body.length) throw new Error(`unterminated string in: ${body}`);
        if (body[i] === "'" && body[i + 1] === "'") {
          s += "'";
          i += 2;
        } else if (body[i] === "'") {
          i++;
          break;
        } else {
          s += body[i++];
        }
      }
      values.push(s);
    } else {
      const end = body.indexOf(',', i) === -1 ? body.length : body.indexOf(',', i);
      const word = body.slice(i, end).trim();
      i = end;
      if (word === 'NULL') values.push(null);
      else if (word === 'true' || word === 'false') values.push(word === 'true');
      else if (/^-?\d+$/.test(word)) values.push(Number(word));
      else throw new Error(`unexpected token ${word}`);
    }
  }
  return values;
}

/** The rows of the first INSERT INTO `table` in the migration, as objects keyed by its column list. */
function insertedRows(sql: string, table: string): Record<string, unknown>[] {
  const start = sql.indexOf(`INSERT INTO ${table} (`);
  if (start === -1) throw new Error(`no INSERT INTO ${table}`);
  const header = sql.slice(start, sql.indexOf('VALUES', start));
  const columns = header
    .slice(header.indexOf('(') + 1, header.lastIndexOf(')'))
    .split(',')
    .map((c) => c.trim());
  const rows: Record<string, unknown>[] = [];
  const lines = sql.slice(sql.indexOf('VALUES', start) + 'VALUES'.length).split('\n');
  for (const line of lines) {
    const m = /^\s*\((.*)\)([,;])\s*$/.exec(line);
    if (!m) continue;
    const values = parseTuple(m[1] ?? '');
    expect(values).toHaveLength(columns.length);
    rows.push(Object.fromEntries(columns.map((c, k) => [c, values[k]])));
    if (m[2] === ';') break;
  }
  return rows;
}

/** '{M,L}' → ['M', 'L'] */
function parseArray(literal: unknown): string[] {
  const s = String(literal);
  expect(s).toMatch(/^\{[A-Z,]*\}$/);
  return s === '{}' ? [] : s.slice(1, -1).split(',');
}

describe('0003_taxonomy.sql seed', () => {
  it('holds exactly the data of taxonomy.data.ts, row by row', () => {
    const parsed = insertedRows(migration, 'categories').map((r) => ({ ...r, flags: parseArray(r.flags) }));
    const expected = seedRows(DEFAULT_CATEGORY_SET.id, DEFAULT_TAXONOMY);
    expect(Object.keys(parsed[0] ?? {})).toEqual([...SEED_COLUMNS]);
    expect(parsed).toHaveLength(21 + 155);
    expect(parsed).toEqual(expected);
  });

  it('creates the default set, active, and is the generator output verbatim', () => {
    expect(insertedRows(migration, 'category_sets')).toEqual([
      { id: 'default-2026', name: DEFAULT_CATEGORY_SET.name, version: 1, is_active: true },
    ]);
    expect(migration).toContain(defaultTaxonomySeedSql());
  });

  it('is what the migrated database holds', async () => {
    const { db } = await testDatabase();
    const rows = await db
      .withTables<{ categories: { set_id: string; code: string; flags: string[]; level: number } }>()
      .selectFrom('categories')
      .select(['code', 'flags', 'level'])
      .where('set_id', '=', 'default-2026')
      .orderBy('code')
      .execute();
    const expected = seedRows(DEFAULT_CATEGORY_SET.id, DEFAULT_TAXONOMY)
      .map((r) => ({ code: r.code, flags: r.flags, level: r.level }))
      .sort((a, b) => a.code.localeCompare(b.code));
    // Rows added by other tests in the same database carry new codes (2107, 22 …); compare the seeded ones.
    const seeded = new Set(expected.map((r) => r.code));
    expect(rows.filter((r) => seeded.has(r.code))).toEqual(expected);
  });
});
