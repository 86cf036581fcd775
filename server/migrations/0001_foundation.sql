-- Foundation: organisation tree, users and roles, sessions, API tokens, sign-in and admin audit.
-- Enumerations are text columns with CHECK constraints so values can be added without a type rewrite.

CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS ltree;
CREATE EXTENSION IF NOT EXISTS btree_gin;
CREATE EXTENSION IF NOT EXISTS pgcrypto;

CREATE TABLE org_units (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  parent_id     uuid REFERENCES org_units(id),
  -- Materialised path of ltree labels (one label per ancestor id) for index-backed subtree queries.
  path          ltree NOT NULL,
  depth         integer NOT NULL,
  kind          text NOT NULL CHECK (kind IN ('district','town','community','grid','department','service_centre','court','discipline')),
  name          text NOT NULL,
  short_name    text,
  division_code text UNIQUE CHECK (division_code ~ '^[0-9]{12}$'),
  sort_order    integer NOT NULL DEFAULT 0,
  is_active     boolean NOT NULL DEFAULT true,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX org_units_path_gist ON org_units USING gist (path);
CREATE INDEX org_units_parent_idx ON org_units (parent_id, sort_order);
CREATE UNIQUE INDEX org_units_path_uniq ON org_units (path);

-- A community/village unit that runs a 我来办工作室.
CREATE TABLE workstations (
  unit_id       uuid PRIMARY KEY REFERENCES org_units(id),
  name          text NOT NULL,
  public_phone  text NOT NULL,
  address       text NOT NULL,
  opening_hours text NOT NULL,
  latitude      double precision,
  longitude     double precision,
  is_published  boolean NOT NULL DEFAULT true,
  updated_at    timestamptz NOT NULL DEFAULT now()
);

-- Weekly duty roster of a workstation (e.g. every Wednesday the party secretary receives residents).
CREATE TABLE duty_roster_entries (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  unit_id     uuid NOT NULL REFERENCES workstations(unit_id) ON DELETE CASCADE,
  weekday     smallint NOT NULL CHECK (weekday BETWEEN 1 AND 7),
  start_time  time NOT NULL,
  end_time    time NOT NULL CHECK (end_time > start_time),
  staff_name  text NOT NULL,
  staff_title text,
  user_id     uuid,
  note        text
);
CREATE INDEX duty_roster_unit_idx ON duty_roster_entries (unit_id, weekday, start_time);

CREATE TABLE users (
  id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  username             text NOT NULL UNIQUE CHECK (username = lower(username)),
  display_name         text NOT NULL,
  password_hash        text NOT NULL,
  unit_id              uuid NOT NULL REFERENCES org_units(id),
  is_active            boolean NOT NULL DEFAULT true,
  must_change_password boolean NOT NULL DEFAULT false,
  failed_attempts      integer NOT NULL DEFAULT 0,
  locked_until         timestamptz,
  password_changed_at  timestamptz NOT NULL DEFAULT now(),
  last_login_at        timestamptz,
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX users_unit_idx ON users (unit_id);
CREATE INDEX users_name_trgm ON users USING gin (display_name gin_trgm_ops);

ALTER TABLE duty_roster_entries ADD CONSTRAINT duty_roster_user_fk FOREIGN KEY (user_id) REFERENCES users(id);

-- A role held by a user, scoped to one unit and its whole subtree.
CREATE TABLE user_roles (
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  role    text NOT NULL CHECK (role IN ('system_admin','petition_clerk','workstation_staff','grid_worker','department_handler','leader','mediator','expert','discipline_inspector')),
  unit_id uuid NOT NULL REFERENCES org_units(id),
  PRIMARY KEY (user_id, role, unit_id)
);
CREATE INDEX user_roles_unit_idx ON user_roles (unit_id, role);

-- Only a SHA-256 of the session token is stored, so a database leak does not hand out sessions.
CREATE TABLE sessions (
  token_hash   text PRIMARY KEY,
  user_id      uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf_token   text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL,
  ip           text,
  user_agent   text
);
CREATE INDEX sessions_user_idx ON sessions (user_id);
CREATE INDEX sessions_expires_idx ON sessions (expires_at);

CREATE TABLE api_tokens (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id      uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  name         text NOT NULL,
  token_hash   text NOT NULL UNIQUE,
  prefix       text NOT NULL,
  created_by   uuid REFERENCES users(id),
  created_at   timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz,
  last_used_at timestamptz,
  revoked_at   timestamptz
);
CREATE INDEX api_tokens_user_idx ON api_tokens (user_id);

-- Sign-in record: logins, failures, lock-outs, logouts, password changes. Append-only.
CREATE TABLE auth_events (
  id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at       timestamptz NOT NULL DEFAULT now(),
  user_id  uuid REFERENCES users(id) ON DELETE SET NULL,
  event    text NOT NULL CHECK (event IN ('login.succeeded','login.failed','login.locked','login.refused_locked','login.refused_disabled','logout','password.changed','password.reset','session.expired','token.created','token.revoked')),
  ip       text,
  detail   jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX auth_events_user_idx ON auth_events (user_id, at DESC);
CREATE INDEX auth_events_at_idx ON auth_events (at DESC);

-- Administrative changes (units, users, roles, workstations), written in the same transaction as the change.
CREATE TABLE admin_events (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at            timestamptz NOT NULL DEFAULT now(),
  actor_id      uuid REFERENCES users(id),
  actor_unit_id uuid REFERENCES org_units(id),
  type          text NOT NULL,
  entity_type   text NOT NULL,
  entity_id     uuid NOT NULL,
  payload       jsonb NOT NULL DEFAULT '{}'::jsonb,
  request_id    text
);
CREATE INDEX admin_events_entity_idx ON admin_events (entity_type, entity_id, at);
CREATE INDEX admin_events_at_idx ON admin_events (at DESC);
