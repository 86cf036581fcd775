import crypto from 'node:crypto';
import { CompiledQuery, type Kysely, sql } from 'kysely';
import { maskIdNumber, maskPhone } from '../common/src/masking.js';
import type { DB } from '../server/src/db/types.js';
import { FieldCrypto } from '../server/src/lib/field-crypto.js';
import { type CalendarConn, loadCalendar } from '../server/src/modules/calendar/calendar.repository.js';
import { computeProfileDue } from '../server/src/modules/calendar/deadline-engine.js';
import { NATIONAL_PROFILE } from '../server/src/modules/calendar/deadline-rules.js';
import { shanghaiDate } from '../server/src/modules/calendar/iso-date.js';
import { PETITIONER_WINDOWS } from '../server/src/modules/cases/case-clock.js';
import { anchorHash, eventHash, GENESIS, type HashAlg } from '../server/src/modules/cases/case-events.js';
import { matterFingerprint } from '../server/src/modules/cases/fingerprint.js';
import { pathLabel } from '../server/src/modules/org/org.repository.js';
import { caseIndexText } from '../server/src/modules/search/search-text.js';
import { loadCorpus, type Message } from './corpus.js';
import { arrayLiteral, idNumber, personName, phone, Rng, streetAddress } from './gen.js';

/**
 * Bulk loader: the demo district (already seeded by `laiban seed --demo`) grown to a county-sized
 * tree, then N cases with their units, parties, hash-chained events, running deadlines and global
 * anchors, written with one multi-table `INSERT … SELECT FROM unnest(…)` statement per batch.
 * Secondary indexes of the case tables are dropped before the load and rebuilt after it with the
 * exact definitions the migrations created.
 */

const DAY = 86_400_000;
const SH_OFFSET = 8 * 3_600_000;

export interface LoadOptions {
  db: Kysely<DB>;
  engine: 'postgres' | 'pglite';
  cases: number;
  batch: number;
  seed: number;
  fieldEncryptionKey: Buffer;
  fieldHmacKey: Buffer;
  hashAlg: HashAlg;
  /** Demo user whose town is measured (its queue and case details). */
  clerk: string;
  log: (line: string) => void;
}

export interface PersonSample {
  name: string;
  idNumber: string | null;
  phone: string | null;
  address: string;
}

export interface LoadMeta {
  engine: string;
  cases: number;
  loadedAt: string;
  seconds: { units: number; cases: number; indexes: number; vacuum: number; total: number };
  casesPerSecond: number;
  rows: Record<string, number>;
  statusCounts: Record<string, number>;
  openCases: number;
  units: { towns: number; communities: number; grids: number; total: number };
  clerk: {
    username: string;
    unitId: string;
    unitName: string;
    visibleCases: number;
    openVisibleCases: number;
  };
  /** Ids of cases the clerk can see (owner, first or source unit in the town), for the detail phase. */
  detailIds: string[];
  persons: PersonSample[];
  categories: { code: string; nature: string; flags: string[] }[];
  chainCheck: { checked: number; broken: number };
}

// ---------------------------------------------------------------------------------------------------
// Bulk statement builder

type ColType =
  | 'uuid'
  | 'text'
  | 'ltree'
  | 'timestamptz'
  | 'date'
  | 'int4'
  | 'bool'
  | 'float8'
  | 'jsonb'
  | 'tsvector';
type Val = string | number | boolean | null;

class Rows {
  readonly data: Val[][];
  constructor(
    readonly table: string,
    readonly cols: readonly (readonly [string, ColType])[],
  ) {
    this.data = cols.map(() => []);
  }
  get length(): number {
    return this.data[0]?.length ?? 0;
  }
  push(values: Record<string, Val>): void {
    for (let i = 0; i < this.cols.length; i++) {
      const v = values[this.cols[i]![0]];
      this.data[i]!.push(v === undefined ? null : v);
    }
  }
  /** `INSERT INTO t (…) SELECT … FROM unnest($k::type[], …)`, parameters appended to `params`. */
  sql(params: string[]): string {
    const names = this.cols.map(([n]) => n);
    const args = this.cols.map(([, t], i) => {
      params.push(arrayLiteral(this.data[i]!));
      const pt = t === 'ltree' || t === 'jsonb' || t === 'tsvector' ? 'text' : t;
      return `$${params.length}::${pt}[]`;
    });
    // tsvector columns arrive as jieba tokens joined by spaces (as the server writes them).
    const select = this.cols.map(([n, t]) =>
      t === 'tsvector'
        ? `to_tsvector('simple', u.${n})`
        : t === 'ltree' || t === 'jsonb'
          ? `u.${n}::${t}`
          : `u.${n}`,
    );
    return `INSERT INTO ${this.table} (${names.join(', ')}) SELECT ${select.join(', ')} FROM unnest(${args.join(
      ', ',
    )}) AS u(${names.join(', ')})`;
  }
}

const CASE_COLS = [
  ['id', 'uuid'],
  ['case_no', 'text'],
  ['version', 'int4'],
  ['status', 'text'],
  ['is_open', 'bool'],
  ['channel', 'text'],
  ['source_unit_id', 'uuid'],
  ['source_ref', 'text'],
  ['received_at', 'timestamptz'],
  ['received_on', 'date'],
  ['registered_by', 'uuid'],
  ['first_unit_id', 'uuid'],
  ['owner_unit_id', 'uuid'],
  ['owner_path', 'ltree'],
  ['title', 'text'],
  ['facts', 'text'],
  ['demands', 'text'],
  ['reasons', 'text'],
  ['category_code', 'text'],
  ['category_set_id', 'text'],
  ['nature', 'text'],
  ['risk_colour', 'text'],
  ['risk_reason', 'text'],
  ['address', 'text'],
  ['location_unit_id', 'uuid'],
  ['person_count', 'int4'],
  ['is_group', 'bool'],
  ['is_confidential', 'bool'],
  ['is_repeat', 'bool'],
  ['repeat_of_case_id', 'uuid'],
  ['is_first_petition', 'bool'],
  ['assigning_unit_id', 'uuid'],
  ['accepted_at', 'timestamptz'],
  ['opinion', 'jsonb'],
  ['delivered_at', 'timestamptz'],
  ['delivered_on', 'date'],
  ['closed_at', 'timestamptz'],
  ['terminated_at', 'timestamptz'],
  ['fingerprint', 'text'],
  ['satisfaction', 'text'],
  ['followed_up_at', 'timestamptz'],
  ['archived_at', 'timestamptz'],
  ['due_on', 'date'],
  ['due_code', 'text'],
  ['due_period', 'int4'],
  ['chain_seq', 'int4'],
  ['chain_hash', 'text'],
  ['anchored_seq', 'int4'],
  ['created_at', 'timestamptz'],
  ['updated_at', 'timestamptz'],
  // Search (migration 0014): the tokens the server would have written at intake and reply.
  ['search_vector', 'tsvector'],
] as const;
const UNIT_COLS = [
  ['case_id', 'uuid'],
  ['unit_id', 'uuid'],
  ['relation', 'text'],
  ['unit_path', 'ltree'],
  ['added_at', 'timestamptz'],
] as const;
const PARTY_COLS = [
  ['case_id', 'uuid'],
  ['role', 'text'],
  ['party_type', 'text'],
  ['name', 'text'],
  ['id_type', 'text'],
  ['id_number_enc', 'text'],
  ['id_number_hmac', 'text'],
  ['id_number_masked', 'text'],
  ['phone_enc', 'text'],
  ['phone_hmac', 'text'],
  ['phone_masked', 'text'],
  ['address', 'text'],
  ['sort_order', 'int4'],
] as const;
const EVENT_COLS = [
  ['case_id', 'uuid'],
  ['seq', 'int4'],
  ['type', 'text'],
  ['at', 'timestamptz'],
  ['actor_id', 'uuid'],
  ['actor_unit_id', 'uuid'],
  ['from_status', 'text'],
  ['to_status', 'text'],
  ['payload', 'jsonb'],
  ['prev_hash', 'text'],
  ['hash', 'text'],
  ['hash_alg', 'text'],
] as const;
const DEADLINE_COLS = [
  ['case_id', 'uuid'],
  ['code', 'text'],
  ['unit_id', 'uuid'],
  ['profile_code', 'text'],
  ['profile_version', 'int4'],
  ['started_on', 'date'],
  ['period', 'int4'],
  ['period_unit', 'text'],
  ['due_on', 'date'],
  ['unverified', 'bool'],
  ['status', 'text'],
  ['ended_at', 'timestamptz'],
  ['created_at', 'timestamptz'],
] as const;
const ANCHOR_COLS = [
  ['at', 'timestamptz'],
  ['heads', 'jsonb'],
  ['prev_hash', 'text'],
  ['hash', 'text'],
  ['hash_alg', 'text'],
] as const;

export const CASE_TABLES = ['cases', 'case_units', 'case_parties', 'case_events', 'case_deadlines'];

// ---------------------------------------------------------------------------------------------------
// Organisation

interface Unit {
  id: string;
  parentId: string | null;
  path: string;
  depth: number;
  kind: string;
  name: string;
}

interface Town {
  unit: Unit;
  communities: Unit[];
  gridsOf: Map<string, Unit[]>;
  centres: Unit[];
  clerkId: string;
}

const TOWN_STEMS = [
  '青石',
  '白沙',
  '柳河',
  '桃源',
  '龙泉',
  '凤凰',
  '清水',
  '金山',
  '银湖',
  '长乐',
  '永安',
  '新安',
  '太平',
  '安宁',
  '福兴',
  '兴隆',
  '双河',
  '三里',
  '五里',
  '石门',
  '黄土',
  '红旗',
  '红星',
  '建新',
  '前进',
  '团结',
  '光明',
  '幸福',
  '平安',
  '富民',
  '北岭',
  '东坝',
  '南岗',
  '西岭',
  '中和',
  '上庄',
  '下河',
  '高桥',
  '马坊',
  '李家',
];
const COMMUNITY_STEMS = [
  '向阳',
  '和平',
  '建设',
  '民主',
  '友谊',
  '胜利',
  '文化',
  '新村',
  '花园',
  '枫林',
  '槐树',
  '杨柳',
  '梨园',
  '桃园',
  '杏花',
  '荷塘',
  '竹园',
  '松林',
  '翠湖',
  '锦绣',
];
const ORDINALS = ['第一', '第二', '第三', '第四', '第五', '第六'];

async function buildOrg(
  db: Kysely<DB>,
  rng: Rng,
  extraTowns: number,
): Promise<{
  towns: Town[];
  departments: Unit[];
  district: Unit;
  discipline: Unit;
  intake: Unit[];
  all: Unit[];
}> {
  const rows = await db
    .selectFrom('org_units')
    .select(['id', 'parent_id', 'path', 'depth', 'kind', 'name'])
    .orderBy('depth')
    .orderBy('sort_order')
    .execute();
  const units: Unit[] = rows.map((r) => ({
    id: r.id,
    parentId: r.parent_id,
    path: r.path,
    depth: r.depth,
    kind: r.kind,
    name: r.name,
  }));
  const district = units.find((u) => u.kind === 'district');
  const discipline = units.find((u) => u.kind === 'discipline');
  if (!district || !discipline) throw new Error('demo district not found: run `laiban seed --demo` first');
  const users = await db
    .selectFrom('users')
    .innerJoin('user_roles', 'user_roles.user_id', 'users.id')
    .select(['users.id', 'users.username', 'users.password_hash', 'user_roles.unit_id', 'user_roles.role'])
    .execute();
  const clerkOf = (unitId: string) =>
    users.find((u) => u.unit_id === unitId && u.role === 'petition_clerk')?.id;
  const passwordHash = users[0]?.password_hash ?? 'x';

  const childrenOf = (id: string) => units.filter((u) => u.parentId === id);
  const towns: Town[] = [];
  const districtClerk = clerkOf(units.find((u) => u.name === '区信访办')?.id ?? '') ?? users[0]!.id;
  for (const t of units.filter((u) => u.kind === 'town')) {
    const communities = childrenOf(t.id).filter((u) => u.kind === 'community');
    towns.push({
      unit: t,
      communities,
      gridsOf: new Map(communities.map((c) => [c.id, childrenOf(c.id).filter((g) => g.kind === 'grid')])),
      centres: childrenOf(t.id).filter((u) => u.kind === 'service_centre'),
      clerkId: clerkOf(t.id) ?? districtClerk,
    });
  }

  // A county-sized tree: extra towns, each with communities and grids, and one clerk per town.
  const newUnits: Unit[] = [];
  const newUsers: { id: string; username: string; unitId: string }[] = [];
  const mk = (parent: Unit, kind: string, name: string): Unit => {
    const id = crypto.randomUUID();
    const u = {
      id,
      parentId: parent.id,
      path: `${parent.path}.${pathLabel(id)}`,
      depth: parent.depth + 1,
      kind,
      name,
    };
    newUnits.push(u);
    return u;
  };
  for (let i = 0; i < extraTowns; i++) {
    const stem = TOWN_STEMS[i % TOWN_STEMS.length]! + (i >= TOWN_STEMS.length ? String(i) : '');
    const town = mk(district, 'town', `${stem}${i % 4 === 3 ? '街道' : '镇'}`);
    const communities: Unit[] = [];
    const gridsOf = new Map<string, Unit[]>();
    for (let c = 0; c < 10; c++) {
      const stemC = COMMUNITY_STEMS[(i + c) % COMMUNITY_STEMS.length]!;
      const comm = mk(town, 'community', `${stemC}${c % 2 ? '社区' : '村'}`);
      communities.push(comm);
      gridsOf.set(
        comm.id,
        [0, 1, 2, 3].map((g) => mk(comm, 'grid', `${ORDINALS[g]}网格`)),
      );
    }
    const clerkId = crypto.randomUUID();
    newUsers.push({ id: clerkId, username: `bench_town${String(i + 1).padStart(2, '0')}`, unitId: town.id });
    towns.push({ unit: town, communities, gridsOf, centres: [], clerkId });
  }
  if (newUnits.length) {
    const ur = new Rows('org_units', [
      ['id', 'uuid'],
      ['parent_id', 'uuid'],
      ['path', 'ltree'],
      ['depth', 'int4'],
      ['kind', 'text'],
      ['name', 'text'],
      ['division_code', 'text'],
      ['sort_order', 'int4'],
    ]);
    let townNo = 3;
    let commNo = 0;
    for (const u of newUnits) {
      let code: string | null = null;
      if (u.kind === 'town') {
        townNo++;
        commNo = 0;
        code = `9901${String(townNo).padStart(2, '0')}000000`;
      } else if (u.kind === 'community') {
        commNo++;
        code = `9901${String(townNo).padStart(2, '0')}${String(commNo).padStart(3, '0')}000`;
      }
      ur.push({ ...u, parent_id: u.parentId, division_code: code, sort_order: 1000 + newUnits.indexOf(u) });
    }
    const params: string[] = [];
    await db.executeQuery(CompiledQuery.raw(ur.sql(params), params));
    const us = new Rows('users', [
      ['id', 'uuid'],
      ['username', 'text'],
      ['display_name', 'text'],
      ['password_hash', 'text'],
      ['unit_id', 'uuid'],
    ]);
    for (const u of newUsers) {
      us.push({
        ...u,
        display_name: `${personName(rng)}（信访办）`,
        password_hash: passwordHash,
        unit_id: u.unitId,
      });
    }
    const p2: string[] = [];
    await db.executeQuery(CompiledQuery.raw(us.sql(p2), p2));
    const roles = new Rows('user_roles', [
      ['user_id', 'uuid'],
      ['role', 'text'],
      ['unit_id', 'uuid'],
    ]);
    for (const u of newUsers) roles.push({ user_id: u.id, role: 'petition_clerk', unit_id: u.unitId });
    const p3: string[] = [];
    await db.executeQuery(CompiledQuery.raw(roles.sql(p3), p3));
  }
  const all = [...units, ...newUnits];
  const departments = units.filter(
    (u) =>
      u.parentId === district.id &&
      (u.kind === 'department' || u.kind === 'service_centre') &&
      u.name !== '区信访联席办',
  );
  const intake = units.filter((u) => u.name === '区信访办' || u.name === '区群众诉求接待服务中心');
  return { towns, departments, district, discipline, intake, all };
}

// ---------------------------------------------------------------------------------------------------
// Case generation

type Status =
  | 'registered'
  | 'triage'
  | 'transferred'
  | 'assigned'
  | 'referred_discipline'
  | 'accepted'
  | 'in_progress'
  | 'mediating'
  | 'hearing'
  | 'opinion_issued'
  | 'delivered'
  | 'expert_review'
  | 'review_requested'
  | 'reviewing'
  | 'review_decided'
  | 'review_delivered'
  | 'recheck_requested'
  | 'rechecking'
  | 'recheck_decided'
  | 'closed'
  | 'terminated'
  | 'followed_up'
  | 'archived'
  | 'not_accepted'
  | 'not_reaccepted'
  | 'routed_out'
  | 'merged';

const OPEN_NEW: [Status, number][] = [
  ['registered', 30],
  ['triage', 5],
  ['transferred', 8],
  ['assigned', 8],
  ['accepted', 25],
  ['in_progress', 20],
  ['mediating', 2],
];
const OPEN_MID: [Status, number][] = [
  ['registered', 3],
  ['transferred', 3],
  ['assigned', 4],
  ['accepted', 15],
  ['in_progress', 40],
  ['mediating', 8],
  ['hearing', 1],
  ['opinion_issued', 8],
  ['delivered', 12],
  ['expert_review', 1],
];
const OPEN_OLD: [Status, number][] = [
  ['in_progress', 20],
  ['mediating', 5],
  ['hearing', 2],
  ['opinion_issued', 5],
  ['delivered', 15],
  ['review_requested', 10],
  ['reviewing', 10],
  ['review_decided', 5],
  ['review_delivered', 10],
  ['recheck_requested', 5],
  ['rechecking', 5],
  ['recheck_decided', 3],
  ['expert_review', 2],
];
const CLOSED_NEW: [Status, number][] = [
  ['closed', 30],
  ['not_accepted', 20],
  ['routed_out', 20],
  ['merged', 10],
  ['archived', 10],
  ['followed_up', 10],
];
const CLOSED_OLD: [Status, number][] = [
  ['archived', 50],
  ['followed_up', 12],
  ['closed', 15],
  ['terminated', 2],
  ['not_accepted', 8],
  ['routed_out', 8],
  ['merged', 3],
  ['not_reaccepted', 0.5],
];
const OPEN = new Set<Status>([
  'registered',
  'triage',
  'transferred',
  'assigned',
  'referred_discipline',
  'accepted',
  'in_progress',
  'mediating',
  'hearing',
  'opinion_issued',
  'delivered',
  'expert_review',
  'review_requested',
  'reviewing',
  'review_decided',
  'review_delivered',
  'recheck_requested',
  'rechecking',
  'recheck_decided',
]);

/** The decision (event 2) and, for later stages, the step into the current status (event 3). */
const DECISION: Partial<Record<Status, [string, Status]>> = {
  triage: ['case.triaged', 'triage'],
  transferred: ['case.transferred', 'transferred'],
  assigned: ['case.assigned', 'assigned'],
  referred_discipline: ['case.referred_discipline', 'referred_discipline'],
  not_accepted: ['case.not_accepted', 'not_accepted'],
  not_reaccepted: ['case.not_reaccepted', 'not_reaccepted'],
  routed_out: ['case.routed_out', 'routed_out'],
  merged: ['case.merged_as_repeat', 'merged'],
};
const STEP: Partial<Record<Status, [string, Status, number, number]>> = {
  // [event, from status, min days after acceptance, max days]
  in_progress: ['case.handling_started', 'accepted', 1, 5],
  mediating: ['case.mediation_started', 'accepted', 3, 20],
  hearing: ['case.hearing_started', 'accepted', 5, 25],
  opinion_issued: ['case.opinion_issued', 'accepted', 10, 50],
  delivered: ['case.delivered', 'opinion_issued', 12, 55],
  expert_review: ['case.expert_review_requested', 'delivered', 15, 60],
  review_requested: ['case.review_requested', 'delivered', 20, 85],
  reviewing: ['case.review_started', 'review_requested', 25, 90],
  review_decided: ['case.review_decided', 'reviewing', 35, 110],
  review_delivered: ['case.review_delivered', 'review_decided', 40, 115],
  recheck_requested: ['case.recheck_requested', 'review_delivered', 50, 140],
  rechecking: ['case.recheck_started', 'recheck_requested', 55, 145],
  recheck_decided: ['case.recheck_decided', 'rechecking', 70, 170],
  closed: ['case.closed', 'delivered', 45, 95],
  followed_up: ['case.followed_up', 'closed', 50, 110],
  archived: ['case.archived', 'followed_up', 60, 200],
  terminated: ['case.terminated', 'recheck_decided', 120, 250],
};
/** Statuses past an issued opinion: the case carries the opinion text. */
const HAS_OPINION = new Set<Status>([
  'opinion_issued',
  'delivered',
  'expert_review',
  'review_requested',
  'reviewing',
  'review_decided',
  'review_delivered',
  'recheck_requested',
  'rechecking',
  'recheck_decided',
  'closed',
  'followed_up',
  'archived',
  'terminated',
]);
const DELIVERED = new Set<Status>([...HAS_OPINION].filter((s) => s !== 'opinion_issued'));

/** The running clocks of an open case: [code, which milestone starts it]. */
const CLOCKS: Partial<Record<Status, [string, 'received' | 'decision' | 'step'][]>> = {
  registered: [['D_NOTIFY_DIRECT', 'received']],
  triage: [['D_NOTIFY_DIRECT', 'received']],
  referred_discipline: [['D_NOTIFY_DIRECT', 'received']],
  transferred: [['D_NOTIFY_TRANSFERRED', 'decision']],
  assigned: [['D_ASSIGNED_FEEDBACK', 'decision']],
  accepted: [['D_HANDLE', 'decision']],
  in_progress: [['D_HANDLE', 'decision']],
  mediating: [['D_HANDLE', 'decision']],
  hearing: [['D_HANDLE', 'decision']],
  opinion_issued: [['D_HANDLE', 'decision']],
  expert_review: [['D_HANDLE', 'decision']],
  delivered: [
    ['D_FOLLOW_UP', 'step'],
    ['D_REVIEW_WINDOW', 'step'],
  ],
  review_requested: [['D_REVIEW_DECIDE', 'step']],
  reviewing: [['D_REVIEW_DECIDE', 'step']],
  review_decided: [['D_REVIEW_DECIDE', 'step']],
  review_delivered: [
    ['D_FOLLOW_UP', 'step'],
    ['D_RECHECK_WINDOW', 'step'],
  ],
  recheck_requested: [['D_RECHECK_DECIDE', 'step']],
  rechecking: [['D_RECHECK_DECIDE', 'step']],
  recheck_decided: [['D_RECHECK_DECIDE', 'step']],
};

const CHANNELS: [string, number][] = [
  ['visit', 30],
  ['online', 25],
  ['phone', 15],
  ['letter', 10],
  ['grid', 8],
  ['superior', 7],
  ['leader_reception', 2],
  ['agent', 2],
  ['fax_email', 1],
];

const OUTCOMES = ['support', 'explain', 'not_support'];
const SUGGESTION_OUTCOMES = ['adopted', 'partly_adopted', 'not_adopted'];

interface Person {
  name: string;
  idNumber: string | null;
  phone: string | null;
  address: string;
  idEnc: string | null;
  idHmac: string | null;
  idMasked: string | null;
  phoneEnc: string | null;
  phoneHmac: string | null;
  phoneMasked: string | null;
}

interface Category {
  code: string;
  national: string;
  flags: string[];
  nature: string;
}

const iso = (ms: number) => new Date(ms).toISOString();
const dateOf = (ms: number) => shanghaiDate(new Date(ms));
const between = (rng: Rng, a: number, b: number) => a + rng.next() * (b - a);

export async function loadCases(o: LoadOptions): Promise<LoadMeta> {
  const t0 = Date.now();
  const rng = new Rng(o.seed);
  const { db, log } = o;
  const existing = await sql<{ n: number }>`select count(*)::int as n from cases`.execute(db);
  if ((existing.rows[0]?.n ?? 0) > 0) throw new Error('cases table is not empty: load into a fresh database');

  // Towns: the 3 demo towns plus enough generated ones that one town holds ~3% of the cases.
  const org = await buildOrg(db, rng, 30);
  const tUnits = Date.now();
  const clerkRow = await db
    .selectFrom('users')
    .innerJoin('org_units', 'org_units.id', 'users.unit_id')
    .select(['users.id', 'users.unit_id', 'org_units.name', 'org_units.path'])
    .where('users.username', '=', o.clerk)
    .executeTakeFirstOrThrow();
  const clerkTown = org.towns.find((t) => t.unit.id === clerkRow.unit_id);
  if (!clerkTown) throw new Error(`${o.clerk} is not a town clerk`);
  const userRows = await db.selectFrom('users').select(['id', 'username', 'unit_id']).execute();
  const unitOfUser = new Map(userRows.map((u) => [u.id, u.unit_id]));
  const staffAt = new Map<string, string>();
  for (const u of userRows) if (!staffAt.has(u.unit_id)) staffAt.set(u.unit_id, u.id);
  const districtClerk = userRows.find((u) => u.username === 'qu_xfb')?.id ?? userRows[0]!.id;

  const catRows = await sql<{
    code: string;
    national_category: string | null;
    flags: string[];
    default_nature: string;
    set_id: string;
  }>`
    select c.code, c.national_category, c.flags, c.default_nature, c.set_id
      from categories c join category_sets s on s.id = c.set_id and s.is_active
     where c.level = 2 and c.is_active order by c.code`.execute(db);
  const categories: Category[] = catRows.rows.map((r) => ({
    code: r.code,
    national: r.national_category ?? '',
    flags: r.flags,
    nature: r.default_nature,
  }));
  const setId = catRows.rows[0]?.set_id;
  if (!setId || categories.length === 0) throw new Error('no active category set');
  const byLabel = new Map<string, Category[]>();
  for (const c of categories) {
    for (const label of c.national.split(/\s*\/\s*/)) {
      const list = byLabel.get(label) ?? [];
      list.push(c);
      byLabel.set(label, list);
    }
  }
  const ordinary = categories.filter((c) => !(c.nature === 'accusation' && c.flags.includes('J')));
  const disciplineCats = categories.filter((c) => c.nature === 'accusation' && c.flags.includes('J'));

  const cal = await loadCalendar(db as unknown as CalendarConn);
  const { messages, replies } = loadCorpus();
  log(`corpus: ${messages.length} messages, ${replies.length} official replies (teddy2020)`);

  // People: a pool smaller than the case count, so people petition more than once; a few heavy
  // repeat petitioners. Encrypted, blind-indexed and masked exactly as intake does.
  const fc = new FieldCrypto(o.fieldEncryptionKey, o.fieldHmacKey);
  const poolSize = Math.max(5000, Math.floor(o.cases / 3));
  const persons: Person[] = [];
  for (let i = 0; i < poolSize; i++) {
    const id = rng.chance(0.95) ? idNumber(rng) : null;
    const ph = rng.chance(0.9) ? phone(rng) : null;
    const town = org.towns[rng.int(org.towns.length)]!;
    const place = rng.chance(0.8) && town.communities.length ? rng.pick(town.communities) : town.unit;
    persons.push({
      name: personName(rng),
      idNumber: id,
      phone: ph,
      address: streetAddress(rng, `${town.unit.name}${place === town.unit ? '' : place.name}`),
      idEnc: id ? fc.encrypt(id) : null,
      idHmac: id ? fc.blindIndex(id) : null,
      idMasked: id ? maskIdNumber(id) : null,
      phoneEnc: ph ? fc.encrypt(ph) : null,
      phoneHmac: ph ? fc.blindIndex(ph) : null,
      phoneMasked: ph ? maskPhone(ph) : null,
    });
  }
  const pickPerson = () =>
    persons[rng.chance(0.1) ? rng.int(Math.max(1, Math.floor(poolSize / 100))) : rng.int(poolSize)]!;
  log(`people: ${poolSize} petitioners (encrypted ID numbers and phones)`);

  // Secondary indexes: dropped for the load, rebuilt afterwards from their stored definitions.
  const idx = await sql<{ name: string; def: string }>`
    select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as def
      from pg_index i join pg_class t on t.oid = i.indrelid
     where t.relname in ('cases', 'case_units', 'case_parties', 'case_events', 'case_deadlines')
       and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)`.execute(db);
  for (const r of idx.rows) await sql.raw(`DROP INDEX ${r.name}`).execute(db);
  // Foreign keys likewise: re-added (and so validated over every row) after the load, as pg_restore does.
  const fks = await sql<{ tbl: string; name: string; def: string }>`
    select conrelid::regclass::text as tbl, conname as name, pg_get_constraintdef(oid) as def
      from pg_constraint
     where contype = 'f'
       and conrelid::regclass::text in ('cases', 'case_units', 'case_parties', 'case_events', 'case_deadlines')`.execute(
    db,
  );
  for (const f of fks.rows) await sql.raw(`ALTER TABLE ${f.tbl} DROP CONSTRAINT ${f.name}`).execute(db);
  log(`dropped ${idx.rows.length} secondary indexes and ${fks.rows.length} foreign keys for the load`);

  const now = Date.now();
  const start = now - 3 * 365 * DAY;
  const span = now - 60 * 60_000 - start;
  const statusCounts: Record<string, number> = {};
  const rowsTotal: Record<string, number> = {
    cases: 0,
    case_units: 0,
    case_parties: 0,
    case_events: 0,
    case_deadlines: 0,
    audit_anchors: 0,
  };
  const detailIds: string[] = [];
  let visible = 0;
  let openVisible = 0;
  let seen = 0;
  let anchorPrev = GENESIS;
  const recentIds: string[] = [];
  const clerkTownPath = clerkTown.unit.path;

  const generate = async (from: number, to: number) => {
    const cs = new Rows('cases', CASE_COLS);
    const cu = new Rows('case_units', UNIT_COLS);
    const cp = new Rows('case_parties', PARTY_COLS);
    const ce = new Rows('case_events', EVENT_COLS);
    const cd = new Rows('case_deadlines', DEADLINE_COLS);
    const aa = new Rows('audit_anchors', ANCHOR_COLS);
    let heads: { caseId: string; seq: number; hash: string }[] = [];
    const flushAnchor = () => {
      if (!heads.length) return;
      const hash = anchorHash(o.hashAlg, anchorPrev, heads);
      aa.push({
        at: iso(now),
        heads: JSON.stringify(heads),
        prev_hash: anchorPrev,
        hash,
        hash_alg: o.hashAlg,
      });
      anchorPrev = hash;
      heads = [];
    };
    for (let i = from; i < to; i++) {
      // Let the socket drain the previous batch while this one is built.
      if ((i - from) % 500 === 499) await new Promise((done) => setImmediate(done));
      const caseId = crypto.randomUUID();
      // Received: spread over three years, in order, in office hours (Asia/Shanghai).
      const shDay = Math.floor((start + ((i + rng.next()) / o.cases) * span + SH_OFFSET) / DAY);
      let R = shDay * DAY - SH_OFFSET + (8 + rng.int(10)) * 3_600_000 + rng.int(3_600_000);
      if (R > now - 60 * 60_000) R = now - 60 * 60_000 - rng.int(3_600_000);
      const age = (now - R) / DAY;
      const pOpen = age < 30 ? 0.85 : age < 90 ? 0.45 : age < 365 ? 0.1 : 0.03;
      const route = rng.weighted([
        ['local', 82],
        ['fromDistrict', 8],
        ['toDept', 9],
        ['discipline', 1],
      ] as const);
      let status: Status;
      if (route === 'discipline') {
        status = rng.chance(pOpen)
          ? rng.weighted([
              ['referred_discipline', 50],
              ['accepted', 25],
              ['in_progress', 25],
            ] as const)
          : rng.weighted([
              ['archived', 70],
              ['not_accepted', 30],
            ] as const);
      } else if (rng.chance(pOpen)) {
        status = rng.weighted(age < 15 ? OPEN_NEW : age < 60 ? OPEN_MID : OPEN_OLD);
      } else {
        status = rng.weighted(age < 30 ? CLOSED_NEW : CLOSED_OLD);
      }
      const earlyStage = status === 'registered' || status === 'triage';
      const effRoute = earlyStage && (route === 'fromDistrict' || route === 'toDept') ? 'local' : route;
      statusCounts[status] = (statusCounts[status] ?? 0) + 1;

      // Units: who received it first and who owns it now.
      const townIdx = rng.int(org.towns.length);
      const town = org.towns[townIdx]!;
      const r = rng.next();
      let handling: Unit =
        r < 0.35 || town.communities.length === 0
          ? town.unit
          : r < 0.4 && town.centres.length
            ? rng.pick(town.centres)
            : rng.pick(town.communities);
      let channel = rng.weighted(CHANNELS);
      let source: Unit | null = null;
      if (channel === 'grid') {
        if (handling.kind !== 'community' && town.communities.length) handling = rng.pick(town.communities);
        const grids = town.gridsOf.get(handling.id) ?? [];
        if (grids.length) source = rng.pick(grids);
        else channel = 'visit';
      }
      let first = handling;
      let owner = handling;
      if (effRoute === 'fromDistrict') {
        first = rng.pick(org.intake);
        if (channel === 'grid') channel = 'online';
        source = null;
      } else if (effRoute === 'toDept') {
        owner = rng.pick(org.departments);
      } else if (effRoute === 'discipline') {
        owner = org.discipline;
      }
      const confidential = effRoute === 'discipline';

      // Text and category: the message's own label picks among the matching categories.
      const msg: Message = messages[rng.int(messages.length)]!;
      let cat: Category;
      if (confidential) cat = rng.pick(disciplineCats);
      else {
        const matching = msg.label ? byLabel.get(msg.label)?.filter((c) => ordinary.includes(c)) : undefined;
        cat = matching?.length ? rng.pick(matching) : rng.pick(ordinary);
      }
      const nature = cat.nature === 'claim' && rng.chance(0.08) ? 'suggestion' : cat.nature;
      const risk = rng.weighted([
        ['green', 85],
        ['yellow', 12],
        ['red', 3],
      ] as const);
      const group = rng.chance(0.03);
      const personCount = group ? 5 + rng.int(56) : 1;

      // Parties: one or two petitioners, an agent for the community-agent channel.
      const petitioners = [pickPerson()];
      if (rng.chance(0.15)) petitioners.push(pickPerson());
      const parties = petitioners.map((p, k) => ({ p, role: 'petitioner', k }));
      if (channel === 'agent') parties.push({ p: pickPerson(), role: 'agent', k: parties.length });
      for (const { p, role, k } of parties) {
        cp.push({
          case_id: caseId,
          role,
          party_type: 'person',
          name: p.name,
          id_type: p.idNumber ? 'resident_id' : null,
          id_number_enc: p.idEnc,
          id_number_hmac: p.idHmac,
          id_number_masked: p.idMasked,
          phone_enc: p.phoneEnc,
          phone_hmac: p.phoneHmac,
          phone_masked: p.phoneMasked,
          address: p.address,
          sort_order: k,
        });
      }

      // Timeline: decision, then the step into the current status; squeezed to end before now.
      const decision = DECISION[status];
      const step = STEP[status];
      const accepted = !decision;
      let o2 = between(rng, 0.2, 5) * DAY;
      let o3 = step ? o2 + between(rng, step[2], step[3]) * DAY : o2;
      const room = now - 60_000 - R;
      if (o3 > room) {
        const f = room / o3;
        o2 *= f;
        o3 *= f;
      }
      const t2 = R + o2;
      const t3 = R + o3;
      const last = status === 'registered' ? R : step ? t3 : t2;

      // Events: registration, decision, step. Hashed exactly as appendEvent does.
      const registrar =
        effRoute === 'fromDistrict'
          ? districtClerk
          : (staffAt.get(source?.id ?? '') ?? staffAt.get(first.id) ?? town.clerkId);
      const handler = staffAt.get(owner.id) ?? (owner === handling ? town.clerkId : districtClerk);
      const caseNo = `XF${dateOf(R).slice(0, 4)}${String(i + 1).padStart(7, '0')}`;
      const events: {
        type: string;
        at: number;
        actor: string;
        from: string | null;
        to: string;
        payload: Record<string, unknown>;
      }[] = [
        {
          type: 'case.registered',
          at: R,
          actor: registrar,
          from: null,
          to: 'registered',
          payload: {
            caseNo,
            channel,
            unitId: handling.id,
            receivingUnitId: (source ?? first).id,
            categoryCode: cat.code,
            nature,
            riskColour: risk,
            personCount,
            petitioners: petitioners.length,
            representatives: 0,
            receivedAt: iso(R),
          },
        },
      ];
      if (status !== 'registered') {
        if (decision) {
          const payload: Record<string, unknown> =
            status === 'transferred' || status === 'assigned' || status === 'referred_discipline'
              ? { fromUnitId: first.id, toUnitId: owner.id, reason: '按照属地管理、分级负责原则办理' }
              : status === 'routed_out'
                ? { route: 'judicial_procedure', procedure: '民事诉讼', competentBody: '示范区人民法院' }
                : status === 'merged'
                  ? {
                      openCaseId: recentIds[rng.int(Math.max(1, recentIds.length))] ?? caseId,
                      note: '同一事项重复反映',
                    }
                  : { reason: '不属于本机关职权范围', basis: '《信访工作条例》第31条' };
          events.push({
            type: decision[0],
            at: t2,
            actor: handler,
            from: 'registered',
            to: decision[1],
            payload,
          });
        } else {
          events.push({
            type: 'case.accepted',
            at: t2,
            actor: handler,
            from: 'registered',
            to: 'accepted',
            payload: { note: '经审查，符合受理条件', profile: NATIONAL_PROFILE.code },
          });
        }
        if (step) {
          events.push({
            type: step[0],
            at: t3,
            actor: handler,
            from: step[1],
            to: status,
            payload: { note: '按程序办理', on: dateOf(t3) },
          });
        }
      }
      let prev = GENESIS;
      let seq = 0;
      for (const e of events) {
        seq++;
        const stored = {
          caseId,
          seq,
          type: e.type,
          at: new Date(e.at),
          actorId: e.actor,
          actorUnitId: unitOfUser.get(e.actor) ?? null,
          fromStatus: e.from,
          toStatus: e.to,
          payload: e.payload,
          prevHash: prev,
        };
        const hash = eventHash(o.hashAlg, stored);
        ce.push({
          case_id: caseId,
          seq,
          type: e.type,
          at: iso(e.at),
          actor_id: e.actor,
          actor_unit_id: stored.actorUnitId,
          from_status: e.from,
          to_status: e.to,
          payload: JSON.stringify(e.payload),
          prev_hash: prev,
          hash,
          hash_alg: o.hashAlg,
        });
        prev = hash;
      }
      heads.push({ caseId, seq, hash: prev });
      if (heads.length >= 5000) flushAnchor();

      // Running clocks of an open case and the nearest staff due date.
      let due: { code: string; on: string; period: number } | null = null;
      if (OPEN.has(status)) {
        for (const [code, from] of CLOCKS[status] ?? []) {
          const startedOn = dateOf(from === 'received' ? R : from === 'decision' ? t2 : t3);
          const d = computeProfileDue(cal, NATIONAL_PROFILE, code, startedOn);
          cd.push({
            case_id: caseId,
            code,
            unit_id: owner.id,
            profile_code: d.profileCode,
            profile_version: d.profileVersion,
            started_on: startedOn,
            period: NATIONAL_PROFILE.rules[code]?.period ?? d.totalDays,
            period_unit: d.unit,
            due_on: d.dueDate,
            unverified: d.unverified,
            status: 'running',
            ended_at: null,
            created_at: iso(from === 'received' ? R : from === 'decision' ? t2 : t3),
          });
          if (!PETITIONER_WINDOWS.has(code) && (!due || d.dueDate < due.on)) {
            due = { code, on: d.dueDate, period: d.spanDays };
          }
        }
        if (accepted && status !== 'registered' && status !== 'triage') {
          // The notice clock met at acceptance.
          const s = dateOf(R);
          const d = computeProfileDue(cal, NATIONAL_PROFILE, 'D_NOTIFY_DIRECT', s);
          cd.push({
            case_id: caseId,
            code: 'D_NOTIFY_DIRECT',
            unit_id: handling.id,
            profile_code: d.profileCode,
            profile_version: d.profileVersion,
            started_on: s,
            period: 15,
            period_unit: d.unit,
            due_on: d.dueDate,
            unverified: d.unverified,
            status: dateOf(t2) <= d.dueDate ? 'met' : 'missed',
            ended_at: iso(t2),
            created_at: iso(R),
          });
        }
      }

      const identities = petitioners.map((p) => p.idHmac ?? p.phoneHmac).filter((x): x is string => !!x);
      const reply = HAS_OPINION.has(status) ? replies[rng.int(replies.length)] : undefined;
      const repeatOf = rng.chance(0.04) && recentIds.length ? recentIds[rng.int(recentIds.length)]! : null;
      cs.push({
        id: caseId,
        case_no: caseNo,
        version: events.length,
        status,
        is_open: OPEN.has(status),
        channel,
        source_unit_id: source?.id ?? null,
        source_ref:
          channel === 'superior' ? `市信访局转〔${dateOf(R).slice(0, 4)}〕${1 + rng.int(9999)}号` : null,
        received_at: iso(R),
        received_on: dateOf(R),
        registered_by: registrar,
        first_unit_id: first.id,
        owner_unit_id: owner.id,
        owner_path: owner.path,
        title: msg.title,
        facts: msg.facts,
        demands: msg.demands,
        reasons: rng.chance(0.3) ? '问题长期得不到解决，影响群众正常生活。' : null,
        category_code: cat.code,
        category_set_id: setId,
        nature,
        risk_colour: risk,
        risk_reason: risk === 'green' ? null : risk === 'red' ? '涉及群体性诉求，情绪激动' : '多次反映未果',
        address: petitioners[0]!.address,
        location_unit_id: handling.kind === 'community' ? handling.id : null,
        person_count: personCount,
        is_group: personCount >= 5,
        is_confidential: confidential,
        is_repeat: repeatOf !== null,
        repeat_of_case_id: repeatOf,
        is_first_petition: repeatOf === null,
        assigning_unit_id: effRoute === 'fromDistrict' ? first.id : null,
        accepted_at: accepted && status !== 'registered' ? iso(t2) : null,
        opinion: reply
          ? JSON.stringify({
              outcome: nature === 'suggestion' ? rng.pick(SUGGESTION_OUTCOMES) : rng.pick(OUTCOMES),
              text: reply,
              legalBasis: '《信访工作条例》第32条',
              issuedAt: iso(status === 'opinion_issued' ? t3 : t2 + (t3 - t2) * 0.4),
              unitId: owner.id,
            })
          : null,
        delivered_at: DELIVERED.has(status) ? iso(t2 + (t3 - t2) * 0.5) : null,
        delivered_on: DELIVERED.has(status) ? dateOf(t2 + (t3 - t2) * 0.5) : null,
        closed_at:
          status === 'closed' || status === 'followed_up' || status === 'archived'
            ? iso(t2 + (t3 - t2) * 0.8)
            : null,
        terminated_at: status === 'terminated' ? iso(t3) : null,
        fingerprint:
          status === 'terminated' && identities.length
            ? matterFingerprint({ categoryCode: cat.code, identities, facts: msg.facts })
            : null,
        satisfaction:
          status === 'followed_up' || (status === 'archived' && accepted)
            ? rng.weighted([
                ['satisfied', 70],
                ['basically_satisfied', 22],
                ['unsatisfied', 8],
              ] as const)
            : null,
        followed_up_at:
          status === 'followed_up' || (status === 'archived' && accepted) ? iso(t2 + (t3 - t2) * 0.9) : null,
        archived_at: status === 'archived' ? iso(t3) : null,
        due_on: due?.on ?? null,
        due_code: due?.code ?? null,
        due_period: due ? Math.max(0, due.period) : null,
        chain_seq: seq,
        chain_hash: prev,
        anchored_seq: seq,
        created_at: iso(R),
        updated_at: iso(last),
        search_vector: caseIndexText({
          title: msg.title,
          facts: msg.facts,
          demands: msg.demands,
          address: petitioners[0]!.address,
          opinion: reply ? { text: reply } : null,
        }),
      });
      const addUnit = (u: Unit, relation: string, at: number) =>
        cu.push({ case_id: caseId, unit_id: u.id, relation, unit_path: u.path, added_at: iso(at) });
      addUnit(owner, 'owner', owner === first ? R : t2);
      addUnit(first, 'first', R);
      if (source) addUnit(source, 'source', R);
      if (owner !== first) addUnit(first, 'former', t2);

      recentIds.push(caseId);
      if (recentIds.length > 2000) recentIds.shift();
      // The measured clerk's scope: any of the case's units in the clerk's town.
      const inTown = [owner, first, source].some(
        (u) => u && (u.path === clerkTownPath || u.path.startsWith(`${clerkTownPath}.`)),
      );
      if (inTown && !confidential) {
        visible++;
        if (OPEN.has(status)) openVisible++;
        seen++;
        if (detailIds.length < 20000) detailIds.push(caseId);
        else {
          const j = rng.int(seen);
          if (j < 20000) detailIds[j] = caseId;
        }
      }
    }
    flushAnchor();
    const params: string[] = [];
    const parts = [cs, cu, cp, ce, cd, aa].filter((t) => t.length > 0);
    const text = `WITH ${parts
      .slice(0, -1)
      .map((t, k) => `w${k} AS (${t.sql(params)})`)
      .join(', ')} ${parts[parts.length - 1]!.sql(params)}`;
    for (const t of parts) rowsTotal[t.table] = (rowsTotal[t.table] ?? 0) + t.length;
    return CompiledQuery.raw(text, params);
  };

  // Pipeline: the database inserts batch k while this process builds batch k+1.
  const tLoad = Date.now();
  let inflight: Promise<unknown> | undefined;
  let lastLog = 0;
  let genMs = 0;
  let waitMs = 0;
  for (let from = 0; from < o.cases; from += o.batch) {
    const to = Math.min(o.cases, from + o.batch);
    const tg = Date.now();
    const q = await generate(from, to);
    const tw = Date.now();
    genMs += tw - tg;
    if (inflight) await inflight;
    waitMs += Date.now() - tw;
    inflight = db.executeQuery(q);
    if (Date.now() - lastLog > 5000 || to === o.cases) {
      lastLog = Date.now();
      const rate = from / Math.max(0.001, (Date.now() - tLoad) / 1000);
      const eta = rate > 0 ? (o.cases - from) / rate : 0;
      log(
        `  ${to.toLocaleString('en')} / ${o.cases.toLocaleString('en')} cases generated, ${Math.round(rate).toLocaleString('en')} cases/s, ETA ${Math.round(eta)} s`,
      );
    }
  }
  const tw = Date.now();
  await inflight;
  const tCases = Date.now();
  waitMs += tCases - tw;
  log(
    `cases written in ${((tCases - tLoad) / 1000).toFixed(1)} s (${Math.round(o.cases / ((tCases - tLoad) / 1000)).toLocaleString('en')} cases/s; building rows ${(genMs / 1000).toFixed(1)} s, waiting for the database ${(waitMs / 1000).toFixed(1)} s)`,
  );
  await sql`select setval('case_number_seq', ${o.cases})`.execute(db);

  // Rebuild the indexes (two at a time on PostgreSQL: the machine has two cores).
  const defs = idx.rows.map((r) => r.def);
  const parallel = o.engine === 'postgres' ? 2 : 1;
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < defs.length) {
        const def = defs[next++]!;
        const t = Date.now();
        await sql.raw(def).execute(db);
        log(
          `  ${def.replace(/^CREATE (UNIQUE )?INDEX (\S+) .*$/, '$2')} ${((Date.now() - t) / 1000).toFixed(1)} s`,
        );
      }
    }),
  );
  const tIdx0 = Date.now();
  log(`indexes rebuilt in ${((tIdx0 - tCases) / 1000).toFixed(1)} s`);
  for (const f of fks.rows) {
    await sql.raw(`ALTER TABLE ${f.tbl} ADD CONSTRAINT ${f.name} ${f.def}`).execute(db);
  }
  const tIdx = Date.now();
  log(`${fks.rows.length} foreign keys re-added and validated in ${((tIdx - tIdx0) / 1000).toFixed(1)} s`);
  for (const t of [...CASE_TABLES, 'audit_anchors', 'org_units', 'users', 'user_roles']) {
    await sql.raw(o.engine === 'postgres' ? `VACUUM (ANALYZE) ${t}` : `VACUUM ANALYZE ${t}`).execute(db);
  }
  const tVac = Date.now();
  log(`vacuum + analyze in ${((tVac - tIdx) / 1000).toFixed(1)} s`);

  // Self-check: a sample of chains verified with the server's own verifier.
  const { loadEvents, verifyChain } = await import('../server/src/modules/cases/case-events.js');
  const sample = detailIds.slice(0, 200);
  let broken = 0;
  for (const id of sample) {
    const head = await db
      .selectFrom('cases')
      .select(['chain_seq', 'chain_hash'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const evs = await loadEvents(db, id);
    if (verifyChain(evs, { chainSeq: head.chain_seq, chainHash: head.chain_hash })) broken++;
  }
  log(`hash chains: ${sample.length} sampled, ${broken} broken`);

  const total = (Date.now() - t0) / 1000;
  const sampleRng = new Rng(o.seed + 1);
  const personSample: PersonSample[] = Array.from({ length: Math.min(2000, persons.length) }, () => {
    const p = persons[sampleRng.int(persons.length)]!;
    return { name: p.name, idNumber: p.idNumber, phone: p.phone, address: p.address };
  });
  return {
    engine: o.engine,
    cases: o.cases,
    loadedAt: new Date().toISOString(),
    seconds: {
      units: (tUnits - t0) / 1000,
      cases: (tCases - tLoad) / 1000,
      indexes: (tIdx - tCases) / 1000,
      vacuum: (tVac - tIdx) / 1000,
      total,
    },
    casesPerSecond: Math.round(o.cases / total),
    rows: rowsTotal,
    statusCounts,
    openCases: Object.entries(statusCounts)
      .filter(([s]) => OPEN.has(s as Status))
      .reduce((a, [, n]) => a + n, 0),
    units: {
      towns: org.towns.length,
      communities: org.towns.reduce((a, t) => a + t.communities.length, 0),
      grids: org.all.filter((u) => u.kind === 'grid').length,
      total: org.all.length,
    },
    clerk: {
      username: o.clerk,
      unitId: clerkTown.unit.id,
      unitName: clerkTown.unit.name,
      visibleCases: visible,
      openVisibleCases: openVisible,
    },
    detailIds,
    persons: personSample,
    categories: ordinary.map((c) => ({ code: c.code, nature: c.nature, flags: c.flags })),
    chainCheck: { checked: sample.length, broken },
  };
}
