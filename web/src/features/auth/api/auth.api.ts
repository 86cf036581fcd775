import type { Role, UnitKind } from '../../../../../common/src/roles.js';
import { api, isApiError } from '../../../lib/api';

/** Permissions the server grants; the UI shows menus and buttons by them (the server still checks). */
export type Permission =
  | 'org.read'
  | 'org.manage'
  | 'user.read'
  | 'user.manage'
  | 'token.manage'
  | 'audit.read'
  | 'taxonomy.manage'
  | 'calendar.manage'
  | 'outbox.manage'
  | 'case.read'
  | 'case.read_confidential'
  | 'case.intake'
  | 'case.decide'
  | 'case.handle'
  | 'case.review'
  | 'case.object'
  | 'case.followup'
  | 'case.archive'
  | 'case.approve_extension'
  | 'case.supervise'
  | 'case.package'
  | 'case.unmask'
  | 'dashboard.read'
  | 'reception.manage'
  // documents
  | 'document.manage'
  // community
  | 'grid.manage'
  | 'visit.record'
  | 'visit.read'
  | 'assistance.read'
  | 'assistance.manage';

export interface RoleGrantView {
  role: Role;
  unitId: string;
  unitName: string;
}

/** GET /api/auth/me */
export interface Me {
  id: string;
  username: string;
  displayName: string;
  unit: { id: string; name: string; kind: UnitKind };
  roles: RoleGrantView[];
  permissions: string[];
  mustChangePassword: boolean;
  csrfToken: string | null;
  sessionIdleMinutes: number;
}

/** Why nobody is signed in: shown on the sign-in page. */
export type SignedOutReason = 'UNAUTHENTICATED' | 'SESSION_EXPIRED' | 'SIGNED_OUT';

/** The signed-in user, or null with the reason nobody is signed in. */
export interface Session {
  me: Me | null;
  reason?: SignedOutReason;
}

export const authApi = {
  login: (body: { username: string; password: string }) =>
    api<Me>('/api/auth/login', { method: 'POST', body, noAuthRedirect: true }),
  logout: () => api<{ ok: true }>('/api/auth/logout', { method: 'POST', noAuthRedirect: true }),
  changePassword: (body: { currentPassword: string; newPassword: string }) =>
    api<{ ok: true }>('/api/auth/password', { method: 'POST', body }),

  /** The session probe: a signed-out browser is a normal state here, not an error. */
  async session(signal?: AbortSignal): Promise<Session> {
    try {
      return { me: await api<Me>('/api/auth/me', { signal, noAuthRedirect: true }) };
    } catch (err) {
      if (isApiError(err, 'SESSION_EXPIRED')) return { me: null, reason: 'SESSION_EXPIRED' };
      if (isApiError(err, 'UNAUTHENTICATED')) return { me: null, reason: 'UNAUTHENTICATED' };
      throw err;
    }
  },
};
