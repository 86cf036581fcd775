/**
 * The seeded holiday data against the notices as DOMAIN.md §2.2 states them (days per holiday,
 * weekdays of the make-up days, the 2024 rule on working stretches), and the migration's INSERT rows
 * against the data, so the SQL seed and the TypeScript seed cannot drift apart.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { HolidayEntry } from './calendar.types.js';
import { holidaySeedSql } from './holiday-seed-sql.js';
import {
  HOLIDAYS_2025,
  HOLIDAYS_2026,
  NOTICE_2025,
  NOTICE_2026,
  SEEDED_CALENDAR_YEARS,
  SEEDED_HOLIDAYS,
} from './holidays.data.js';
import { addDays, weekday } from './iso-date.js';
import { seededWorkCalendar } from './work-calendar.js';

const MIGRATION = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../migrations/0002_calendar.sql',
);

/** { name: [days off, make-up days] } of one year. */
function summary(entries: readonly HolidayEntry[]): Record<string, [number, string[]]> {
  const out: Record<string, [number, string[]]> = {};
  for (const e of entries) {
    const s = out[e.name] ?? [0, []];
    out[e.name] = s;
    if (e.kind === 'holiday') s[0]++;
    else s[1].push(e.date);
  }
  return out;
}

describe('holidays.data', () => {
  it('matches the 2025 notice (国办发明电〔2024〕12号)', () => {
    expect(summary(HOLIDAYS_2025)).toEqual({
      元旦: [1, []],
      春节: [8, ['2025-01-26', '2025-02-08']],
      清明节: [3, []],
      劳动节: [5, ['2025-04-27']],
      端午节: [3, []],
      '国庆节、中秋节': [8, ['2025-09-28', '2025-10-11']],
    });
    expect(HOLIDAYS_2025.every((e) => e.notice === NOTICE_2025 && e.date.startsWith('2025-'))).toBe(true);
  });

  it('matches the 2026 notice (新华社 2025-11-04)', () => {
    expect(summary(HOLIDAYS_2026)).toEqual({
      元旦: [3, ['2026-01-04']],
      春节: [9, ['2026-02-14', '2026-02-28']],
      清明节: [3, []],
      劳动节: [5, ['2026-05-09']],
      端午节: [3, []],
      中秋节: [3, []],
      国庆节: [7, ['2026-09-20', '2026-10-10']],
    });
    expect(HOLIDAYS_2026.every((e) => e.notice === NOTICE_2026 && e.date.startsWith('2026-'))).toBe(true);
  });

  it('lists each holiday as one unbroken run of days, and make-up days only on weekends', () => {
    const byName = new Map<string, string[]>();
    for (const e of SEEDED_HOLIDAYS) {
      if (e.kind === 'makeup_workday') {
        expect([0, 6]).toContain(weekday(e.date));
        continue;
      }
      const key = `${e.date.slice(0, 4)} ${e.name}`;
      byName.set(key, [...(byName.get(key) ?? []), e.date]);
    }
    expect(byName.size).toBe(13);
    for (const dates of byName.values()) {
      dates.forEach((d, i) => {
        if (i > 0) expect(d).toBe(addDays(dates[i - 1] as string, 1));
      });
    }
    // First and last days with their weekdays as printed in the notices.
    expect(weekday('2025-01-28')).toBe(2); // 除夕, Tuesday
    expect(weekday('2026-02-15')).toBe(0); // 腊月二十八, Sunday
    expect(weekday('2026-02-23')).toBe(1); // 正月初七, Monday
    expect(weekday('2026-10-07')).toBe(3);
  });

  it('never has more than 6 workdays in a row (放假办法第7条, 2024) in 2025–2026', () => {
    // A make-up day typed on the wrong weekend would create an 11-day stretch and fail here.
    const cal = seededWorkCalendar();
    let run = 0;
    let longest = 0;
    for (let d = '2025-01-01'; d <= '2026-12-31'; d = addDays(d, 1)) {
      run = cal.isWorkday(d) ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
    expect(longest).toBe(6);
  });
});

/** The rows of the one `INSERT INTO <table> (...) VALUES ...;` statement of the migration. */
function insertedRows(sqlText: string, table: string): string[][] {
  const statements = [
    ...sqlText.matchAll(new RegExp(`INSERT INTO ${table} \\(([^)]*)\\) VALUES([\\s\\S]*?);`, 'g')),
  ];
  expect(statements).toHaveLength(1);
  const body = statements[0]?.[2] ?? '';
  const rows = [...body.matchAll(/\(((?:'(?:[^']|'')*'|[^()'])*)\)/g)].map((m) => m[1] ?? '');
  return rows.map((row) =>
    [...row.matchAll(/'((?:[^']|'')*)'|(-?\d+)/g)].map((v) =>
      v[1] !== undefined ? v[1].replace(/''/g, "'") : (v[2] ?? ''),
    ),
  );
}

describe('0002_calendar.sql seed', () => {
  const sqlText = fs.readFileSync(MIGRATION, 'utf8');

  it('inserts exactly the holiday rows of holidays.data.ts', () => {
    const rows = insertedRows(sqlText, 'holiday_calendar');
    const fromSql = rows.map(([date, kind, name, notice]) => ({ date, kind, name, notice }));
    const fromData = [...SEEDED_HOLIDAYS]
      .sort((a, b) => (a.date < b.date ? -1 : 1))
      .map(({ date, kind, name, notice }) => ({ date, kind, name, notice }));
    expect(fromSql).toHaveLength(72);
    expect(fromSql).toEqual(fromData);
  });

  it('inserts exactly the calendar_years rows', () => {
    const rows = insertedRows(sqlText, 'calendar_years');
    expect(rows.map(([year, notice]) => ({ year: Number(year), notice }))).toEqual(SEEDED_CALENDAR_YEARS);
  });

  it('escapes quotes when rendering SQL', () => {
    const sql = holidaySeedSql([{ date: '2030-01-01', kind: 'holiday', name: "O'Brien", notice: 'n' }], []);
    expect(sql).toContain("('2030-01-01', 'holiday', 'O''Brien', 'n')");
    expect(insertedRows(`${sql}`, 'holiday_calendar')).toEqual([['2030-01-01', 'holiday', "O'Brien", 'n']]);
  });
});
