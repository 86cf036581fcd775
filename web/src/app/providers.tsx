import { QueryClientProvider, useQueryClient } from '@tanstack/react-query';
import { App as AntdApp, ConfigProvider, theme } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { type ReactNode, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { Session } from '../features/auth/api/auth.api';
import { sessionKey, setSignedOut } from '../features/auth/hooks/use-session';
import { onAuthProblem } from '../lib/api';
import { FeedbackBridge } from './feedback';
import { queryClient } from './query-client';

/**
 * Any API call answered with "not signed in" or "change your password first" updates the session;
 * <RequireAuth> then redirects (keeping the intended URL).
 */
function AuthProblemHandler(): null {
  const client = useQueryClient();
  useEffect(
    () =>
      onAuthProblem((code) => {
        if (code === 'PASSWORD_CHANGE_REQUIRED') {
          client.setQueryData<Session>(sessionKey, (s) =>
            s?.me ? { me: { ...s.me, mustChangePassword: true } } : s,
          );
        } else {
          setSignedOut(client, code);
        }
      }),
    [client],
  );
  return null;
}

export function Providers({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  const isEn = i18n.language.startsWith('en');
  return (
    <ConfigProvider
      locale={isEn ? enUS : zhCN}
      theme={{
        algorithm: theme.defaultAlgorithm,
        token: {
          colorPrimary: '#1a56b0',
          borderRadius: 4,
          // antd's defaults (45 % and 25 % black) fall below the 4.5:1 contrast WCAG asks for body text;
          // secondary text, hints and placeholders are read by clerks all day.
          colorTextSecondary: 'rgba(0, 0, 0, 0.62)',
          colorTextDescription: 'rgba(0, 0, 0, 0.62)',
          colorTextPlaceholder: 'rgba(0, 0, 0, 0.56)',
          fontFamily:
            "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC', sans-serif",
        },
        components: {
          Layout: { siderBg: '#0f2c5c', headerBg: '#ffffff', headerPadding: '0 24px' },
          Menu: { darkItemBg: '#0f2c5c', darkSubMenuItemBg: '#0b2248', darkItemSelectedBg: '#1a56b0' },
        },
      }}
    >
      <AntdApp>
        <FeedbackBridge />
        <QueryClientProvider client={queryClient}>
          <AuthProblemHandler />
          {children}
        </QueryClientProvider>
      </AntdApp>
    </ConfigProvider>
  );
}
