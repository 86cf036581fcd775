-- The case ledger (台账): legacy ledgers imported from spreadsheets.
--
-- One row per legacy ledger line turned into a case. The key is the importing unit and the line's
-- number in its old ledger (原台账编号): a re-imported file finds its lines here and creates nothing
-- twice. This is a lookup keyed by the legacy number, not a table that follows the case: it stays
-- small (one row per imported case, once, at go-live) and case_id only points at the case created.
CREATE TABLE ledger_entries (
  unit_id      uuid NOT NULL REFERENCES org_units(id),
  ledger_no    text NOT NULL CHECK (btrim(ledger_no) <> '' AND length(ledger_no) <= 64),
  case_id      uuid NOT NULL REFERENCES cases(id),
  import_id    uuid NOT NULL,
  imported_by  uuid NOT NULL REFERENCES users(id),
  imported_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (unit_id, ledger_no)
);
CREATE UNIQUE INDEX ledger_entries_case ON ledger_entries (case_id);
