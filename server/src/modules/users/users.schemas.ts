import { z } from 'zod';
import { LIMITS } from '../../../../common/src/limits.js';
import { ROLES } from '../../../../common/src/roles.js';

const username = z
  .string()
  .trim()
  .min(LIMITS.usernameMin)
  .max(LIMITS.usernameMax)
  .regex(LIMITS.usernamePattern, 'usernameFormat')
  .transform((v) => v.toLowerCase());
const displayName = z.string().trim().min(1).max(LIMITS.displayNameMax);
const password = z.string().min(1).max(LIMITS.passwordMax);
export const roleGrant = z.object({ role: z.enum(ROLES), unitId: z.uuid() });

export const userListQuery = z.object({
  unitId: z.uuid().optional(),
  q: z.string().trim().max(50).optional(),
  role: z.enum(ROLES).optional(),
  includeInactive: z.enum(['true', 'false']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(LIMITS.pageSizeMax).default(LIMITS.pageSizeDefault),
});

export const createUserBody = z.object({
  username,
  displayName,
  unitId: z.uuid(),
  password,
  roles: z.array(roleGrant).max(20),
  mustChangePassword: z.boolean().default(true),
});

export const updateUserBody = z.object({ displayName, unitId: z.uuid(), isActive: z.boolean() }).partial();
export const replaceRolesBody = z.object({ roles: z.array(roleGrant).max(20) });
export const resetPasswordBody = z.object({ newPassword: password });

export const userView = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  unit: z.object({ id: z.uuid(), name: z.string() }),
  roles: z.array(z.object({ role: z.enum(ROLES), unitId: z.uuid(), unitName: z.string() })),
  isActive: z.boolean(),
  isLocked: z.boolean(),
  mustChangePassword: z.boolean(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
});

export const userDetail = userView.extend({
  abilities: z.object({ update: z.boolean(), manageRoles: z.boolean(), resetPassword: z.boolean() }),
});
