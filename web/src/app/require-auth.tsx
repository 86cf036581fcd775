import { Button, Result, Spin } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation } from 'react-router';
import type { Permission } from '../features/auth/api/auth.api';
import { useMe, useSession } from '../features/auth/hooks/use-session';
import { ForbiddenPage } from './pages/forbidden-page';

export const LOGIN_PATH = '/login';
export const CHANGE_PASSWORD_PATH = '/change-password';

/** Only same-site paths may be a post-sign-in target (no `//evil.example`). */
export function safeRedirect(target: string | null | undefined): string {
  if (!target?.startsWith('/') || target.startsWith('//') || target.startsWith(LOGIN_PATH)) return '/';
  return target;
}

export function FullPageSpin({ tip }: { tip?: string }) {
  return (
    <div style={{ minHeight: '100vh', display: 'grid', placeItems: 'center' }}>
      <Spin size="large" description={tip} />
    </div>
  );
}

/**
 * Gate for every signed-in page: no session → sign-in page (with the intended URL); a temporary
 * password → the change-password page before anything else.
 */
export function RequireAuth() {
  const { t } = useTranslation();
  const location = useLocation();
  const session = useSession();
  const here = `${location.pathname}${location.search}`;

  if (session.isPending) return <FullPageSpin tip={t('session.checking')} />;
  if (session.isError) {
    return (
      <Result
        status="warning"
        title={t('session.loadFailed')}
        subTitle={t('errors.network')}
        extra={
          <Button type="primary" onClick={() => void session.refetch()}>
            {t('common.retry')}
          </Button>
        }
      />
    );
  }
  const { data } = session;
  if (!data.me) {
    const params = new URLSearchParams();
    if (here !== '/') params.set('redirect', here);
    const qs = params.toString();
    return <Navigate to={`${LOGIN_PATH}${qs ? `?${qs}` : ''}`} replace state={{ reason: data.reason }} />;
  }
  if (data.me.mustChangePassword && location.pathname !== CHANGE_PASSWORD_PATH) {
    return <Navigate to={CHANGE_PASSWORD_PATH} replace state={{ from: here }} />;
  }
  return <Outlet />;
}

/** Hides a page the user's permissions do not cover (the server refuses the data anyway). */
export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const me = useMe();
  if (!me.permissions.includes(permission)) return <ForbiddenPage />;
  return <>{children}</>;
}
