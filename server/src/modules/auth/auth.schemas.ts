import { z } from 'zod';
import { LIMITS } from '../../../../common/src/limits.js';
import { ROLES, UNIT_KINDS } from '../../../../common/src/roles.js';
import { PERMISSIONS } from '../../policy/permissions.js';

export const loginBody = z.object({
  username: z.string().trim().min(1).max(LIMITS.usernameMax),
  password: z.string().min(1).max(LIMITS.passwordMax),
});

export const changePasswordBody = z.object({
  currentPassword: z.string().min(1).max(LIMITS.passwordMax),
  newPassword: z.string().min(1).max(LIMITS.passwordMax),
});

export const meResponse = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  unit: z.object({ id: z.uuid(), name: z.string(), kind: z.enum(UNIT_KINDS) }),
  roles: z.array(z.object({ role: z.enum(ROLES), unitId: z.uuid(), unitName: z.string() })),
  /** Permissions the user holds somewhere; the web app uses them to show menus. */
  permissions: z.array(z.enum(PERMISSIONS)),
  mustChangePassword: z.boolean(),
  csrfToken: z.string().nullable(),
  sessionIdleMinutes: z.number().int(),
});
export type MeResponse = z.infer<typeof meResponse>;
