import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Segmented, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate, useSearchParams } from 'react-router';
import { LIMITS } from '../../../../../common/src/limits.js';
import type { Language } from '../../../app/i18n';
import { FullPageSpin, safeRedirect } from '../../../app/require-auth';
import { applyFieldErrors, describeError } from '../../../lib/api-errors';
import { useLabels } from '../../../lib/labels';
import type { SignedOutReason } from '../api/auth.api';
import { useLogin, useSession } from '../hooks/use-session';

interface Values {
  username: string;
  password: string;
}

export function LoginPage() {
  const { t, i18n } = useTranslation();
  const labels = useLabels();
  const [form] = Form.useForm<Values>();
  const navigate = useNavigate();
  const location = useLocation();
  const [params] = useSearchParams();
  const session = useSession();
  const login = useLogin();
  const [error, setError] = useState<string | null>(null);
  const redirect = safeRedirect(params.get('redirect'));

  const stateReason = (location.state as { reason?: SignedOutReason } | null)?.reason;
  const reason = stateReason ?? (session.data && !session.data.me ? session.data.reason : undefined);

  if (session.isPending) return <FullPageSpin />;
  // Already signed in (e.g. the back button): go on.
  if (session.data?.me && !login.isPending) return <Navigate to={redirect} replace />;

  const submit = (values: Values) => {
    setError(null);
    login.mutate(
      { username: values.username.trim(), password: values.password },
      {
        onSuccess: () => navigate(redirect, { replace: true }),
        onError: (err) => {
          form.setFieldValue('password', '');
          if (!applyFieldErrors(form, err)) setError(describeError(err));
        },
      },
    );
  };

  const notice =
    error === null && reason === 'SESSION_EXPIRED' ? (
      <Alert type="warning" showIcon title={labels.error('SESSION_EXPIRED')} data-testid="login-notice" />
    ) : error === null && reason === 'SIGNED_OUT' ? (
      <Alert type="success" showIcon title={t('auth.signedOut')} data-testid="login-notice" />
    ) : null;

  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        flexDirection: 'column',
        alignItems: 'center',
        justifyContent: 'center',
        padding: 24,
        background: 'linear-gradient(160deg, #0f2c5c 0%, #1a56b0 55%, #3b7bd4 100%)',
      }}
    >
      <div style={{ textAlign: 'center', color: '#fff', marginBottom: 28 }}>
        <div
          style={{
            display: 'inline-grid',
            placeItems: 'center',
            width: 56,
            height: 56,
            borderRadius: 12,
            background: '#c8161d',
            fontSize: 28,
            fontWeight: 700,
            marginBottom: 14,
            boxShadow: '0 6px 18px rgba(0,0,0,0.25)',
          }}
        >
          办
        </div>
        <Typography.Title level={2} style={{ color: '#fff', margin: 0, letterSpacing: 1 }}>
          {t('app.fullName')}
        </Typography.Title>
      </div>
      <Card
        style={{ width: '100%', maxWidth: 400, boxShadow: '0 12px 40px rgba(0,0,0,0.25)' }}
        title={t('auth.signInTitle')}
        extra={
          <Segmented<Language>
            size="small"
            value={i18n.language.startsWith('en') ? 'en' : 'zh-CN'}
            onChange={(lang) => void i18n.changeLanguage(lang)}
            options={[
              { value: 'zh-CN', label: '中文' },
              { value: 'en', label: 'EN' },
            ]}
          />
        }
      >
        <div style={{ display: 'grid', gap: 16 }}>
          {notice}
          {error && <Alert type="error" showIcon title={error} data-testid="login-error" />}
          <Form
            form={form}
            name="login"
            layout="vertical"
            onFinish={submit}
            requiredMark={false}
            size="large"
          >
            <Form.Item
              name="username"
              label={t('auth.username')}
              rules={[{ required: true, whitespace: true, message: t('auth.usernameRequired') }]}
            >
              <Input
                prefix={<UserOutlined />}
                autoComplete="username"
                autoFocus
                maxLength={LIMITS.usernameMax}
              />
            </Form.Item>
            <Form.Item
              name="password"
              label={t('auth.password')}
              rules={[{ required: true, message: t('auth.passwordRequired') }]}
            >
              <Input.Password
                prefix={<LockOutlined />}
                autoComplete="current-password"
                maxLength={LIMITS.passwordMax}
              />
            </Form.Item>
            <Form.Item style={{ marginBottom: 0 }}>
              <Button
                type="primary"
                htmlType="submit"
                block
                loading={login.isPending}
                data-testid="login-submit"
              >
                {t('auth.signIn')}
              </Button>
            </Form.Item>
          </Form>
        </div>
      </Card>
      <Typography.Text style={{ color: 'rgba(255,255,255,0.75)', marginTop: 24, fontSize: 12 }}>
        {t('auth.footer')}
      </Typography.Text>
    </div>
  );
}
