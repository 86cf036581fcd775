/**
 * Renders holiday entries as SQL INSERT statements.
 *
 * Migrations are plain SQL a person reads and commits (STYLE.md §9), so the 2025/2026 seed in
 * server/migrations/0002_calendar.sql was generated from holidays.data.ts with this function and
 * pasted, one row per line for review against the notice. holidays.data.test.ts parses that file
 * back and checks it still equals the data, so the two cannot drift. To regenerate (one line):
 *
 *   npx tsx -e "import('./server/src/modules/calendar/holiday-seed-sql.ts')
 *     .then((m) => process.stdout.write(m.seededHolidaysSql()))"
 */
import type { CalendarYear, HolidayEntry } from './calendar.types.js';
import { SEEDED_CALENDAR_YEARS, SEEDED_HOLIDAYS } from './holidays.data.js';

function literal(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

export function holidaySeedSql(entries: readonly HolidayEntry[], years: readonly CalendarYear[]): string {
  const yearRows = years.map((y) => `  (${y.year}, ${literal(y.notice)})`);
  const dayRows = [...entries]
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
    .map((e) => `  (${literal(e.date)}, ${literal(e.kind)}, ${literal(e.name)}, ${literal(e.notice)})`);
  const out: string[] = [];
  if (yearRows.length > 0)
    out.push('INSERT INTO calendar_years (year, notice) VALUES', `${yearRows.join(',\n')};`, '');
  if (dayRows.length > 0) {
    out.push('INSERT INTO holiday_calendar (day, kind, name, notice) VALUES', `${dayRows.join(',\n')};`, '');
  }
  return out.join('\n');
}

export function seededHolidaysSql(): string {
  return holidaySeedSql(SEEDED_HOLIDAYS, SEEDED_CALENDAR_YEARS);
}
