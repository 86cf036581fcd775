import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { sessionKey } from '../../features/auth/hooks/use-session';
import { lastApiCallAt } from '../../lib/api';

const CHECK_EVERY_MS = 20_000;
/** Slack so the probe lands after the server's idle limit, not just before it (which would extend it). */
const GRACE_MS = 10_000;

/**
 * The server ends a session after `idleMinutes` without requests. Once that much time has passed
 * with no call from this tab, ask the server again: if it answers SESSION_EXPIRED the app goes to
 * the sign-in page ("登录已超时") instead of leaving personal data on an unattended screen.
 */
export function useIdleSessionCheck(idleMinutes: number): void {
  const client = useQueryClient();
  useEffect(() => {
    if (!idleMinutes || idleMinutes <= 0) return;
    const limit = idleMinutes * 60_000 + GRACE_MS;
    const timer = window.setInterval(() => {
      if (Date.now() - lastApiCallAt() > limit) void client.invalidateQueries({ queryKey: sessionKey });
    }, CHECK_EVERY_MS);
    return () => window.clearInterval(timer);
  }, [client, idleMinutes]);
}
