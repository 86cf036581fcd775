import { Alert, App, Button, Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { safeRedirect } from '../../../app/require-auth';
import { ChangePasswordForm } from '../components/change-password-form';
import { useLogout, useMe } from '../hooks/use-session';

/** The forced password change after a first sign-in or an admin reset: nothing else until done. */
export function ChangePasswordPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const navigate = useNavigate();
  const location = useLocation();
  const logout = useLogout();
  const from = safeRedirect((location.state as { from?: string } | null)?.from);

  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'grid',
        placeItems: 'center',
        padding: 24,
        background: 'linear-gradient(160deg, #0f2c5c 0%, #1a56b0 55%, #3b7bd4 100%)',
      }}
    >
      <Card style={{ width: '100%', maxWidth: 440 }} title={t('auth.changePasswordTitle')}>
        <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
          {me.displayName}（{me.username}）· {me.unit.name}
        </Typography.Paragraph>
        {me.mustChangePassword && (
          <Alert type="warning" showIcon title={t('auth.forcedNotice')} style={{ marginBottom: 16 }} />
        )}
        <ChangePasswordForm
          onDone={() => {
            void message.success(t('auth.passwordChanged'));
            void navigate(from, { replace: true });
          }}
          extraActions={
            <Button
              onClick={() =>
                logout.mutate(undefined, { onSettled: () => navigate('/login', { replace: true }) })
              }
            >
              {t('auth.signOutInstead')}
            </Button>
          }
        />
      </Card>
    </div>
  );
}
