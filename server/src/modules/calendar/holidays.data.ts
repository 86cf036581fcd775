/**
 * The State Council holiday schedules for 2025 and 2026, transcribed from DOMAIN.md §2.2.
 *
 * Why a hand-kept list: under 《全国年节及纪念日放假办法》 (2024 revision) the days off and the 调休
 * make-up working days of a year are fixed only by that year's 国务院办公厅 notice; they cannot be
 * derived from the lunar calendar (DOMAIN.md §2.2). Every day off is listed on its own and every
 * make-up workday is listed, so the list can be read line by line against the notice. This file is
 * the seed of the `holiday_calendar` table (server/migrations/0002_calendar.sql, checked equal by
 * holidays.data.test.ts); later years are entered by an administrator through `addYear`, not here.
 *
 * Sources:
 * - 2025: 《国务院办公厅关于2025年部分节假日安排的通知》 国办发明电〔2024〕12号, published by 新华社
 *   on 2024-11-12 (DOMAIN.md cites gmw.cn; weekdays checked there).
 * - 2026: 《国务院办公厅关于2026年部分节假日安排的通知》, published by 新华社 on 2025-11-04 (DOMAIN.md
 *   cites politics.gmw.cn). DOMAIN.md does not give its document number, so the title is used as
 *   the notice reference instead of guessing a number.
 */
import type { CalendarYear, HolidayEntry, ISODate } from './calendar.types.js';

export const NOTICE_2025 = '国办发明电〔2024〕12号';
export const NOTICE_2026 = '国务院办公厅关于2026年部分节假日安排的通知';

/** One holiday of a notice: its days off and the weekend days worked to make up for them. */
function holiday(
  notice: string,
  name: string,
  daysOff: ISODate[],
  makeupWorkdays: ISODate[],
): HolidayEntry[] {
  return [
    ...daysOff.map((date) => ({ date, kind: 'holiday' as const, name, notice })),
    ...makeupWorkdays.map((date) => ({ date, kind: 'makeup_workday' as const, name, notice })),
  ];
}

export const HOLIDAYS_2025: readonly HolidayEntry[] = [
  // 元旦: 1月1日（周三）放假1天，不调休。
  ...holiday(NOTICE_2025, '元旦', ['2025-01-01'], []),
  // 春节: 1月28日（除夕、周二）至2月4日（周二）放假调休，共8天；1月26日（周日）、2月8日（周六）上班。
  ...holiday(
    NOTICE_2025,
    '春节',
    [
      '2025-01-28',
      '2025-01-29',
      '2025-01-30',
      '2025-01-31',
      '2025-02-01',
      '2025-02-02',
      '2025-02-03',
      '2025-02-04',
    ],
    ['2025-01-26', '2025-02-08'],
  ),
  // 清明节: 4月4日（周五）至6日（周日）放假，共3天。
  ...holiday(NOTICE_2025, '清明节', ['2025-04-04', '2025-04-05', '2025-04-06'], []),
  // 劳动节: 5月1日（周四）至5日（周一）放假调休，共5天；4月27日（周日）上班。
  ...holiday(
    NOTICE_2025,
    '劳动节',
    ['2025-05-01', '2025-05-02', '2025-05-03', '2025-05-04', '2025-05-05'],
    ['2025-04-27'],
  ),
  // 端午节: 5月31日（周六）至6月2日（周一）放假，共3天。
  ...holiday(NOTICE_2025, '端午节', ['2025-05-31', '2025-06-01', '2025-06-02'], []),
  // 国庆节、中秋节: 10月1日（周三）至8日（周三）放假调休，共8天；9月28日（周日）、10月11日（周六）上班。
  ...holiday(
    NOTICE_2025,
    '国庆节、中秋节',
    [
      '2025-10-01',
      '2025-10-02',
      '2025-10-03',
      '2025-10-04',
      '2025-10-05',
      '2025-10-06',
      '2025-10-07',
      '2025-10-08',
    ],
    ['2025-09-28', '2025-10-11'],
  ),
];

export const HOLIDAYS_2026: readonly HolidayEntry[] = [
  // 元旦: 1月1日（周四）至3日（周六）放假调休，共3天；1月4日（周日）上班。
  ...holiday(NOTICE_2026, '元旦', ['2026-01-01', '2026-01-02', '2026-01-03'], ['2026-01-04']),
  // 春节: 2月15日（周日，腊月二十八）至23日（周一，正月初七）放假调休，共9天；2月14日（周六）、2月28日（周六）上班。
  ...holiday(
    NOTICE_2026,
    '春节',
    [
      '2026-02-15',
      '2026-02-16',
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-02-20',
      '2026-02-21',
      '2026-02-22',
      '2026-02-23',
    ],
    ['2026-02-14', '2026-02-28'],
  ),
  // 清明节: 4月4日（周六）至6日（周一）放假，共3天。
  ...holiday(NOTICE_2026, '清明节', ['2026-04-04', '2026-04-05', '2026-04-06'], []),
  // 劳动节: 5月1日（周五）至5日（周二）放假调休，共5天；5月9日（周六）上班。
  ...holiday(
    NOTICE_2026,
    '劳动节',
    ['2026-05-01', '2026-05-02', '2026-05-03', '2026-05-04', '2026-05-05'],
    ['2026-05-09'],
  ),
  // 端午节: 6月19日（周五）至21日（周日）放假，共3天。
  ...holiday(NOTICE_2026, '端午节', ['2026-06-19', '2026-06-20', '2026-06-21'], []),
  // 中秋节: 9月25日（周五）至27日（周日）放假，共3天。
  ...holiday(NOTICE_2026, '中秋节', ['2026-09-25', '2026-09-26', '2026-09-27'], []),
  // 国庆节: 10月1日（周四）至7日（周三）放假调休，共7天；9月20日（周日）、10月10日（周六）上班。
  ...holiday(
    NOTICE_2026,
    '国庆节',
    ['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07'],
    ['2026-09-20', '2026-10-10'],
  ),
];

/** The years whose notice is in this file (the `calendar_years` seed). */
export const SEEDED_CALENDAR_YEARS: readonly CalendarYear[] = [
  { year: 2025, notice: NOTICE_2025 },
  { year: 2026, notice: NOTICE_2026 },
];

export const SEEDED_HOLIDAYS: readonly HolidayEntry[] = [...HOLIDAYS_2025, ...HOLIDAYS_2026];
