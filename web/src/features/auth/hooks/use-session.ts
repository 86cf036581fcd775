import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { setCsrfToken } from '../../../lib/api';
import { authApi, type Me, type Permission, type Session, type SignedOutReason } from '../api/auth.api';

export const sessionKey = ['auth', 'session'] as const;

/** Drops every cached API answer except the session itself: the next user must not see them. */
export function clearDataCaches(client: QueryClient): void {
  client.removeQueries({ predicate: (q) => q.queryKey[0] !== 'auth' });
}

export function setSignedIn(client: QueryClient, me: Me): void {
  setCsrfToken(me.csrfToken);
  clearDataCaches(client);
  client.setQueryData<Session>(sessionKey, { me });
}

export function setSignedOut(client: QueryClient, reason: SignedOutReason): void {
  setCsrfToken(null);
  clearDataCaches(client);
  client.setQueryData<Session>(sessionKey, { me: null, reason });
}

/** Who is signed in (or why nobody is). Loaded once at start and re-checked after idle periods. */
export function useSession() {
  return useQuery({
    queryKey: sessionKey,
    queryFn: async ({ signal }) => {
      const session = await authApi.session(signal);
      setCsrfToken(session.me?.csrfToken ?? null);
      return session;
    },
    staleTime: Number.POSITIVE_INFINITY,
    retry: 1,
  });
}

let lastMe: Me | null = null;

/**
 * The signed-in user; only for components rendered behind <RequireAuth>. During the render that
 * signs out (before the redirect unmounts them) they still get the last user instead of a crash.
 */
export function useMe(): Me {
  const { data } = useSession();
  if (data?.me) lastMe = data.me;
  if (!lastMe) throw new Error('useMe() used outside <RequireAuth>');
  return lastMe;
}

export function useCan(): (permission: Permission) => boolean {
  const me = useMe();
  return (permission) => me.permissions.includes(permission);
}

export function useLogin() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: authApi.login,
    // The sign-in form shows its own errors (remaining attempts, lock time).
    meta: { silent: true },
    onSuccess: (me) => setSignedIn(client, me),
  });
}

export function useLogout() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: authApi.logout,
    meta: { silent: true },
    // Signed out locally even if the server call failed (e.g. the session had already expired).
    onSettled: () => setSignedOut(client, 'SIGNED_OUT'),
  });
}

export function useChangePassword() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: authApi.changePassword,
    onSuccess: async () => {
      client.setQueryData<Session>(sessionKey, (s) =>
        s?.me ? { me: { ...s.me, mustChangePassword: false } } : s,
      );
      await client.invalidateQueries({ queryKey: sessionKey });
    },
  });
}
