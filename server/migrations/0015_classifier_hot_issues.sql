-- Category and unit suggestion (智能分拨) and hot issues (热点发现).

-- Versioned suggestion models. The model shipped in the repository (version 'shipped-1') is used while
-- no row is active; `laiban model train` retrains from the platform's own cases and corrections, stores
-- the result here as a new version and activates it. Rows are never deleted, so the version named on
-- a suggestion can always be found again.
CREATE TABLE classifier_models (
  version       text PRIMARY KEY,
  is_active     boolean NOT NULL DEFAULT false,
  labels        text[] NOT NULL,
  -- The serialised model (format laiban-linear-v1): vocabulary, quantised weights.
  model         text NOT NULL,
  -- What it was trained on (cases, corrections, warm start) and how it scored on held-out cases.
  training      jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX classifier_models_one_active ON classifier_models (is_active) WHERE is_active;

-- The routing table: which unit usually handles a category, per jurisdiction. The nearest scope unit
-- (the clerk's own unit or its nearest ancestor with a route) wins, then the most specific code the
-- suggestion names (leaf '0209', then its top level '02', then the model's class).
CREATE TABLE category_routes (
  scope_unit_id uuid NOT NULL REFERENCES org_units(id),
  category_code text NOT NULL CHECK (category_code ~ '^[0-9]{2}([0-9]{2})?$'),
  unit_id       uuid NOT NULL REFERENCES org_units(id),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (scope_unit_id, category_code)
);

-- The suggestion shown at intake and what the clerk did with it: kept the suggested
-- top-level category ('accepted') or filed the case under another ('corrected'). Corrections weigh double when the model
-- is retrained. One row per case (a case is registered once).
CREATE TABLE case_category_suggestions (
  case_id            uuid NOT NULL REFERENCES cases(id),
  model_version      text NOT NULL,
  -- The model's top-level category and, where the text names one, the leaf within it.
  suggested_code     text NOT NULL,
  suggested_leaf_code text,
  confidence         real NOT NULL CHECK (confidence >= 0 AND confidence <= 1),
  alternatives       jsonb NOT NULL DEFAULT '[]'::jsonb,
  suggested_unit_id  uuid REFERENCES org_units(id),
  chosen_code        text NOT NULL,
  outcome            text NOT NULL CHECK (outcome IN ('accepted','corrected')),
  recorded_by        uuid NOT NULL REFERENCES users(id),
  created_at         timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (case_id)
);
CREATE INDEX case_category_suggestions_model ON case_category_suggestions (model_version, outcome);

-- Hot-issue alerts raised by the daily sweep: one per cluster (named by its earliest case) and
-- responsible unit; raised again only when the cluster has grown by the alert size since.
CREATE TABLE hot_issue_alerts (
  unit_id         uuid NOT NULL REFERENCES org_units(id),
  anchor_case_id  uuid NOT NULL,
  title           text NOT NULL,
  size            integer NOT NULL CHECK (size > 0),
  case_ids        uuid[] NOT NULL,
  raised_at       timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (unit_id, anchor_case_id)
);

-- Hot issues: clustering window and alert size, changed by an administrator like other settings.
-- hot_issues_swept_on is the day the daily sweep last ran (several server processes run it once).
INSERT INTO settings (key, value) VALUES
  ('hot_issues', '{"windowDays": 30, "alertSize": 5, "minSimilarity": 0.3}'),
  ('hot_issues_swept_on', 'null');

-- Notices of a hot issue go to the responsible unit's members.
ALTER TABLE notices DROP CONSTRAINT notices_kind_check;
ALTER TABLE notices ADD CONSTRAINT notices_kind_check
  CHECK (kind IN ('assignment','supervision','deadline','hot_issue'));
