/**
 * Row types of the tables, for Kysely. Kept by hand beside the SQL migrations in server/migrations:
 * a migration that changes a table changes its interface here in the same commit.
 */
import type { ColumnType, Generated } from 'kysely';

/** Timestamps are optional on insert where the column has a default. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string | T, string | T>;

export interface OrgUnitsTable {
  id: Generated<string>;
  parent_id: string | null;
  path: string;
  depth: number;
  kind: string;
  name: string;
  short_name: string | null;
  division_code: string | null;
  sort_order: Generated<number>;
  is_active: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
  deadline_profile: Generated<string | null>;
}

export interface WorkstationsTable {
  unit_id: string;
  name: string;
  public_phone: string;
  address: string;
  opening_hours: string;
  latitude: number | null;
  longitude: number | null;
  is_published: Generated<boolean>;
  updated_at: Timestamp;
}

export interface DutyRosterEntriesTable {
  id: Generated<string>;
  unit_id: string;
  weekday: number;
  start_time: string;
  end_time: string;
  staff_name: string;
  staff_title: string | null;
  user_id: string | null;
  note: string | null;
}

export interface UsersTable {
  id: Generated<string>;
  username: string;
  display_name: string;
  password_hash: string;
  unit_id: string;
  is_active: Generated<boolean>;
  must_change_password: Generated<boolean>;
  failed_attempts: Generated<number>;
  locked_until: Timestamp | null;
  password_changed_at: Timestamp;
  last_login_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface UserRolesTable {
  user_id: string;
  role: string;
  unit_id: string;
}

export interface SessionsTable {
  token_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiTokensTable {
  id: Generated<string>;
  user_id: string;
  name: string;
  token_hash: string;
  prefix: string;
  created_by: string | null;
  created_at: Timestamp;
  expires_at: Timestamp | null;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface AuthEventsTable {
  id: Generated<number>;
  at: Timestamp;
  user_id: string | null;
  event: string;
  ip: string | null;
  detail: Json<Record<string, unknown>>;
}

export interface AdminEventsTable {
  id: Generated<number>;
  at: Timestamp;
  actor_id: string | null;
  actor_unit_id: string | null;
  type: string;
  entity_type: string;
  entity_id: string;
  payload: Json<Record<string, unknown>>;
  request_id: string | null;
}

export interface SettingsTable {
  key: string;
  value: Json<unknown>;
  updated_at: Timestamp;
}

export interface CasesTable {
  id: string;
  case_no: string;
  version: Generated<number>;
  status: string;
  is_open: Generated<boolean>;
  resume_status: string | null;
  channel: string;
  source_unit_id: string | null;
  source_ref: string | null;
  received_at: Timestamp;
  received_on: string;
  registered_by: string;
  first_unit_id: string;
  owner_unit_id: string;
  owner_path: string;
  title: string;
  facts: string;
  demands: string;
  reasons: string | null;
  category_code: string;
  category_set_id: string;
  nature: string;
  claim_route: string | null;
  risk_colour: string;
  risk_reason: string | null;
  address: string;
  latitude: number | null;
  longitude: number | null;
  location_unit_id: string | null;
  person_count: Generated<number>;
  is_group: Generated<boolean>;
  is_confidential: Generated<boolean>;
  is_repeat: Generated<boolean>;
  repeat_of_case_id: string | null;
  is_first_petition: Generated<boolean>;
  assigning_unit_id: string | null;
  leader_user_id: string | null;
  leader_package: Json<Record<string, unknown>> | null;
  accepted_at: Timestamp | null;
  opinion: Json<Record<string, unknown>> | null;
  review: Json<Record<string, unknown>> | null;
  recheck: Json<Record<string, unknown>> | null;
  delivered_at: Timestamp | null;
  delivered_on: string | null;
  receipt_confirmed_at: Timestamp | null;
  resolved_on_spot: boolean | null;
  escalation_count: Generated<number>;
  closed_at: Timestamp | null;
  terminated_at: Timestamp | null;
  fingerprint: string | null;
  satisfaction: string | null;
  followed_up_at: Timestamp | null;
  archived_at: Timestamp | null;
  due_on: string | null;
  due_code: string | null;
  due_period: number | null;
  chain_seq: Generated<number>;
  chain_hash: Generated<string>;
  anchored_seq: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CaseUnitsTable {
  case_id: string;
  unit_id: string;
  relation: string;
  unit_path: string;
  added_at: Timestamp;
}

export interface CasePartiesTable {
  case_id: string;
  id: Generated<string>;
  role: string;
  party_type: string;
  name: string;
  id_type: string | null;
  id_number_enc: string | null;
  id_number_hmac: string | null;
  id_number_masked: string | null;
  phone_enc: string | null;
  phone_hmac: string | null;
  phone_masked: string | null;
  address: string | null;
  sort_order: Generated<number>;
}

export interface CaseEventsTable {
  case_id: string;
  seq: number;
  type: string;
  at: Timestamp;
  actor_id: string | null;
  actor_unit_id: string | null;
  from_status: string | null;
  to_status: string | null;
  payload: Json<unknown>;
  prev_hash: string;
  hash: string;
  hash_alg: string;
}

export interface AuditAnchorsTable {
  id: Generated<number>;
  at: Timestamp;
  heads: Json<unknown>;
  prev_hash: string;
  hash: string;
  hash_alg: string;
}

export interface CaseDeadlinesTable {
  case_id: string;
  id: Generated<string>;
  code: string;
  unit_id: string;
  assignment_id: string | null;
  profile_code: string;
  profile_version: number;
  started_on: string;
  period: number;
  period_unit: string;
  extension_days: Generated<number>;
  paused_days: Generated<number>;
  paused_since: string | null;
  due_on: string;
  unverified: Generated<boolean>;
  status: string;
  ended_at: Timestamp | null;
  created_at: Timestamp;
}

export interface CaseAssignmentsTable {
  case_id: string;
  id: Generated<string>;
  unit_id: string;
  role: string;
  task: string;
  assigned_by_unit_id: string;
  assigned_by: string | null;
  assigned_at: Timestamp;
  report_due_on: string;
  feedback_due_on: string;
  reported_at: Timestamp | null;
  feedback: string | null;
  feedback_at: Timestamp | null;
  objection_reason: string | null;
  objected_at: Timestamp | null;
  objection_decision: string | null;
  objection_decided_at: Timestamp | null;
  status: string;
}

export interface SupervisionOrdersTable {
  case_id: string;
  id: Generated<string>;
  deadline_id: string | null;
  tier: string;
  trigger: string;
  target_unit_id: string;
  supervising_unit_id: string;
  reason: string;
  due_on: string;
  status: string;
  reply: string | null;
  replied_at: Timestamp | null;
  replied_by: string | null;
  created_by: string | null;
  created_at: Timestamp;
}

export interface CaseAttachmentsTable {
  case_id: string;
  id: Generated<string>;
  kind: string;
  storage_key: string | null;
  video_url: string | null;
  original_name: string;
  mime: string | null;
  size: number | null;
  sha256: string | null;
  description: string | null;
  is_confidential: Generated<boolean>;
  uploaded_by: string | null;
  uploaded_at: Timestamp;
}

export interface UploadsTable {
  id: Generated<string>;
  storage_key: string;
  original_name: string;
  mime: string;
  kind: string;
  size: number;
  sha256: string;
  uploaded_by: string;
  uploaded_at: Timestamp;
  claimed_by_case: string | null;
}

export interface OutboxTable {
  id: Generated<number>;
  case_id: string | null;
  topic: string;
  payload: Json<unknown>;
  created_at: Timestamp;
  available_at: Timestamp;
  attempts: Generated<number>;
  processed_at: Timestamp | null;
  last_error: string | null;
  outcome: 'sent' | 'skipped' | 'dead' | null;
  transport: string | null;
  recipient_masked: string | null;
  message: string | null;
}

export interface NoticesTable {
  id: Generated<string>;
  user_id: string;
  unit_id: string | null;
  kind: 'assignment' | 'supervision' | 'deadline' | 'hot_issue';
  case_id: string | null;
  case_no: string | null;
  params: Json<Record<string, unknown>>;
  text: string;
  outbox_id: number | null;
  created_at: Timestamp;
  read_at: Timestamp | null;
}

export interface Open311ClientsTable {
  id: Generated<string>;
  name: string;
  unit_id: string;
  user_id: string;
  key_hash: string;
  prefix: string;
  created_by: string | null;
  created_at: Timestamp;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface PersonalDataAccessTable {
  id: Generated<number>;
  at: Timestamp;
  user_id: string | null;
  unit_id: string | null;
  case_id: string | null;
  party_id: string | null;
  action: string;
  fields: Generated<string[]>;
  reason: string | null;
  ip: string | null;
}

export interface HolidayCalendarTable {
  day: string;
  kind: 'holiday' | 'makeup_workday';
  name: string;
  notice: string;
  created_at: Timestamp;
}

export interface CalendarYearsTable {
  year: number;
  notice: string;
  loaded_at: Timestamp;
}

export interface DeadlineProfilesTable {
  code: string;
  version: number;
  name: string;
  valid_from: string;
  body: Json<Record<string, unknown>>;
  created_at: Timestamp;
  /** 0006_admin_config.sql: the version's id for admin_events, who published it and why. */
  id: Generated<string>;
  created_by: Generated<string | null>;
  note: Generated<string | null>;
}

/** A versioned list of matter categories (server/migrations/0003_taxonomy.sql); at most one is active. */
export interface CategorySetsTable {
  id: string;
  name: string;
  version: number;
  is_active: Generated<boolean>;
  created_at: Timestamp;
}

/** One category of a set: a top level 'TT' (level 1) or a leaf 'TTLL' (level 2). */
export interface CategoriesTable {
  set_id: string;
  code: string;
  parent_code: string | null;
  level: number;
  name: string;
  name_en: string | null;
  national_category: string | null;
  /** Subset of 'M' | 'L' | 'J'. */
  flags: ColumnType<string[], string[] | undefined, string[]>;
  /** 'suggestion' | 'accusation' | 'claim'; null on top levels. */
  default_nature: string | null;
  is_public: Generated<boolean>;
  is_active: Generated<boolean>;
  sort_order: Generated<number>;
  id: Generated<string>;
}

export interface SchemaMigrationsTable {
  name: string;
  applied_at: Timestamp;
}

/** server/migrations/0005_ledger.sql: legacy ledger lines imported as cases. */
export interface LedgerEntriesTable {
  unit_id: string;
  ledger_no: string;
  case_id: string;
  import_id: string;
  imported_by: string;
  imported_at: Timestamp;
}

export interface PortalPetitionsTable {
  case_id: string;
  tracking_code: string;
  password_hash: string;
  id_number_hmac: string;
  phone_hmac: string;
  consent_version: string;
  consented_at: Timestamp;
  failed_attempts: Generated<number>;
  locked_until: Timestamp | null;
  created_at: Timestamp;
}

export interface PortalSmsCodesTable {
  id: Generated<string>;
  phone_hmac: string;
  code_hash: string;
  attempts: Generated<number>;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

export interface PortalSpentCaptchasTable {
  nonce: string;
  expires_at: Timestamp;
}

export interface EvaluationDailyTable {
  unit_id: string;
  day: string;
  category_top: string;
  channel: string;
  confidential: boolean;
  received: Generated<number>;
  matters: Generated<number>;
  visit_batches: Generated<number>;
  visit_persons: Generated<number>;
  group_visits: Generated<number>;
  group_persons: Generated<number>;
  repeats: Generated<number>;
  notify_due: Generated<number>;
  notify_met: Generated<number>;
  handle_due: Generated<number>;
  handle_met: Generated<number>;
  delivered: Generated<number>;
  eligible: Generated<number>;
  rated: Generated<number>;
  satisfied: Generated<number>;
  basically_satisfied: Generated<number>;
  unsatisfied: Generated<number>;
  on_spot: Generated<number>;
  first_concluded: Generated<number>;
  first_repeated: Generated<number>;
}

export interface ReceptionSessionsTable {
  id: Generated<string>;
  unit_id: string;
  kind: 'leader_reception' | 'duty';
  host_user_id: string | null;
  host_name: string;
  host_title: string | null;
  starts_at: Date;
  ends_at: Date;
  place: string;
  topics: string | null;
  capacity: number;
  booked: Generated<number>;
  status: Generated<'published' | 'cancelled'>;
  cancel_reason: string | null;
  created_by: string;
  created_at: Generated<Date>;
}

export interface AppointmentsTable {
  id: Generated<string>;
  session_id: string;
  booking_code: string;
  name: string;
  phone_enc: string;
  phone_hmac: string;
  phone_masked: string;
  subject: string;
  person_count: Generated<number>;
  status: Generated<'booked' | 'cancelled' | 'attended' | 'no_show'>;
  case_id: string | null;
  reminded_at: Date | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface EvaluationPendingTable extends EvaluationDailyTable {
  id: Generated<string>;
}

export interface EvaluationCaseFactsTable {
  case_id: string;
  category_top: string;
  channel: string;
  confidential: boolean;
  items: Json<unknown>;
  updated_at: Timestamp;
}

export interface DB {
  org_units: OrgUnitsTable;
  workstations: WorkstationsTable;
  duty_roster_entries: DutyRosterEntriesTable;
  users: UsersTable;
  user_roles: UserRolesTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  auth_events: AuthEventsTable;
  admin_events: AdminEventsTable;
  schema_migrations: SchemaMigrationsTable;
  category_sets: CategorySetsTable;
  categories: CategoriesTable;
  holiday_calendar: HolidayCalendarTable;
  calendar_years: CalendarYearsTable;
  deadline_profiles: DeadlineProfilesTable;
  settings: SettingsTable;
  cases: CasesTable;
  case_units: CaseUnitsTable;
  case_parties: CasePartiesTable;
  case_events: CaseEventsTable;
  audit_anchors: AuditAnchorsTable;
  case_deadlines: CaseDeadlinesTable;
  case_assignments: CaseAssignmentsTable;
  supervision_orders: SupervisionOrdersTable;
  case_attachments: CaseAttachmentsTable;
  uploads: UploadsTable;
  outbox: OutboxTable;
  personal_data_access: PersonalDataAccessTable;
  ledger_entries: LedgerEntriesTable;
  notices: NoticesTable;
  open311_clients: Open311ClientsTable;
  portal_petitions: PortalPetitionsTable;
  portal_sms_codes: PortalSmsCodesTable;
  portal_spent_captchas: PortalSpentCaptchasTable;
  evaluation_daily: EvaluationDailyTable;
  evaluation_monthly: EvaluationDailyTable;
  evaluation_case_facts: EvaluationCaseFactsTable;
  evaluation_pending: EvaluationPendingTable;
  reception_sessions: ReceptionSessionsTable;
  appointments: AppointmentsTable;
  // --- category suggestion and hot issues (0015) ---
  classifier_models: ClassifierModelsTable;
  category_routes: CategoryRoutesTable;
  case_category_suggestions: CaseCategorySuggestionsTable;
  hot_issue_alerts: HotIssueAlertsTable;
  // --- end category suggestion and hot issues ---
}

// --- category suggestion and hot issues (0015) ---
export interface ClassifierModelsTable {
  version: string;
  is_active: Generated<boolean>;
  labels: string[];
  model: string;
  training: Json<Record<string, unknown>>;
  created_at: Timestamp;
}

export interface CategoryRoutesTable {
  scope_unit_id: string;
  category_code: string;
  unit_id: string;
  updated_at: Timestamp;
}

export interface CaseCategorySuggestionsTable {
  case_id: string;
  model_version: string;
  suggested_code: string;
  suggested_leaf_code: string | null;
  confidence: number;
  alternatives: Json<{ code: string; probability: number }[]>;
  suggested_unit_id: string | null;
  chosen_code: string;
  outcome: 'accepted' | 'corrected';
  recorded_by: string;
  created_at: Timestamp;
}

export interface HotIssueAlertsTable {
  unit_id: string;
  anchor_case_id: string;
  title: string;
  size: number;
  case_ids: string[];
  raised_at: Timestamp;
  updated_at: Timestamp;
}
// --- end category suggestion and hot issues ---
// ---- documents (migration 0013) -------------------------------------------------------------
export interface DocumentTemplatesTable {
  kind: string;
  version: number;
  name: string;
  title: string;
  addressee: string | null;
  body: string;
  signature: string | null;
  number_code: string | null;
  has_seal: Generated<boolean>;
  note: string | null;
  created_by: string | null;
  created_at: Timestamp;
}

export interface DocumentNumbersTable {
  unit_id: string;
  year: number;
  series: string;
  last_no: number;
}

export interface CaseDocumentsTable {
  case_id: string;
  id: Generated<string>;
  kind: string;
  version: number;
  doc_no: string | null;
  title: string;
  template_version: number;
  fields: Json<Record<string, string>>;
  issuing_unit_id: string;
  issued_on: string;
  storage_key: string;
  size: number;
  sha256: string;
  issued_by: string | null;
  issued_at: Timestamp;
}

/** Declaration merging adds the documents tables to DB, so this block merges apart from the others. */
export interface DB {
  document_templates: DocumentTemplatesTable;
  document_numbers: DocumentNumbersTable;
  case_documents: CaseDocumentsTable;
}

// ---------------------------------------------------------------------------------------------
// Resolution mechanisms (migration 0012, modules/mechanisms): rosters, records, members, steps.
// Declared as a merge into DB so this block stays separate from the tables above.

export interface MechanismRosterTable {
  id: Generated<string>;
  kind: string;
  name: string;
  user_id: string | null;
  identity: string;
  expertise: Generated<string>;
  level: string;
  work_unit: Generated<string>;
  work_unit_id: string | null;
  owner_unit_id: string;
  owner_path: string;
  is_active: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CaseMechanismsTable {
  case_id: string;
  id: Generated<string>;
  kind: string;
  status: string;
  parent_id: string | null;
  details: Json<Record<string, unknown>>;
  outcome: string | null;
  attachment_id: string | null;
  created_by: string | null;
  created_at: Timestamp;
  concluded_at: Date | null;
}

export interface CaseMechanismMembersTable {
  case_id: string;
  mechanism_id: string;
  id: Generated<string>;
  role: string;
  roster_id: string | null;
  unit_id: string | null;
  name: string;
  position: Generated<number>;
  opinion: Json<Record<string, unknown>> | null;
  added_at: Timestamp;
}

export interface CaseMechanismStepsTable {
  case_id: string;
  mechanism_id: string;
  id: Generated<string>;
  kind: string;
  occurred_on: string;
  details: Json<Record<string, unknown>>;
  attachment_id: string | null;
  created_by: string | null;
  created_at: Timestamp;
}

export interface DB {
  mechanism_roster: MechanismRosterTable;
  case_mechanisms: CaseMechanismsTable;
  case_mechanism_members: CaseMechanismMembersTable;
  case_mechanism_steps: CaseMechanismStepsTable;
}

// ---- community (grids, map) ----

export interface GridsTable {
  unit_id: string;
  grid_type: Generated<string>;
  boundary: Json<unknown> | null;
  min_lng: number | null;
  min_lat: number | null;
  max_lng: number | null;
  max_lat: number | null;
  centre_lng: number | null;
  centre_lat: number | null;
  households: number | null;
  buildings: number | null;
  updated_at: Generated<Timestamp>;
}

export interface GridMembersTable {
  id: Generated<string>;
  unit_id: string;
  member_role: string;
  user_id: string | null;
  name: string;
  duty: string | null;
  sort_order: Generated<number>;
}

/** 三事分流 columns of cases (set by a trigger at insert, changed by case.matter_scope_set). */
export interface CasesTable {
  matter_scope: Generated<string>;
  matter_scope_is_default: Generated<boolean>;
}

export interface VisitPlansTable {
  id: Generated<string>;
  unit_id: string;
  cadre_user_id: string;
  times_per_week: number;
  note: string | null;
  created_at: Generated<Timestamp>;
}

export interface VisitsTable {
  id: Generated<string>;
  unit_id: string;
  unit_path: string;
  cadre_user_id: string;
  kind: string;
  visited_at: Timestamp;
  household: string | null;
  needs: string | null;
  follow_up: string | null;
  route: Json<unknown> | null;
  finding: string;
  case_id: string | null;
  created_at: Generated<Timestamp>;
}

export interface AssistanceRecordsTable {
  id: Generated<string>;
  unit_id: string;
  unit_path: string;
  household: string;
  situation: string;
  hardships: string[];
  measures: string | null;
  responsible_unit_id: string | null;
  review_on: ColumnType<string, string, string>;
  status: Generated<string>;
  created_by: string;
  created_at: Generated<Timestamp>;
  updated_at: Generated<Timestamp>;
}

export interface AssistanceCaseLinksTable {
  record_id: string;
  case_id: string;
  linked_by: string;
  linked_at: Generated<Timestamp>;
}

// Declaration merging: the community tables join DB in their own block.
export interface DB {
  assistance_records: AssistanceRecordsTable;
  assistance_case_links: AssistanceCaseLinksTable;
  grids: GridsTable;
  grid_members: GridMembersTable;
  visit_plans: VisitPlansTable;
  visits: VisitsTable;
}

// ── Search and repeat detection (migration 0014) ───────────────────────────────────────────────
/** Declaration merging adds the search column to the cases table above. */
export interface CasesTable {
  /** jieba tokens as tsvector('simple'); written as `to_tsvector('simple', …)` by the writer. */
  search_vector: ColumnType<string | null, string | null | undefined, string | null>;
}
