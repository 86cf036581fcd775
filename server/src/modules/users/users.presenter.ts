import type { Role } from '../../../../common/src/roles.js';

export function presentUser(
  u: {
    id: string;
    username: string;
    display_name: string;
    unit_id: string;
    unit_name: string;
    is_active: boolean;
    must_change_password: boolean;
    locked_until: Date | null;
    last_login_at: Date | null;
    created_at: Date;
  },
  roles: { role: Role; unitId: string; unitName: string }[],
  now = new Date(),
) {
  return {
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    unit: { id: u.unit_id, name: u.unit_name },
    roles,
    isActive: u.is_active,
    isLocked: !!u.locked_until && u.locked_until > now,
    mustChangePassword: u.must_change_password,
    lastLoginAt: u.last_login_at?.toISOString() ?? null,
    createdAt: u.created_at.toISOString(),
  };
}
