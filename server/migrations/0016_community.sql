-- Community governance (网格化): grid boundaries, grid heads and members, courtyard units.
-- A grid is an org unit of kind 'grid' (the organisation tree already places it under its community);
-- this table adds what a map and a roster need. A courtyard unit (和美院落) is a small grid: an org
-- unit of kind 'grid' under a grid, with grid_type 'courtyard' (1 head + at most 2 members).

CREATE TABLE grids (
  unit_id     uuid PRIMARY KEY REFERENCES org_units(id),
  grid_type   text NOT NULL DEFAULT 'grid' CHECK (grid_type IN ('grid','courtyard')),
  -- GeoJSON geometry (Polygon or MultiPolygon, WGS-84 longitude/latitude), as imported.
  boundary    jsonb,
  -- Bounding box and a label point, kept with the boundary so the map and the point-in-grid
  -- look-up need not parse every polygon.
  min_lng     double precision,
  min_lat     double precision,
  max_lng     double precision,
  max_lat     double precision,
  centre_lng  double precision,
  centre_lat  double precision,
  households  integer CHECK (households >= 0),
  buildings   integer CHECK (buildings >= 0),
  updated_at  timestamptz NOT NULL DEFAULT now()
);

-- Grid head (网格长 / 院落长) and members (网格员 / 楼栋长 …). A member is a staff user or a named
-- resident without an account (courtyard heads are usually residents).
CREATE TABLE grid_members (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  unit_id      uuid NOT NULL REFERENCES grids(unit_id) ON DELETE CASCADE,
  member_role  text NOT NULL CHECK (member_role IN ('head','member')),
  user_id      uuid REFERENCES users(id),
  name         text NOT NULL,
  duty         text,
  sort_order   integer NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX grid_members_one_head ON grid_members (unit_id) WHERE member_role = 'head';
CREATE UNIQUE INDEX grid_members_user_uniq ON grid_members (unit_id, user_id) WHERE user_id IS NOT NULL;
CREATE INDEX grid_members_user_idx ON grid_members (user_id);

-- 三事分流 (matter scope): big (government/departments), small (village/community committee), private
-- (residents themselves, with guidance). Every case carries one. The default comes from the category
-- (a leaf's own entry before its first level's, then the fallback) as kept in settings, and is set by
-- a trigger at insert, so every intake path (workstation, portal, Open311, ledger import) gets it
-- without knowing about it; a clerk may change it later (case.matter_scope_set).
INSERT INTO settings (key, value) VALUES ('matter_scope_defaults', '{
  "fallback": "big",
  "byCategory": {
    "01": "small", "02": "small", "04": "small", "08": "small", "14": "small",
    "20": "private", "0201": "private", "0403": "small", "0909": "small"
  }
}'::jsonb);

ALTER TABLE cases ADD COLUMN matter_scope text CHECK (matter_scope IN ('big','small','private'));
ALTER TABLE cases ADD COLUMN matter_scope_is_default boolean NOT NULL DEFAULT true;

CREATE FUNCTION laiban_default_matter_scope(code text) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT coalesce(
    (SELECT value->'byCategory'->>code FROM settings WHERE key = 'matter_scope_defaults'),
    (SELECT value->'byCategory'->>left(code, 2) FROM settings WHERE key = 'matter_scope_defaults'),
    (SELECT value->>'fallback' FROM settings WHERE key = 'matter_scope_defaults'),
    'big')
$$;

CREATE FUNCTION laiban_cases_matter_scope() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.matter_scope IS NULL THEN
    NEW.matter_scope := laiban_default_matter_scope(NEW.category_code);
    NEW.matter_scope_is_default := true;
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER cases_matter_scope BEFORE INSERT ON cases
  FOR EACH ROW EXECUTE FUNCTION laiban_cases_matter_scope();

UPDATE cases SET matter_scope = laiban_default_matter_scope(category_code) WHERE matter_scope IS NULL;
ALTER TABLE cases ALTER COLUMN matter_scope SET NOT NULL;

-- Visits and patrols (定时走访, 串门问需, 日常巡查). A plan says how often a cadre visits the
-- households of a grid (e.g. each party cadre at least twice a week); a visit record is one home
-- visit or one patrol, with what was heard or found; a need or hidden danger found becomes a case
-- (channel grid) in the same transaction as the record, and the record keeps its case_id.
CREATE TABLE visit_plans (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  unit_id         uuid NOT NULL REFERENCES org_units(id),
  cadre_user_id   uuid NOT NULL REFERENCES users(id),
  times_per_week  integer NOT NULL CHECK (times_per_week BETWEEN 1 AND 21),
  note            text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (unit_id, cadre_user_id)
);

CREATE TABLE visits (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  unit_id        uuid NOT NULL REFERENCES org_units(id),
  unit_path      ltree NOT NULL,
  cadre_user_id  uuid NOT NULL REFERENCES users(id),
  kind           text NOT NULL CHECK (kind IN ('home_visit','patrol')),
  visited_at     timestamptz NOT NULL,
  household      text,
  needs          text,
  follow_up      text,
  -- Patrol route: [{ "lng": …, "lat": …, "at": "…" }, …]
  route          jsonb,
  finding        text NOT NULL CHECK (finding IN ('none','need','hazard')),
  case_id        uuid REFERENCES cases(id),
  created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX visits_unit_idx ON visits USING gist (unit_path);
CREATE INDEX visits_cadre_idx ON visits (cadre_user_id, visited_at);
CREATE INDEX visits_at_idx ON visits (visited_at);

-- Assistance for people in difficulty (帮扶救助, S10): a household or person with hardships, the
-- measures taken, the responsible unit and the next review date (dynamic review), linked to the
-- cases that concern it. Visible only to holders of assistance.read over its unit. No ID numbers
-- or phones are kept here: the linked cases hold the parties, encrypted.
CREATE TABLE assistance_records (
  id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  unit_id              uuid NOT NULL REFERENCES org_units(id),
  unit_path            ltree NOT NULL,
  household            text NOT NULL,
  situation            text NOT NULL,
  hardships            text[] NOT NULL CHECK (hardships <@ ARRAY['basic_living','medical','urgent','employment','education','care']::text[] AND cardinality(hardships) >= 1),
  measures             text,
  responsible_unit_id  uuid REFERENCES org_units(id),
  review_on            date NOT NULL,
  status               text NOT NULL DEFAULT 'active' CHECK (status IN ('active','closed')),
  created_by           uuid NOT NULL REFERENCES users(id),
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX assistance_records_unit_idx ON assistance_records USING gist (unit_path);
CREATE INDEX assistance_records_review_idx ON assistance_records (review_on) WHERE status = 'active';

CREATE TABLE assistance_case_links (
  record_id  uuid NOT NULL REFERENCES assistance_records(id) ON DELETE CASCADE,
  case_id    uuid NOT NULL REFERENCES cases(id),
  linked_by  uuid NOT NULL REFERENCES users(id),
  linked_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (record_id, case_id)
);
CREATE INDEX assistance_case_links_case_idx ON assistance_case_links (case_id);
