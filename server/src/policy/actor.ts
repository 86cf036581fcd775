import type { Role } from '../../../common/src/roles.js';

export interface RoleGrant {
  role: Role;
  unitId: string;
  /** ltree path of the unit the role is scoped to; the grant covers that unit's whole subtree. */
  unitPath: string;
}

/** The signed-in user a request acts for. Built once per request by the auth hook. */
export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  unitId: string;
  grants: RoleGrant[];
  via: 'session' | 'token';
  mustChangePassword: boolean;
}
