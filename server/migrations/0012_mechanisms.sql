-- Resolution mechanisms (DOMAIN.md §1.5–1.6, §1.10, §6; SCENARIOS.md S3, S4, S12): task forces (专班),
-- mediation (多元调解), judicial confirmation (司法确认), hearings (听证), expert review (专家评审),
-- commitments to end a petition (息诉罢访承诺书) and signed leader packages (包案).
--
-- Each mechanism is a record linked to its case; each of its steps appends a case event in the
-- same transaction, so the hash-chained timeline stays the legal record. The structured contents
-- (the agreement's parties, facts, terms …) are kept as data so a document can be generated from
-- them; a signed paper is an ordinary case attachment referenced from the record.

-- Rosters of experts, mediators and hearing-panel members: small reference data owned by a district
-- (the city pool and district-wide rosters) or a town (a town's own panel).
CREATE TABLE mechanism_roster (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind           text NOT NULL CHECK (kind IN ('expert','mediator','hearing_panel')),
  name           text NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
  -- The staff account of the person, when there is one (experts and mediators record their work).
  user_id        uuid REFERENCES users(id),
  identity       text NOT NULL CHECK (identity IN ('npc_deputy','cppcc_member','lawyer','psychologist',
                   'local_elder','department_head','legal_adviser','mediator','judge','other')),
  expertise      text NOT NULL DEFAULT '' CHECK (length(expertise) <= 200),
  -- city = the city pool; district = district-wide; town = a town's own panel.
  level          text NOT NULL CHECK (level IN ('city','district','town')),
  -- Where the person works; when that unit is in the system it drives recusal (回避).
  work_unit      text NOT NULL DEFAULT '' CHECK (length(work_unit) <= 100),
  work_unit_id   uuid REFERENCES org_units(id),
  -- The district or town whose roster this is (jurisdiction of administration and of 本镇 panels).
  owner_unit_id  uuid NOT NULL REFERENCES org_units(id),
  owner_path     ltree NOT NULL,
  is_active      boolean NOT NULL DEFAULT true,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX mechanism_roster_owner ON mechanism_roster USING gist (owner_path);
CREATE INDEX mechanism_roster_user ON mechanism_roster (user_id) WHERE user_id IS NOT NULL;

CREATE TABLE case_mechanisms (
  case_id        uuid NOT NULL REFERENCES cases(id),
  id             uuid NOT NULL DEFAULT gen_random_uuid(),
  kind           text NOT NULL CHECK (kind IN ('task_force','mediation','judicial_confirmation','hearing',
                   'expert_review','commitment','leader_package')),
  status         text NOT NULL CHECK (status IN ('active','concluded','cancelled')),
  -- A judicial confirmation belongs to the mediation whose agreement it confirms.
  parent_id      uuid,
  -- Kind-specific structured contents (task-force purpose, mediation kind and organisation, the
  -- agreement, the court and ruling, the hearing's place, the panel opinion …).
  details        jsonb NOT NULL DEFAULT '{}'::jsonb,
  outcome        text,
  -- The scanned signed paper (agreement, commitment, leader package), a case attachment.
  attachment_id  uuid,
  created_by     uuid REFERENCES users(id),
  created_at     timestamptz NOT NULL DEFAULT now(),
  concluded_at   timestamptz,
  PRIMARY KEY (case_id, id),
  FOREIGN KEY (case_id, attachment_id) REFERENCES case_attachments (case_id, id)
);

-- Who sat on what: task-force units, mediators, hearing panellists and experts.
CREATE TABLE case_mechanism_members (
  case_id        uuid NOT NULL,
  mechanism_id   uuid NOT NULL,
  id             uuid NOT NULL DEFAULT gen_random_uuid(),
  role           text NOT NULL CHECK (role IN ('lead','member','mediator','panelist','expert')),
  roster_id      uuid REFERENCES mechanism_roster(id),
  unit_id        uuid REFERENCES org_units(id),
  name           text NOT NULL,
  -- The order in which the members were named (the lead first).
  position       smallint NOT NULL DEFAULT 0,
  -- An expert's opinion on legality and reasonableness, once recorded.
  opinion        jsonb,
  added_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (case_id, mechanism_id, id),
  FOREIGN KEY (case_id, mechanism_id) REFERENCES case_mechanisms (case_id, id)
);
CREATE INDEX case_mechanism_members_roster ON case_mechanism_members (roster_id) WHERE roster_id IS NOT NULL;

-- The steps of a mechanism: meetings, consents, sessions, notices, the agreement, filing, ruling,
-- payments, the hearing notice … in the order they happened.
CREATE TABLE case_mechanism_steps (
  case_id        uuid NOT NULL,
  mechanism_id   uuid NOT NULL,
  id             uuid NOT NULL DEFAULT gen_random_uuid(),
  kind           text NOT NULL CHECK (kind IN ('meeting','consent','session','notice','agreement',
                   'application','ruling','payment','hearing_notice','opinion','conclusion')),
  occurred_on    date NOT NULL,
  details        jsonb NOT NULL DEFAULT '{}'::jsonb,
  attachment_id  uuid,
  created_by     uuid REFERENCES users(id),
  created_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (case_id, mechanism_id, id),
  FOREIGN KEY (case_id, mechanism_id) REFERENCES case_mechanisms (case_id, id),
  FOREIGN KEY (case_id, attachment_id) REFERENCES case_attachments (case_id, id)
);

-- Units on an active task force see the case (case_units relation 'task_force', removed when the
-- task force is dissolved).
ALTER TABLE case_units DROP CONSTRAINT case_units_relation_check;
ALTER TABLE case_units ADD CONSTRAINT case_units_relation_check
  CHECK (relation IN ('owner','first','source','lead','co','reviewer','former','supervisor','task_force'));

-- The smallest expert panel when the unit's deadline profile names none (Changyi practice: 5).
INSERT INTO settings (key, value) VALUES ('mechanisms', '{"expertPanelMin": 5}')
ON CONFLICT (key) DO NOTHING;
