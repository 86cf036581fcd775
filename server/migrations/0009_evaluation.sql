-- Evaluation figures (三率 and the others, docs/METRICS.md). The counters of every unit's subtree
-- by day, first-level category and channel, kept current in the transaction of each case change:
-- a case counts in the rows of its unit and of every unit above it, so a district's quarter sums
-- the district's own few thousand rows instead of reading its cases.

-- Observation window of 一次性化解率 and the weight of 基本满意 in 群众满意率 (DOMAIN.md §3.2–3.3).
INSERT INTO settings (key, value) VALUES
  ('evaluation', '{"repeatWindowDays": 90, "basicSatisfiedWeight": 1}')
ON CONFLICT (key) DO NOTHING;

CREATE TABLE evaluation_daily (
  unit_id             uuid NOT NULL REFERENCES org_units(id),
  day                 date NOT NULL,
  category_top        text NOT NULL,
  channel             text NOT NULL,
  -- Cases referred to discipline inspection count only for those who may read them.
  confidential        boolean NOT NULL,
  received            integer NOT NULL DEFAULT 0,
  matters             integer NOT NULL DEFAULT 0,
  visit_batches       integer NOT NULL DEFAULT 0,
  visit_persons       integer NOT NULL DEFAULT 0,
  group_visits        integer NOT NULL DEFAULT 0,
  group_persons       integer NOT NULL DEFAULT 0,
  repeats             integer NOT NULL DEFAULT 0,
  notify_due          integer NOT NULL DEFAULT 0,
  notify_met          integer NOT NULL DEFAULT 0,
  handle_due          integer NOT NULL DEFAULT 0,
  handle_met          integer NOT NULL DEFAULT 0,
  delivered           integer NOT NULL DEFAULT 0,
  eligible            integer NOT NULL DEFAULT 0,
  rated               integer NOT NULL DEFAULT 0,
  satisfied           integer NOT NULL DEFAULT 0,
  basically_satisfied integer NOT NULL DEFAULT 0,
  unsatisfied         integer NOT NULL DEFAULT 0,
  on_spot             integer NOT NULL DEFAULT 0,
  first_concluded     integer NOT NULL DEFAULT 0,
  first_repeated      integer NOT NULL DEFAULT 0,
  -- Unit first: a subtree's period is one index range.
  PRIMARY KEY (unit_id, day, category_top, channel, confidential)
);

-- The same counters by month (`day` is the first day of the month): a quarter reads three rows per
-- category and channel; the daily rows serve the days of a period outside whole months.
CREATE TABLE evaluation_monthly (LIKE evaluation_daily INCLUDING DEFAULTS);
ALTER TABLE evaluation_monthly ADD PRIMARY KEY (unit_id, day, category_top, channel, confidential);
ALTER TABLE evaluation_monthly ADD FOREIGN KEY (unit_id) REFERENCES org_units(id);

-- What each case last contributed to evaluation_daily: the next change of the case subtracts it
-- and adds the new contribution. One row per case, keyed by case like every table that grows with cases.
CREATE TABLE evaluation_case_facts (
  case_id       uuid PRIMARY KEY REFERENCES cases(id),
  category_top  text NOT NULL,
  channel       text NOT NULL,
  confidential  boolean NOT NULL,
  items         jsonb NOT NULL,
  updated_at    timestamptz NOT NULL DEFAULT now()
);
