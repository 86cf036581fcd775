-- Case lifecycle. Every table that grows with cases carries case_id first in its primary key so the
-- schema can later be distributed by case (Citus); organisation and configuration stay reference tables.

CREATE SEQUENCE case_number_seq;

-- Per-unit settings inherited down the tree (nearest ancestor wins): deadline profile and the like.
ALTER TABLE org_units ADD COLUMN deadline_profile text;

CREATE TABLE settings (
  key        text PRIMARY KEY,
  value      jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO settings (key, value) VALUES
  ('group_petition_threshold', '5'),
  ('supervision', '{"redCardAfterOverdueDays": 10}');

CREATE TABLE cases (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_no            text NOT NULL UNIQUE,
  version            integer NOT NULL DEFAULT 1,
  status             text NOT NULL,
  is_open            boolean NOT NULL DEFAULT true,
  -- Where a hearing returns to when it ends (handling or 复核).
  resume_status      text,
  channel            text NOT NULL CHECK (channel IN ('visit','letter','phone','online','fax_email','superior','grid','leader_reception','agent')),
  source_unit_id     uuid REFERENCES org_units(id),
  source_ref         text,
  received_at        timestamptz NOT NULL,
  received_on        date NOT NULL,
  registered_by      uuid NOT NULL REFERENCES users(id),
  first_unit_id      uuid NOT NULL REFERENCES org_units(id),
  owner_unit_id      uuid NOT NULL REFERENCES org_units(id),
  owner_path         ltree NOT NULL,
  title              text NOT NULL,
  facts              text NOT NULL,
  demands            text NOT NULL,
  reasons            text,
  category_code      text NOT NULL,
  -- Codes are read within the list they were filed under: a site may switch to a new category set.
  category_set_id    text NOT NULL,
  nature             text NOT NULL CHECK (nature IN ('suggestion','accusation','claim')),
  claim_route        text,
  risk_colour        text NOT NULL CHECK (risk_colour IN ('red','yellow','green')),
  risk_reason        text,
  address            text NOT NULL,
  latitude           double precision,
  longitude          double precision,
  location_unit_id   uuid REFERENCES org_units(id),
  person_count       integer NOT NULL DEFAULT 1 CHECK (person_count >= 1),
  is_group           boolean NOT NULL DEFAULT false,
  is_confidential    boolean NOT NULL DEFAULT false,
  is_repeat          boolean NOT NULL DEFAULT false,
  repeat_of_case_id  uuid,
  is_first_petition  boolean NOT NULL DEFAULT true,
  -- The unit that transferred or assigned the case here: it decides an objection.
  assigning_unit_id  uuid REFERENCES org_units(id),
  leader_user_id     uuid REFERENCES users(id),
  leader_package     jsonb,
  accepted_at        timestamptz,
  opinion            jsonb,
  review             jsonb,
  recheck            jsonb,
  delivered_at       timestamptz,
  delivered_on       date,
  receipt_confirmed_at timestamptz,
  resolved_on_spot   boolean,
  escalation_count   integer NOT NULL DEFAULT 0,
  closed_at          timestamptz,
  terminated_at      timestamptz,
  fingerprint        text,
  satisfaction       text CHECK (satisfaction IN ('satisfied','basically_satisfied','unsatisfied')),
  followed_up_at     timestamptz,
  archived_at        timestamptz,
  -- The nearest running deadline: what queues sort by and colour.
  due_on             date,
  due_code           text,
  due_period         integer,
  -- Head of the case's event hash chain, and how much of it the global anchor chain has sealed.
  chain_seq          integer NOT NULL DEFAULT 0,
  chain_hash         text NOT NULL DEFAULT '',
  anchored_seq       integer NOT NULL DEFAULT 0,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX cases_open_owner_due ON cases (owner_unit_id, due_on, id) WHERE is_open;
CREATE INDEX cases_owner_received ON cases (owner_unit_id, received_at DESC);
CREATE INDEX cases_owner_path ON cases USING gist (owner_path);
CREATE INDEX cases_first_unit ON cases (first_unit_id, received_at DESC);
CREATE INDEX cases_received ON cases (received_at DESC, id);
CREATE INDEX cases_open_due ON cases (due_on, id) WHERE is_open;
CREATE INDEX cases_fingerprint ON cases (fingerprint) WHERE fingerprint IS NOT NULL;
CREATE INDEX cases_repeat_of ON cases (repeat_of_case_id) WHERE repeat_of_case_id IS NOT NULL;
CREATE INDEX cases_unanchored ON cases (id) WHERE chain_seq > anchored_seq;

-- Which units a case is visible to, and why. Rows are only added (a former owner keeps its view).
CREATE TABLE case_units (
  case_id   uuid NOT NULL REFERENCES cases(id),
  unit_id   uuid NOT NULL REFERENCES org_units(id),
  relation  text NOT NULL CHECK (relation IN ('owner','first','source','lead','co','reviewer','former','supervisor')),
  unit_path ltree NOT NULL,
  added_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (case_id, unit_id, relation)
);
CREATE INDEX case_units_path ON case_units USING gist (unit_path);
CREATE INDEX case_units_unit ON case_units (unit_id, case_id);

-- Petitioners, representatives and agents. ID numbers and phones are encrypted (AES-256-GCM),
-- with a keyed HMAC for exact look-up and the masked form for display.
CREATE TABLE case_parties (
  case_id          uuid NOT NULL REFERENCES cases(id),
  id               uuid NOT NULL DEFAULT gen_random_uuid(),
  role             text NOT NULL CHECK (role IN ('petitioner','representative','agent')),
  party_type       text NOT NULL CHECK (party_type IN ('person','organisation')),
  name             text NOT NULL,
  id_type          text,
  id_number_enc    text,
  id_number_hmac   text,
  id_number_masked text,
  phone_enc        text,
  phone_hmac       text,
  phone_masked     text,
  address          text,
  sort_order       integer NOT NULL DEFAULT 0,
  PRIMARY KEY (case_id, id)
);
CREATE INDEX case_parties_id_hmac ON case_parties (id_number_hmac) WHERE id_number_hmac IS NOT NULL;
CREATE INDEX case_parties_phone_hmac ON case_parties (phone_hmac) WHERE phone_hmac IS NOT NULL;

-- The legal record: one typed event per change, hash-chained per case. Append-only.
CREATE TABLE case_events (
  case_id       uuid NOT NULL REFERENCES cases(id),
  seq           integer NOT NULL,
  type          text NOT NULL,
  at            timestamptz NOT NULL,
  actor_id      uuid REFERENCES users(id),
  actor_unit_id uuid REFERENCES org_units(id),
  from_status   text,
  to_status     text,
  payload       jsonb NOT NULL,
  prev_hash     text NOT NULL,
  hash          text NOT NULL,
  hash_alg      text NOT NULL,
  PRIMARY KEY (case_id, seq)
);
CREATE INDEX case_events_at ON case_events (at);
CREATE INDEX case_events_type_at ON case_events (type, at);

CREATE FUNCTION laiban_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: rows are never updated or deleted', TG_TABLE_NAME;
END
$$;
CREATE TRIGGER case_events_append_only BEFORE UPDATE OR DELETE ON case_events
  FOR EACH ROW EXECUTE FUNCTION laiban_append_only();

-- The global chain: each anchor seals the chain heads of the cases changed since the previous one.
CREATE TABLE audit_anchors (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at           timestamptz NOT NULL DEFAULT now(),
  heads        jsonb NOT NULL,
  prev_hash    text NOT NULL,
  hash         text NOT NULL,
  hash_alg     text NOT NULL
);
CREATE TRIGGER audit_anchors_append_only BEFORE UPDATE OR DELETE ON audit_anchors
  FOR EACH ROW EXECUTE FUNCTION laiban_append_only();

-- Legal clocks of a case: one row per running or finished period.
CREATE TABLE case_deadlines (
  case_id         uuid NOT NULL REFERENCES cases(id),
  id              uuid NOT NULL DEFAULT gen_random_uuid(),
  code            text NOT NULL,
  unit_id         uuid NOT NULL REFERENCES org_units(id),
  assignment_id   uuid,
  profile_code    text NOT NULL,
  profile_version integer NOT NULL,
  started_on      date NOT NULL,
  period          integer NOT NULL,
  period_unit     text NOT NULL CHECK (period_unit IN ('calendar_days','working_days')),
  extension_days  integer NOT NULL DEFAULT 0,
  paused_days     integer NOT NULL DEFAULT 0,
  paused_since    date,
  due_on          date NOT NULL,
  unverified      boolean NOT NULL DEFAULT false,
  status          text NOT NULL CHECK (status IN ('running','paused','met','missed','cancelled')),
  ended_at        timestamptz,
  created_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (case_id, id)
);
CREATE INDEX case_deadlines_running_due ON case_deadlines (due_on) WHERE status = 'running';
CREATE INDEX case_deadlines_unit_running ON case_deadlines (unit_id, due_on) WHERE status = 'running';

-- 吹哨报到: units summoned to a case, one lead (主办) and co-handlers (协办), each with its task.
CREATE TABLE case_assignments (
  case_id              uuid NOT NULL REFERENCES cases(id),
  id                   uuid NOT NULL DEFAULT gen_random_uuid(),
  unit_id              uuid NOT NULL REFERENCES org_units(id),
  role                 text NOT NULL CHECK (role IN ('lead','co')),
  task                 text NOT NULL,
  assigned_by_unit_id  uuid NOT NULL REFERENCES org_units(id),
  assigned_by          uuid REFERENCES users(id),
  assigned_at          timestamptz NOT NULL,
  report_due_on        date NOT NULL,
  feedback_due_on      date NOT NULL,
  reported_at          timestamptz,
  feedback             text,
  feedback_at          timestamptz,
  objection_reason     text,
  objected_at          timestamptz,
  objection_decision   text CHECK (objection_decision IN ('upheld','rejected')),
  objection_decided_at timestamptz,
  status               text NOT NULL CHECK (status IN ('assigned','reported','objected','done','cancelled')),
  PRIMARY KEY (case_id, id)
);
CREATE INDEX case_assignments_unit ON case_assignments (unit_id, status);

-- 督办: raised by the timer (about to be overdue, overdue) or by hand.
CREATE TABLE supervision_orders (
  case_id             uuid NOT NULL REFERENCES cases(id),
  id                  uuid NOT NULL DEFAULT gen_random_uuid(),
  deadline_id         uuid,
  tier                text NOT NULL CHECK (tier IN ('normal','yellow','red')),
  trigger             text NOT NULL CHECK (trigger IN ('due_soon','overdue','manual')),
  target_unit_id      uuid NOT NULL REFERENCES org_units(id),
  supervising_unit_id uuid NOT NULL REFERENCES org_units(id),
  reason              text NOT NULL,
  due_on              date NOT NULL,
  status              text NOT NULL CHECK (status IN ('open','replied','closed')),
  reply               text,
  replied_at          timestamptz,
  replied_by          uuid REFERENCES users(id),
  created_by          uuid REFERENCES users(id),
  created_at          timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (case_id, id)
);
CREATE UNIQUE INDEX supervision_once_per_tier ON supervision_orders (case_id, deadline_id, tier) WHERE deadline_id IS NOT NULL;
CREATE INDEX supervision_target_open ON supervision_orders (target_unit_id, due_on) WHERE status = 'open';

CREATE TABLE case_attachments (
  case_id         uuid NOT NULL REFERENCES cases(id),
  id              uuid NOT NULL DEFAULT gen_random_uuid(),
  kind            text NOT NULL CHECK (kind IN ('image','document','audio','video','video_reference')),
  storage_key     text,
  video_url       text,
  original_name   text NOT NULL,
  mime            text,
  size            bigint,
  sha256          text,
  description     text,
  is_confidential boolean NOT NULL DEFAULT false,
  uploaded_by     uuid REFERENCES users(id),
  uploaded_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (case_id, id)
);

-- Files uploaded before the case exists (drag-and-drop at intake), claimed by the case on registration.
CREATE TABLE uploads (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  storage_key   text NOT NULL,
  original_name text NOT NULL,
  mime          text NOT NULL,
  kind          text NOT NULL,
  size          bigint NOT NULL,
  sha256        text NOT NULL,
  uploaded_by   uuid NOT NULL REFERENCES users(id),
  uploaded_at   timestamptz NOT NULL DEFAULT now(),
  claimed_by_case uuid
);
CREATE INDEX uploads_user ON uploads (uploaded_by, uploaded_at DESC);

-- Side effects (SMS, e-mail, in-app notices, webhooks), written in the same transaction as the event.
CREATE TABLE outbox (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  case_id      uuid,
  topic        text NOT NULL,
  payload      jsonb NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  available_at timestamptz NOT NULL DEFAULT now(),
  attempts     integer NOT NULL DEFAULT 0,
  processed_at timestamptz,
  last_error   text
);
CREATE INDEX outbox_pending ON outbox (available_at) WHERE processed_at IS NULL;

-- Every unmasking, export or download of personal data (PIPL; DOMAIN.md §7.5). Append-only.
CREATE TABLE personal_data_access (
  id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at       timestamptz NOT NULL DEFAULT now(),
  user_id  uuid REFERENCES users(id),
  unit_id  uuid REFERENCES org_units(id),
  case_id  uuid,
  party_id uuid,
  action   text NOT NULL CHECK (action IN ('unmask','export','download','denied')),
  fields   text[] NOT NULL DEFAULT '{}',
  reason   text,
  ip       text
);
CREATE INDEX personal_data_access_user ON personal_data_access (user_id, at DESC);
CREATE INDEX personal_data_access_case ON personal_data_access (case_id, at DESC);
CREATE TRIGGER personal_data_access_append_only BEFORE UPDATE OR DELETE ON personal_data_access
  FOR EACH ROW EXECUTE FUNCTION laiban_append_only();
