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

/**
 * Text colours of tags, at least 4.5:1 on the tag's own light background. antd writes a preset tag
 * (`color="green"`) in shade 7 of its palette and a status tag (`color="success"`) in the status
 * colour itself; for the light hues those are too pale, so they take shade 8 or 9 of the same palette.
 */
const TAG_TEXT = {
  volcano7: '#ad2102',
  orange7: '#ad4e00',
  gold7: '#874d00',
  yellow7: '#876800',
  lime7: '#3f6600',
  green7: '#237804',
  cyan7: '#006d75',
  colorSuccess: '#237804',
  colorWarning: '#874d00',
  colorInfo: '#0958d9',
};

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
          // WCAG AA asks 4.5:1 for normal text. antd's defaults miss it for tertiary text (45 % black:
          // descriptions labels, statistic titles, hints), placeholders (25 %), links (#1677ff) and
          // errors (#ff4d4f); clerks read these all day. Secondary text (65 %) passes.
          colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
          colorTextPlaceholder: 'rgba(0, 0, 0, 0.56)',
          colorLink: '#1a56b0',
          colorError: '#cf1322',
          fontFamily:
            "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC', sans-serif",
        },
        components: {
          Layout: { siderBg: '#0f2c5c', headerBg: '#ffffff', headerPadding: '0 24px' },
          Menu: { darkItemBg: '#0f2c5c', darkSubMenuItemBg: '#0b2248', darkItemSelectedBg: '#1a56b0' },
          // Tags keep their light backgrounds; only their text takes a darker shade of the same hue.
          Tag: TAG_TEXT,
          // An empty table says so in disabled grey by default; it is information, not a disabled control.
          Table: { colorTextDisabled: 'rgba(0, 0, 0, 0.56)' },
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
