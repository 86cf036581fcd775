-- Deadline profile versions published by administrators (the deadline rules page).
--
-- A version is configuration that deadlines were computed with (case_deadlines keeps profile_code
-- and profile_version), so it is never changed once stored: an edit is a new version with its own
-- valid_from. admin_events.entity_id is a uuid, so each version gets one; created_by and note say
-- who published it and why.
ALTER TABLE deadline_profiles ADD COLUMN id uuid NOT NULL DEFAULT gen_random_uuid();
ALTER TABLE deadline_profiles ADD CONSTRAINT deadline_profiles_id_key UNIQUE (id);
ALTER TABLE deadline_profiles ADD COLUMN created_by uuid REFERENCES users(id);
ALTER TABLE deadline_profiles ADD COLUMN note text CHECK (note IS NULL OR length(note) <= 500);

-- Refuse UPDATE only: an explanation of an old deadline must not change under it. DELETE stays
-- possible for an operator removing a version published by mistake before any clock used it.
CREATE TRIGGER deadline_profiles_no_update BEFORE UPDATE ON deadline_profiles
  FOR EACH ROW EXECUTE FUNCTION laiban_append_only();
