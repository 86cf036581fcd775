import type { Role } from '../../../common/src/roles.js';

/**
 * What each role may do, by permission. Where a permission applies is the role's unit subtree;
 * that part is enforced by `can` and `scopeFilter`, never by the caller.
 */
export const PERMISSIONS = [
  'org.read',
  'org.manage',
  'user.read',
  'user.manage',
  'token.manage',
  'audit.read',
  'taxonomy.manage',
  'calendar.manage',
  /** The notification outbox (delivery state, retries of dead letters). */
  'outbox.manage',
  'case.read',
  /** Accusation cases (检举控告) referred to discipline inspection: only these holders see them at all. */
  'case.read_confidential',
  'case.intake',
  'case.decide',
  'case.handle',
  'case.review',
  'case.object',
  'case.followup',
  'case.archive',
  'case.approve_extension',
  'case.supervise',
  'case.package',
  'case.unmask',
  /** Figures of the area (辖区概况): the office and leader view of the jurisdiction's cases. */
  'dashboard.read',
  /** 预约接访: publish reception sessions where one receives people, see and settle the bookings. */
  'reception.manage',
  // ---- documents ----
  /** Document templates (文书模板): edit the wording, every edit a new version. */
  'document.manage',
  // ---- community (grids, map) ----
  /** Grid boundaries, grid heads and members, courtyard units (网格、和美院落) of the subtree. */
  'grid.manage',
  /** Record home visits and patrols (定时走访, 日常巡查) in the subtree. */
  'visit.record',
  /** Read visit records, plans and coverage of the subtree. */
  'visit.read',
  /** Assistance records of people in difficulty (帮扶救助): read them. */
  'assistance.read',
  /** Create and review assistance records, link them to cases. */
  'assistance.manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const CASE_WORK = [
  'case.read',
  'case.intake',
  'case.decide',
  'case.handle',
  'case.object',
  'case.followup',
] as const;

/**
 * System administrators manage the installation, not petitions: they get no case permissions
 * (PIPL minimisation). Experts and mediators see cases through the panels and mediations they are
 * put on (resolution-mechanisms module), not through a jurisdiction.
 */
export const ROLE_PERMISSIONS = {
  system_admin: [
    'org.read',
    'org.manage',
    'user.read',
    'user.manage',
    'token.manage',
    'audit.read',
    'taxonomy.manage',
    'calendar.manage',
    'outbox.manage',
    // documents
    'document.manage',
    // community
    'grid.manage',
  ],
  petition_clerk: [
    'org.read',
    'user.read',
    ...CASE_WORK,
    'case.review',
    'case.archive',
    'case.supervise',
    'case.package',
    'case.unmask',
    'dashboard.read',
    'reception.manage',
    // community
    'grid.manage',
    'visit.read',
    'assistance.read',
    'assistance.manage',
  ],
  workstation_staff: [
    'org.read',
    'user.read',
    ...CASE_WORK,
    'case.archive',
    'case.unmask',
    'reception.manage',
    // community
    'grid.manage',
    'visit.record',
    'visit.read',
    'assistance.read',
    'assistance.manage',
  ],
  grid_worker: [
    'org.read',
    'case.read',
    'case.intake',
    // community
    'visit.record',
    'visit.read',
  ],
  department_handler: [
    'org.read',
    'user.read',
    ...CASE_WORK,
    'case.unmask',
    // community: a department sees the assistance records it is responsible for (民政局 in S10)
    'assistance.read',
  ],
  leader: [
    'org.read',
    'user.read',
    'audit.read',
    ...CASE_WORK,
    'case.review',
    'case.approve_extension',
    'case.supervise',
    'case.package',
    'case.unmask',
    'dashboard.read',
    'reception.manage',
    // community
    'visit.read',
    'assistance.read',
  ],
  mediator: ['org.read'],
  expert: ['org.read'],
  discipline_inspector: [
    'org.read',
    'user.read',
    ...CASE_WORK,
    'case.read_confidential',
    'case.archive',
    'case.unmask',
  ],
} as const satisfies Record<Role, readonly Permission[]>;

export function roleHas(role: Role, permission: Permission): boolean {
  return (ROLE_PERMISSIONS[role] as readonly Permission[]).includes(permission);
}
