-- Legal clock: the State Council holiday calendar and the versioned deadline profiles.
--
-- Why a table and not a library: rest days and 调休 make-up workdays are fixed only by each year's
-- 国务院办公厅 notice (DOMAIN.md §2.2), and administrators must be able to enter a new year's notice
-- without a release. A year is "covered" only when its row in calendar_years exists; for any other
-- year the engine counts weekends only and flags the deadline "calendar unverified" (DOMAIN.md §2.3).
-- Deadline periods are configuration too (DOMAIN.md §0): a profile is stored whole as JSON per
-- (code, version) and never updated in place, so an old deadline can always be explained.
-- Plain SQL, no extensions: runs on PostgreSQL 15+ and PGlite.

-- One year whose notice has been loaded completely.
CREATE TABLE calendar_years (
  year      integer PRIMARY KEY CHECK (year BETWEEN 1900 AND 9999),
  notice    text NOT NULL,
  loaded_at timestamptz NOT NULL DEFAULT now()
);

-- One day named in a notice: a day off ('holiday') or a weekend day worked instead ('makeup_workday').
-- Ordinary weekdays and weekends are not stored.
CREATE TABLE holiday_calendar (
  day        date PRIMARY KEY,
  kind       text NOT NULL CHECK (kind IN ('holiday','makeup_workday')),
  name       text NOT NULL,
  notice     text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- A version of a deadline profile (national-2022, changyi, dalian-zhongshan, …). body holds the rules,
-- warning thresholds and parameters as validated by deadlineProfileSchema (modules/calendar).
CREATE TABLE deadline_profiles (
  code       text NOT NULL,
  version    integer NOT NULL CHECK (version > 0),
  name       text NOT NULL,
  valid_from date NOT NULL,
  body       jsonb NOT NULL CHECK (jsonb_typeof(body) = 'object'),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (code, version)
);

-- Seed: the 2025 and 2026 notices, generated from server/src/modules/calendar/holidays.data.ts by
-- holiday-seed-sql.ts (holidays.data.test.ts checks the rows below equal that file).
INSERT INTO calendar_years (year, notice) VALUES
  (2025, '国办发明电〔2024〕12号'),
  (2026, '国务院办公厅关于2026年部分节假日安排的通知');

INSERT INTO holiday_calendar (day, kind, name, notice) VALUES
  ('2025-01-01', 'holiday', '元旦', '国办发明电〔2024〕12号'),
  ('2025-01-26', 'makeup_workday', '春节', '国办发明电〔2024〕12号'),
  ('2025-01-28', 'holiday', '春节', '国办发明电〔2024〕12号'),
  ('2025-01-29', 'holiday', '春节', '国办发明电〔2024〕12号'),
  ('2025-01-30', 'holiday', '春节', '国办发明电〔2024〕12号'),
  ('2025-01-31', 'holiday', '春节', '国办发明电〔2024〕12号'),
  ('2025-02-01', 'holiday', '春节', '国办发明电〔2024〕12号'),
  ('2025-02-02', 'holiday', '春节', '国办发明电〔2024〕12号'),
  ('2025-02-03', 'holiday', '春节', '国办发明电〔2024〕12号'),
  ('2025-02-04', 'holiday', '春节', '国办发明电〔2024〕12号'),
  ('2025-02-08', 'makeup_workday', '春节', '国办发明电〔2024〕12号'),
  ('2025-04-04', 'holiday', '清明节', '国办发明电〔2024〕12号'),
  ('2025-04-05', 'holiday', '清明节', '国办发明电〔2024〕12号'),
  ('2025-04-06', 'holiday', '清明节', '国办发明电〔2024〕12号'),
  ('2025-04-27', 'makeup_workday', '劳动节', '国办发明电〔2024〕12号'),
  ('2025-05-01', 'holiday', '劳动节', '国办发明电〔2024〕12号'),
  ('2025-05-02', 'holiday', '劳动节', '国办发明电〔2024〕12号'),
  ('2025-05-03', 'holiday', '劳动节', '国办发明电〔2024〕12号'),
  ('2025-05-04', 'holiday', '劳动节', '国办发明电〔2024〕12号'),
  ('2025-05-05', 'holiday', '劳动节', '国办发明电〔2024〕12号'),
  ('2025-05-31', 'holiday', '端午节', '国办发明电〔2024〕12号'),
  ('2025-06-01', 'holiday', '端午节', '国办发明电〔2024〕12号'),
  ('2025-06-02', 'holiday', '端午节', '国办发明电〔2024〕12号'),
  ('2025-09-28', 'makeup_workday', '国庆节、中秋节', '国办发明电〔2024〕12号'),
  ('2025-10-01', 'holiday', '国庆节、中秋节', '国办发明电〔2024〕12号'),
  ('2025-10-02', 'holiday', '国庆节、中秋节', '国办发明电〔2024〕12号'),
  ('2025-10-03', 'holiday', '国庆节、中秋节', '国办发明电〔2024〕12号'),
  ('2025-10-04', 'holiday', '国庆节、中秋节', '国办发明电〔2024〕12号'),
  ('2025-10-05', 'holiday', '国庆节、中秋节', '国办发明电〔2024〕12号'),
  ('2025-10-06', 'holiday', '国庆节、中秋节', '国办发明电〔2024〕12号'),
  ('2025-10-07', 'holiday', '国庆节、中秋节', '国办发明电〔2024〕12号'),
  ('2025-10-08', 'holiday', '国庆节、中秋节', '国办发明电〔2024〕12号'),
  ('2025-10-11', 'makeup_workday', '国庆节、中秋节', '国办发明电〔2024〕12号'),
  ('2026-01-01', 'holiday', '元旦', '国务院办公厅关于2026年部分节假日安排的通知'),
  ('2026-01-02', 'holiday', '元旦', '国务院办公厅关于2026年部分节假日安排的通知'),
  ('2026-01-03', 'holiday', '元旦', '国务院办公厅关于2026年部分节假日安排的通知'),
  ('2026-01-04', 'makeup_workday', '元旦', '国务院办公厅关于2026年部分节假日安排的通知'),
  ('2026-02-14', 'makeup_workday', '春节', '国务院办公厅关于2026年部分节假日安排的通知'),
  ('2026-02-15', 'holiday', '春节', '国务院办公厅关于2026年部分节假日安排的通知'),
  ('2026-02-16', 'holiday', '春节', '国务院办公厅关于2026年部分节假日安排的通知'),
  ('2026-02-17', 'holiday', '春节', '国务院办公厅关于2026年部分节假日安排的通知'),
  ('2026-02-18', 'holiday', '春节', '国务院办公厅关于2026年部分节假日安排的通知'),
  ('2026-02-19', 'holiday', '春节', '国务院办公厅关于2026年部分节假日安排的通知'),
  ('2026-02-20', 'holiday', '春节', '国务院办公厅关于2026年部分节假日安排的通知'),
  ('2026-02-21', 'holiday', '春节', '国务院办公厅关于2026年部分节假日安排的通知'),
  ('2026-02-22', 'holiday', '春节', '国务院办公厅关于2026年部分节假日安排的通知'),
  ('2026-02-23', 'holiday', '春节', '国务院办公厅关于2026年部分节假日安排的通知'),
  ('2026-02-28', 'makeup_workday', '春节', '国务院办公厅关于2026年部分节假日安排的通知'),
  ('2026-04-04', 'holiday', '清明节', '国务院办公厅关于2026年部分节假日安排的通知'),
  ('2026-04-05', 'holiday', '清明节', '国务院办公厅关于2026年部分节假日安排的通知'),
  ('2026-04-06', 'holiday', '清明节', '国务院办公厅关于2026年部分节假日安排的通知'),
  ('2026-05-01', 'holiday', '劳动节', '国务院办公厅关于2026年部分节假日安排的通知'),
  ('2026-05-02', 'holiday', '劳动节', '国务院办公厅关于2026年部分节假日安排的通知'),
  ('2026-05-03', 'holiday', '劳动节', '国务院办公厅关于2026年部分节假日安排的通知'),
  ('2026-05-04', 'holiday', '劳动节', '国务院办公厅关于2026年部分节假日安排的通知'),
  ('2026-05-05', 'holiday', '劳动节', '国务院办公厅关于2026年部分节假日安排的通知'),
  ('2026-05-09', 'makeup_workday', '劳动节', '国务院办公厅关于2026年部分节假日安排的通知'),
  ('2026-06-19', 'holiday', '端午节', '国务院办公厅关于2026年部分节假日安排的通知'),
  ('2026-06-20', 'holiday', '端午节', '国务院办公厅关于2026年部分节假日安排的通知'),
  ('2026-06-21', 'holiday', '端午节', '国务院办公厅关于2026年部分节假日安排的通知'),
  ('2026-09-20', 'makeup_workday', '国庆节', '国务院办公厅关于2026年部分节假日安排的通知'),
  ('2026-09-25', 'holiday', '中秋节', '国务院办公厅关于2026年部分节假日安排的通知'),
  ('2026-09-26', 'holiday', '中秋节', '国务院办公厅关于2026年部分节假日安排的通知'),
  ('2026-09-27', 'holiday', '中秋节', '国务院办公厅关于2026年部分节假日安排的通知'),
  ('2026-10-01', 'holiday', '国庆节', '国务院办公厅关于2026年部分节假日安排的通知'),
  ('2026-10-02', 'holiday', '国庆节', '国务院办公厅关于2026年部分节假日安排的通知'),
  ('2026-10-03', 'holiday', '国庆节', '国务院办公厅关于2026年部分节假日安排的通知'),
  ('2026-10-04', 'holiday', '国庆节', '国务院办公厅关于2026年部分节假日安排的通知'),
  ('2026-10-05', 'holiday', '国庆节', '国务院办公厅关于2026年部分节假日安排的通知'),
  ('2026-10-06', 'holiday', '国庆节', '国务院办公厅关于2026年部分节假日安排的通知'),
  ('2026-10-07', 'holiday', '国庆节', '国务院办公厅关于2026年部分节假日安排的通知'),
  ('2026-10-10', 'makeup_workday', '国庆节', '国务院办公厅关于2026年部分节假日安排的通知');
