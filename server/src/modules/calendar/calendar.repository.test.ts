/**
 * The calendar tables on a real (embedded) PostgreSQL: the 0002 migration applies, the seeded
 * calendar loads back equal to holidays.data.ts, and `addYear` replaces a year atomically, which is
 * what lets an administrator enter next year's notice without a release (DOMAIN.md §2.3).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../db/database.js';
import {
  addYear,
  type CalendarConn,
  type CalendarTables,
  findDeadlineProfile,
  listDeadlineProfiles,
  loadCalendar,
  saveDeadlineProfile,
} from './calendar.repository.js';
import { computeProfileDue } from './deadline-engine.js';
import { NATIONAL_PROFILE, resolveProfile } from './deadline-rules.js';
import { HOLIDAYS_2026, NOTICE_2026, SEEDED_HOLIDAYS } from './holidays.data.js';

const MIGRATION = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../migrations/0002_calendar.sql',
);

// Test-only data: the real 2027 notice is not known to this code base.
const FAKE_NOTICE = '测试用通知（非真实）';

let database: Database;
let conn: CalendarConn;

beforeAll(async () => {
  database = await openDatabase({ pgliteDir: 'memory://' });
  await database.execScript(fs.readFileSync(MIGRATION, 'utf8'));
  conn = database.db.withTables<CalendarTables>();
}, 60_000);

afterAll(async () => {
  await database?.close();
});

describe('calendar.repository', () => {
  it('loads the seeded 2025 and 2026 notices as they are in holidays.data.ts', async () => {
    // The app's own handle works directly now that db/types.ts lists the calendar tables.
    const cal = await loadCalendar(database.db);
    expect(cal.coveredYears()).toEqual([2025, 2026]);
    expect(cal.entries()).toEqual([...SEEDED_HOLIDAYS].sort((a, b) => (a.date < b.date ? -1 : 1)));
    expect(computeProfileDue(cal, NATIONAL_PROFILE, 'D_NOTIFY_DIRECT', '2026-02-05').dueDate).toBe(
      '2026-02-24',
    );
  });

  it('addYear makes a new year verified and changes the deadlines that reach into it', async () => {
    const before = computeProfileDue(await loadCalendar(conn), NATIONAL_PROFILE, 'D_HANDLE', '2026-11-02');
    expect(before).toMatchObject({ dueDate: '2027-01-01', unverified: true });

    await addYear(conn, 2027, FAKE_NOTICE, [
      { date: '2027-01-01', kind: 'holiday', name: '元旦', notice: FAKE_NOTICE },
    ]);

    const cal = await loadCalendar(conn);
    expect(cal.covers(2027)).toBe(true);
    expect(computeProfileDue(cal, NATIONAL_PROFILE, 'D_HANDLE', '2026-11-02')).toMatchObject({
      rawEnd: '2027-01-01',
      dueDate: '2027-01-04',
      rolled: true,
      unverified: false,
    });
  });

  it('addYear replaces the rows of that year only', async () => {
    // Reload 2026 without 国庆 to prove the old rows go, then restore it.
    const without = HOLIDAYS_2026.filter((e) => e.name !== '国庆节');
    await addYear(conn, 2026, NOTICE_2026, without);
    let cal = await loadCalendar(conn);
    expect(cal.isWorkday('2026-10-05')).toBe(true);
    expect(cal.isWorkday('2026-09-20')).toBe(false);
    expect(cal.isWorkday('2025-10-08')).toBe(false);
    expect(cal.covers(2027)).toBe(true);

    await addYear(conn, 2026, NOTICE_2026, HOLIDAYS_2026);
    cal = await loadCalendar(conn);
    expect(cal.isWorkday('2026-10-05')).toBe(false);
    expect(cal.entries().filter((e) => e.date.startsWith('2026-'))).toHaveLength(HOLIDAYS_2026.length);
  });

  it('writes nothing when the entries are invalid or the caller’s transaction rolls back', async () => {
    await expect(
      addYear(conn, 2028, FAKE_NOTICE, [
        { date: '2029-01-01', kind: 'holiday', name: '元旦', notice: FAKE_NOTICE },
      ]),
    ).rejects.toThrow(/year without a loaded notice/);
    await expect(
      conn.transaction().execute(async (trx) => {
        await addYear(trx, 2028, FAKE_NOTICE, [
          { date: '2028-01-03', kind: 'holiday', name: '元旦', notice: FAKE_NOTICE },
        ]);
        throw new Error('use case failed after addYear');
      }),
    ).rejects.toThrow('use case failed after addYear');
    const cal = await loadCalendar(conn);
    expect(cal.covers(2028)).toBe(false);
    expect(cal.dayInfo('2028-01-03')).toMatchObject({ kind: 'workday', unverified: true });
    const rows = await conn
      .selectFrom('holiday_calendar')
      .select('day')
      .where('day', '>=', '2028-01-01')
      .execute();
    expect(rows).toEqual([]);
  });

  it('stores immutable profile versions and picks the one in force on the trigger date', async () => {
    expect(await findDeadlineProfile(conn, 'national-2022', '2026-06-01')).toBe(NATIONAL_PROFILE);

    const v2 = resolveProfile(NATIONAL_PROFILE, {
      code: 'national-2022',
      name: NATIONAL_PROFILE.name,
      version: 2,
      validFrom: '2026-07-01',
      warnDays: 5,
    });
    await saveDeadlineProfile(conn, v2);
    await expect(saveDeadlineProfile(conn, v2)).rejects.toThrow();

    expect(await listDeadlineProfiles(conn, 'national-2022')).toEqual([v2]);
    expect((await findDeadlineProfile(conn, 'national-2022', '2026-06-30'))?.version).toBe(1);
    expect(await findDeadlineProfile(conn, 'national-2022', '2026-07-01')).toEqual(v2);
    expect(await findDeadlineProfile(conn, 'nowhere', '2026-07-01')).toBeUndefined();
  });
});
