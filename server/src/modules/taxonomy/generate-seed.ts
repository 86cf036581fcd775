/**
 * Renders the default taxonomy (taxonomy.data.ts) as the seed INSERTs of
 * server/migrations/0003_taxonomy.sql.
 *
 * Migrations are plain SQL a person reads and commits (STYLE.md §9), so the seed was generated with
 * this script and pasted, one row per line. taxonomy.seed.test.ts parses the migration back and
 * checks it still equals the data, so the two cannot drift. To regenerate after changing the data:
 *
 *   npx tsx server/src/modules/taxonomy/generate-seed.ts > /tmp/seed.sql
 *
 * and replace the block between the "seed" comments of 0003_taxonomy.sql with the output. Once a
 * migration has shipped it is never edited: ship a change as a new set in a new migration instead.
 */
import { pathToFileURL } from 'node:url';
import { DEFAULT_CATEGORY_SET, DEFAULT_TAXONOMY, type DefaultTopLevel } from './taxonomy.data.js';

/** A row of `categories` as the seed writes it (ids and defaults left to the database). */
export interface SeedCategoryRow {
  set_id: string;
  code: string;
  parent_code: string | null;
  level: 1 | 2;
  name: string;
  name_en: string | null;
  national_category: string | null;
  flags: string[];
  default_nature: string | null;
  is_public: boolean;
  sort_order: number;
}

export const SEED_COLUMNS = [
  'set_id',
  'code',
  'parent_code',
  'level',
  'name',
  'name_en',
  'national_category',
  'flags',
  'default_nature',
  'is_public',
  'sort_order',
] as const satisfies readonly (keyof SeedCategoryRow)[];

/** The rows of a taxonomy in seed order: each top level followed by its leaves. */
export function seedRows(setId: string, taxonomy: readonly DefaultTopLevel[]): SeedCategoryRow[] {
  return taxonomy.flatMap((top) => [
    {
      set_id: setId,
      code: top.code,
      parent_code: null,
      level: 1 as const,
      name: top.name,
      name_en: top.nameEn,
      national_category: top.nationalCategory,
      flags: [],
      default_nature: null,
      is_public: true,
      sort_order: Number(top.code),
    },
    ...top.leaves.map((leaf) => ({
      set_id: setId,
      code: leaf.code,
      parent_code: top.code,
      level: 2 as const,
      name: leaf.name,
      name_en: leaf.nameEn,
      national_category: leaf.nationalCategory,
      flags: [...leaf.flags],
      default_nature: leaf.defaultNature,
      is_public: leaf.isPublic,
      sort_order: Number(leaf.code.slice(2)),
    })),
  ]);
}

function literal(value: string | number | boolean | null | string[]): string {
  if (value === null) return 'NULL';
  if (typeof value === 'boolean' || typeof value === 'number') return String(value);
  // Flags are single letters, so the array literal needs no quoting inside the braces.
  if (Array.isArray(value)) return `'{${value.join(',')}}'`;
  return `'${value.replace(/'/g, "''")}'`;
}

/** The seed SQL of a category set: its category_sets row and all its categories rows. */
export function categorySetSeedSql(
  set: { id: string; name: string; version: number; isActive: boolean },
  taxonomy: readonly DefaultTopLevel[],
): string {
  const rows = seedRows(set.id, taxonomy).map(
    (r) => `  (${SEED_COLUMNS.map((c) => literal(r[c])).join(', ')})`,
  );
  return [
    'INSERT INTO category_sets (id, name, version, is_active) VALUES',
    `  (${literal(set.id)}, ${literal(set.name)}, ${set.version}, ${set.isActive});`,
    '',
    `INSERT INTO categories (${SEED_COLUMNS.join(', ')}) VALUES`,
    `${rows.join(',\n')};`,
    '',
  ].join('\n');
}

export function defaultTaxonomySeedSql(): string {
  return categorySetSeedSql({ ...DEFAULT_CATEGORY_SET, isActive: true }, DEFAULT_TAXONOMY);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.stdout.write(defaultTaxonomySeedSql());
}
