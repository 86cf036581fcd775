-- Notifications and Open311 GeoReport v2.
--
-- The outbox (0004) is written in the same transaction as the change it reports. The sender claims due
-- rows, sends them and records the outcome here: 'sent', 'skipped' (nothing to send, e.g. no phone on
-- file) or 'dead' (given up after the configured number of attempts; an administrator may retry it).
-- Recipients are kept masked only; the message text names the case number, never personal data.
ALTER TABLE outbox
  ADD COLUMN outcome          text CHECK (outcome IN ('sent','skipped','dead')),
  ADD COLUMN transport        text,
  ADD COLUMN recipient_masked text,
  ADD COLUMN message          text;
CREATE INDEX outbox_topic_created ON outbox (topic, created_at DESC);
CREATE INDEX outbox_created ON outbox (created_at DESC);

-- In-app notices for staff. A notice addressed to a unit is written once per member of that unit, so
-- each person has their own read state; unit_id keeps the unit it was addressed to.
CREATE TABLE notices (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id    uuid NOT NULL REFERENCES users(id),
  unit_id    uuid REFERENCES org_units(id),
  kind       text NOT NULL CHECK (kind IN ('assignment','supervision','deadline')),
  case_id    uuid,
  case_no    text,
  params     jsonb NOT NULL DEFAULT '{}'::jsonb,
  text       text NOT NULL,
  outbox_id  bigint,
  created_at timestamptz NOT NULL DEFAULT now(),
  read_at    timestamptz
);
CREATE INDEX notices_user ON notices (user_id, created_at DESC);
CREATE INDEX notices_user_unread ON notices (user_id) WHERE read_at IS NULL;
-- The sender may see an outbox row twice after a crash; a notice is still written once per person.
CREATE UNIQUE INDEX notices_outbox_user ON notices (outbox_id, user_id) WHERE outbox_id IS NOT NULL;

-- Open311 clients (a city app, a hotline system): each posts on behalf of one receiving unit, with a
-- key shown once and stored as a SHA-256 hash. user_id is the client's service account (no roles, no
-- usable password): cases it registers name it as registrar.
CREATE TABLE open311_clients (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name       text NOT NULL CHECK (btrim(name) <> ''),
  unit_id    uuid NOT NULL REFERENCES org_units(id),
  user_id    uuid NOT NULL REFERENCES users(id),
  key_hash   text NOT NULL UNIQUE,
  prefix     text NOT NULL,
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);

-- A case submitted through Open311 carries source_ref 'open311:<client id>', written in the intake
-- transaction itself; GET requests lists only these (the public side of Open311), newest first.
CREATE INDEX cases_open311_received ON cases (received_at DESC) WHERE source_ref LIKE 'open311:%';
