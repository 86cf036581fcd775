import { describe, expect, it } from 'vitest';
import { makeDistrict, signInAs } from '../../test/factories.js';
import { testDatabase } from '../../test/test-db.js';

describe('holiday calendar administration', () => {
  it('lists the loaded notices and names a missing year', async () => {
    const d = await makeDistrict();
    const clerk = await signInAs(d.clerkA);
    const res = await clerk.get('/api/calendar/years');
    expect(res.status).toBe(200);
    expect(res.body.years.map((y: { year: number }) => y.year)).toEqual(expect.arrayContaining([2025, 2026]));
    const y2026 = res.body.years.find((y: { year: number }) => y.year === 2026);
    expect(y2026.days).toContainEqual({
      date: '2026-02-14',
      kind: 'makeup_workday',
      name: expect.any(String),
    });
    expect(res.body.missing).toContain(2027);
  });

  it('lets a system administrator load a year; a clerk may not; a bad notice is refused whole', async () => {
    const d = await makeDistrict();
    const admin = await signInAs(d.admin);
    const clerk = await signInAs(d.clerkA);
    const body = {
      notice: '国务院办公厅关于2099年部分节假日安排的通知（测试）',
      days: [
        { date: '2099-01-01', kind: 'holiday', name: '元旦' },
        { date: '2099-01-03', kind: 'makeup_workday', name: '元旦调休' },
      ],
    };
    expect((await clerk.put('/api/calendar/years/2099', body)).status).toBe(403);
    const bad = await admin.put('/api/calendar/years/2098', {
      notice: '测试通知',
      days: [{ date: '2099-05-01', kind: 'holiday', name: '劳动节' }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('body.days');
    const ok = await admin.put('/api/calendar/years/2099', body);
    expect(ok.status).toBe(200);
    const { db } = await testDatabase();
    const rows = await db
      .selectFrom('holiday_calendar')
      .select(['day', 'kind'])
      .where('day', '>=', '2099-01-01')
      .orderBy('day')
      .execute();
    expect(rows).toEqual([
      { day: '2099-01-01', kind: 'holiday' },
      { day: '2099-01-03', kind: 'makeup_workday' },
    ]);
    expect(
      (await db.selectFrom('calendar_years').select('year').where('year', '=', 2098).execute()).length,
    ).toBe(0);
    // Leave the shared test database as other tests expect it.
    await db.deleteFrom('holiday_calendar').where('day', '>=', '2099-01-01').execute();
    await db.deleteFrom('calendar_years').where('year', '=', 2099).execute();
  });
});
