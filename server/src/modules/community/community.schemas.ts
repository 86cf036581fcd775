import { z } from 'zod';
import { MATTER_SCOPES } from '../../../../common/src/community.js';
import { gridGeometry } from './geo.js';

export const GRID_TYPES = ['grid', 'courtyard'] as const;
export type GridType = (typeof GRID_TYPES)[number];
export const MEMBER_ROLES = ['head', 'member'] as const;
/** 和美院落: one courtyard head and two members. */
export const COURTYARD_MAX_MEMBERS = 2;

const name = z.string().trim().min(1).max(40);

export const gridMemberInput = z.object({
  role: z.enum(MEMBER_ROLES),
  /** A staff account (grid worker, cadre); leave out for a resident without an account. */
  userId: z.uuid().optional(),
  /** Shown name; defaults to the account's display name. */
  name: name.optional(),
  /** Duty within the grid, e.g. 楼栋长, 党员中心户. */
  duty: z.string().trim().max(40).optional(),
});

export const gridUpdate = z.object({
  boundary: gridGeometry.nullable().optional(),
  households: z.number().int().min(0).max(100_000).nullable().optional(),
  buildings: z.number().int().min(0).max(10_000).nullable().optional(),
  /** The whole roster, replacing the previous one: at most one head. */
  members: z.array(gridMemberInput).max(60).optional(),
});
export type GridUpdate = z.infer<typeof gridUpdate>;

export const courtyardCreate = z.object({
  name,
  boundary: gridGeometry.optional(),
  households: z.number().int().min(0).max(10_000).optional(),
  members: z.array(gridMemberInput).max(3).default([]),
});
export type CourtyardCreate = z.infer<typeof courtyardCreate>;

export const gridsQuery = z.object({
  /** Only the grids within this unit's subtree (a town, a community). */
  unitId: z.uuid().optional(),
});

const member = z.object({
  id: z.uuid(),
  role: z.enum(MEMBER_ROLES),
  userId: z.uuid().nullable(),
  name: z.string(),
  duty: z.string().nullable(),
});

export const gridView = z.object({
  id: z.uuid(),
  name: z.string(),
  parentId: z.uuid().nullable(),
  /** The community (or, for a courtyard, the grid then the community) it belongs to. */
  communityName: z.string().nullable(),
  type: z.enum(GRID_TYPES),
  boundary: gridGeometry.nullable(),
  centre: z.object({ lng: z.number(), lat: z.number() }).nullable(),
  households: z.number().int().nullable(),
  buildings: z.number().int().nullable(),
  members: z.array(member),
  canManage: z.boolean(),
});
export type GridView = z.infer<typeof gridView>;

export const gridList = z.object({ items: z.array(gridView), canManage: z.boolean() });
export type GridList = z.infer<typeof gridList>;

/** One feature of an imported boundary file: which grid (by id, or by community and grid name). */
export const boundaryFeature = z.object({
  type: z.literal('Feature'),
  properties: z
    .object({
      unitId: z.uuid().optional(),
      community: z.string().max(60).optional(),
      name: z.string().max(60).optional(),
    })
    .loose(),
  geometry: gridGeometry,
});

export const boundaryImport = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(boundaryFeature).min(1).max(2000),
});
export type BoundaryImport = z.infer<typeof boundaryImport>;

export const boundaryImportResult = z.object({ updated: z.number().int() });

const count = z.number().int().min(0);
export const RISK_COLOURS = ['red', 'yellow', 'green'] as const;

export const mapQuery = z.object({
  /** Risk colours to show (三色): repeat the parameter or separate by commas; all three when left out. */
  colour: z.preprocess(
    (v) =>
      v === undefined
        ? [...RISK_COLOURS]
        : (Array.isArray(v) ? v : [v]).flatMap((x) => (typeof x === 'string' ? x.split(',') : [x])),
    z.array(z.enum(RISK_COLOURS)).min(1),
  ),
  /** open: cases still being handled (default); all: every case received in the period. */
  state: z.enum(['open', 'all']).default('open'),
  /** Only the cases of this first-level category (two digits). */
  category: z
    .string()
    .regex(/^[0-9]{2}$/)
    .optional(),
  /** Only the cases of this 三事分流 scope. */
  scope: z.enum(MATTER_SCOPES).optional(),
  unitId: z.uuid().optional(),
});
export type MapQuery = z.infer<typeof mapQuery>;

export const MAP_CASE_LIMIT = 3000;

export const operationsMap = z
  .object({
    grids: z.array(
      z.object({
        id: z.uuid(),
        name: z.string(),
        /** For a courtyard, the grid around it. */
        parentId: z.uuid().nullable(),
        communityName: z.string().nullable(),
        type: z.enum(GRID_TYPES),
        boundary: gridGeometry,
        centre: z.object({ lng: z.number(), lat: z.number() }),
        counts: z.object({ red: count, yellow: count, green: count, total: count }),
        /** The first-level category with most cases in the grid: the grid's hot issue. */
        hotCategory: z.object({ code: z.string(), name: z.string(), count }).nullable(),
      }),
    ),
    cases: z.array(
      z.object({
        id: z.uuid(),
        caseNo: z.string(),
        title: z.string(),
        riskColour: z.enum(RISK_COLOURS),
        matterScope: z.enum(MATTER_SCOPES),
        status: z.string(),
        categoryCode: z.string(),
        receivedAt: z.string(),
        gridId: z.uuid().nullable(),
        lng: z.number(),
        lat: z.number(),
        /** exact: reported with a position; grid: placed at the centre of its grid. */
        placed: z.enum(['exact', 'grid']),
      }),
    ),
    /** Cases in scope that could be placed on no grid (no position, no grid). */
    unplaced: count,
    truncated: z.boolean(),
  })
  .describe('挂图作战: grid polygons with the cases on them, by risk colour');
export type OperationsMap = z.infer<typeof operationsMap>;

// ---- 三事分流 (matter scope) ----

export const matterScopeView = z.object({
  scope: z.enum(MATTER_SCOPES),
  /** Still the category's default (nobody has classified the case by hand). */
  isDefault: z.boolean(),
  /** What the category's default is now. */
  defaultScope: z.enum(MATTER_SCOPES),
  routing: z.object({ handledBy: z.string(), commands: z.array(z.string()) }),
  version: z.number().int(),
  canChange: z.boolean(),
});
export type MatterScopeView = z.infer<typeof matterScopeView>;

export const matterScopeSet = z.object({
  version: z.number().int().min(1),
  scope: z.enum(MATTER_SCOPES),
  reason: z.string().trim().min(1).max(500),
});
export type MatterScopeSet = z.infer<typeof matterScopeSet>;

export const matterScopeFiguresQuery = z.object({
  /** First and last day of receipt counted (Asia/Shanghai dates); the current year by default. */
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  unitId: z.uuid().optional(),
});
export type MatterScopeFiguresQuery = z.infer<typeof matterScopeFiguresQuery>;

export const matterScopeFigures = z
  .object({
    from: z.string(),
    to: z.string(),
    total: count,
    byScope: z.array(
      z.object({
        scope: z.enum(MATTER_SCOPES),
        received: count.describe('Cases received in the period'),
        open: count.describe('Of those, still open'),
        concluded: count.describe('Of those, no longer open'),
        onSpot: count.describe('Of those, resolved on the spot'),
        reclassified: count.describe('Of those, classified by hand away from the default'),
      }),
    ),
  })
  .describe('三事分流 figures: cases received by who should handle them');
export type MatterScopeFigures = z.infer<typeof matterScopeFigures>;
