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

// ---- visits and patrols (定时走访, 串门问需, 日常巡查) ----

export const VISIT_KINDS = ['home_visit', 'patrol'] as const;
export const FINDINGS = ['none', 'need', 'hazard'] as const;

const routePoint = z.object({
  lng: z.number().min(-180).max(180),
  lat: z.number().min(-90).max(90),
  at: z.iso.datetime({ offset: true }).optional(),
});

/** The case made from a visit's finding (channel grid, no petitioner needed). */
export const foundCase = z.object({
  title: z.string().trim().min(1).max(100),
  facts: z.string().trim().min(1).max(5000),
  demands: z.string().trim().min(1).max(2000),
  categoryCode: z.string().regex(/^\d{4}$/, 'categoryFormat'),
  address: z.string().trim().min(1).max(200),
  latitude: z.number().min(-90).max(90).optional(),
  longitude: z.number().min(-180).max(180).optional(),
  riskColour: z.enum(RISK_COLOURS).default('green'),
  riskReason: z.string().trim().max(500).optional(),
  uploadIds: z.array(z.uuid()).max(30).default([]),
});

export const visitCreate = z
  .object({
    kind: z.enum(VISIT_KINDS),
    /** The grid (or community) visited; defaults to the recorder's own unit. */
    unitId: z.uuid().optional(),
    visitedAt: z.iso.datetime({ offset: true }).optional(),
    /** The household visited (address or family name): home visits. */
    household: z.string().trim().max(100).optional(),
    /** Needs heard (问需) or what the patrol saw. */
    needs: z.string().trim().max(2000).optional(),
    followUp: z.string().trim().max(1000).optional(),
    route: z.array(routePoint).max(2000).optional(),
    finding: z.enum(FINDINGS).default('none'),
    /** Report the need or hidden danger as a case in the same step. */
    case: foundCase.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'home_visit' && !v.household)
      ctx.addIssue({ code: 'custom', path: ['household'], message: 'required' });
    if (v.case && v.finding === 'none')
      ctx.addIssue({ code: 'custom', path: ['finding'], message: 'findingRequiredForCase' });
  });
export type VisitCreate = z.infer<typeof visitCreate>;

export const visitCreated = z.object({
  id: z.uuid(),
  case: z.object({ id: z.uuid(), caseNo: z.string() }).nullable(),
});

export const visitsQuery = z.object({
  unitId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const visitList = z.object({
  items: z.array(
    z.object({
      id: z.uuid(),
      kind: z.enum(VISIT_KINDS),
      unit: z.object({ id: z.uuid(), name: z.string() }),
      cadre: z.object({ id: z.uuid(), name: z.string() }),
      visitedAt: z.string(),
      household: z.string().nullable(),
      needs: z.string().nullable(),
      followUp: z.string().nullable(),
      routePoints: count,
      finding: z.enum(FINDINGS),
      case: z.object({ id: z.uuid(), caseNo: z.string() }).nullable(),
    }),
  ),
});

export const visitPlanSet = z.object({
  unitId: z.uuid(),
  cadreUserId: z.uuid(),
  timesPerWeek: z.number().int().min(1).max(21),
  note: z.string().trim().max(200).optional(),
});
export type VisitPlanSet = z.infer<typeof visitPlanSet>;

export const coverageQuery = z.object({
  /** Shanghai dates; the last 28 days by default. */
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  unitId: z.uuid().optional(),
});
export type CoverageQuery = z.infer<typeof coverageQuery>;

export const visitCoverage = z
  .object({
    from: z.string(),
    to: z.string(),
    byGrid: z.array(
      z.object({
        id: z.uuid(),
        name: z.string(),
        communityName: z.string().nullable(),
        households: z.number().int().nullable(),
        homeVisits: count,
        householdsVisited: count,
        /** Households visited ÷ households of the grid (null when the size is not known). */
        householdCoverage: z.number().nullable(),
        patrols: count,
        findings: count,
        cases: count,
      }),
    ),
    byCadre: z.array(
      z.object({
        id: z.uuid(),
        name: z.string(),
        homeVisits: count,
        patrols: count,
        /** Visits the cadre's plans call for over the period. */
        planned: count,
        /** Home visits ÷ planned (null without a plan). */
        planCoverage: z.number().nullable(),
        cases: count,
      }),
    ),
  })
  .describe('走访覆盖: home visits, patrols and findings per grid and per cadre');
export type VisitCoverage = z.infer<typeof visitCoverage>;

// ---- assistance for people in difficulty (帮扶救助, S10) ----

export const HARDSHIPS = ['basic_living', 'medical', 'urgent', 'employment', 'education', 'care'] as const;

export const assistanceCreate = z.object({
  /** The community (or grid) whose family it is. */
  unitId: z.uuid(),
  /** The household as the workstation names it (e.g. 3组张家); no ID numbers or phones here. */
  household: z.string().trim().min(1).max(60),
  situation: z.string().trim().min(1).max(2000),
  hardships: z.array(z.enum(HARDSHIPS)).min(1).max(HARDSHIPS.length),
  measures: z.string().trim().max(2000).optional(),
  responsibleUnitId: z.uuid().optional(),
  /** Next review (dynamic review date). */
  reviewOn: z.iso.date(),
  caseIds: z.array(z.uuid()).max(20).default([]),
});
export type AssistanceCreate = z.infer<typeof assistanceCreate>;

export const assistanceReview = z.object({
  measures: z.string().trim().max(2000).optional(),
  reviewOn: z.iso.date().optional(),
  status: z.enum(['active', 'closed']).optional(),
  responsibleUnitId: z.uuid().optional(),
});
export type AssistanceReview = z.infer<typeof assistanceReview>;

export const assistanceView = z.object({
  id: z.uuid(),
  unit: z.object({ id: z.uuid(), name: z.string() }),
  household: z.string(),
  situation: z.string(),
  hardships: z.array(z.enum(HARDSHIPS)),
  measures: z.string().nullable(),
  responsibleUnit: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  reviewOn: z.string(),
  isReviewDue: z.boolean(),
  status: z.enum(['active', 'closed']),
  /** Linked cases the actor may read (others are counted, not named). */
  cases: z.array(z.object({ id: z.uuid(), caseNo: z.string(), title: z.string() })),
  hiddenCases: count,
  canManage: z.boolean(),
});
export type AssistanceView = z.infer<typeof assistanceView>;
export const assistanceList = z.object({ items: z.array(assistanceView) });
export const assistanceLink = z.object({ caseId: z.uuid() });
