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
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLE_PERMISSIONS = {
  system_admin: ['org.read', 'org.manage', 'user.read', 'user.manage', 'token.manage', 'audit.read'],
  petition_clerk: ['org.read', 'user.read'],
  workstation_staff: ['org.read', 'user.read'],
  grid_worker: ['org.read'],
  department_handler: ['org.read', 'user.read'],
  leader: ['org.read', 'user.read', 'audit.read'],
  mediator: ['org.read'],
  expert: ['org.read'],
  discipline_inspector: ['org.read', 'user.read'],
} as const satisfies Record<Role, readonly Permission[]>;

export function roleHas(role: Role, permission: Permission): boolean {
  return (ROLE_PERMISSIONS[role] as readonly Permission[]).includes(permission);
}
