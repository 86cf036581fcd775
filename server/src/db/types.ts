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

export interface SchemaMigrationsTable {
  name: string;
  applied_at: Timestamp;
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
}
