import type { Role } from '../../../../../common/src/roles.js';
import { api, type Paged } from '../../../lib/api';

export interface RoleGrant {
  role: Role;
  unitId: string;
}

export interface User {
  id: string;
  username: string;
  displayName: string;
  unit: { id: string; name: string };
  roles: (RoleGrant & { unitName: string })[];
  isActive: boolean;
  isLocked: boolean;
  mustChangePassword: boolean;
  lastLoginAt: string | null;
  createdAt: string;
}

export interface UserDetail extends User {
  abilities: { update: boolean; manageRoles: boolean; resetPassword: boolean };
}

export interface UserListParams {
  unitId?: string | undefined;
  q?: string | undefined;
  role?: Role | undefined;
  includeInactive?: boolean | undefined;
  page?: number;
  pageSize?: number;
}

export interface CreateUserBody {
  username: string;
  displayName: string;
  unitId: string;
  password: string;
  roles: RoleGrant[];
  mustChangePassword?: boolean;
}

export interface UpdateUserBody {
  displayName?: string;
  unitId?: string;
  isActive?: boolean;
}

const userPath = (id: string) => `/api/users/${encodeURIComponent(id)}`;

export const usersApi = {
  list: (params: UserListParams, signal?: AbortSignal) =>
    api<Paged<User>>('/api/users', {
      query: { ...params, includeInactive: params.includeInactive ? 'true' : undefined },
      signal,
    }),
  get: (id: string, signal?: AbortSignal) => api<UserDetail>(userPath(id), { signal }),
  create: (body: CreateUserBody) => api<User>('/api/users', { method: 'POST', body }),
  update: (id: string, body: UpdateUserBody) => api<User>(userPath(id), { method: 'PATCH', body }),
  setRoles: (id: string, roles: RoleGrant[]) =>
    api<User>(`${userPath(id)}/roles`, { method: 'PUT', body: { roles } }),
  resetPassword: (id: string, newPassword: string) =>
    api<{ ok: true }>(`${userPath(id)}/reset-password`, { method: 'POST', body: { newPassword } }),
  unlock: (id: string) => api<unknown>(`${userPath(id)}/unlock`, { method: 'POST' }),
};
