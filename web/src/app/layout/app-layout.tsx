import {
  ApartmentOutlined,
  // resolution mechanisms
  AuditOutlined,
  BankOutlined,
  BarChartOutlined,
  CalendarOutlined,
  CameraOutlined,
  ClusterOutlined,
  DownOutlined,
  EnvironmentOutlined,
  FieldTimeOutlined,
  FileAddOutlined,
  FileWordOutlined,
  FireOutlined,
  GlobalOutlined,
  HomeOutlined,
  KeyOutlined,
  LinkOutlined,
  LockOutlined,
  LogoutOutlined,
  MailOutlined,
  MenuOutlined,
  ProfileOutlined,
  SearchOutlined,
  SettingOutlined,
  SolutionOutlined,
  TableOutlined,
  TagsOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import {
  Avatar,
  Button,
  Drawer,
  Dropdown,
  Grid,
  Layout,
  Menu,
  type MenuProps,
  Segmented,
  Space,
  Tag,
  Typography,
  theme,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { ChangePasswordModal } from '../../features/auth/components/change-password-modal';
import { useLogout, useMe } from '../../features/auth/hooks/use-session';
import { NoticeBell } from '../../features/notifications/components/notice-bell';
import { useLabels } from '../../lib/labels';
import type { Language } from '../i18n';
import { useIdleSessionCheck } from './use-idle-session-check';

const { Header, Sider, Content } = Layout;

/** Admin menu entries and the permission each needs. */
const ADMIN_ENTRIES = [
  { path: '/admin/org-units', label: 'nav.orgUnits', icon: <ApartmentOutlined />, permission: 'org.read' },
  { path: '/admin/users', label: 'nav.users', icon: <TeamOutlined />, permission: 'user.read' },
  { path: '/admin/api-tokens', label: 'nav.apiTokens', icon: <KeyOutlined />, permission: 'token.manage' },
  {
    path: '/admin/categories',
    label: 'nav.categories',
    icon: <TagsOutlined />,
    permission: 'taxonomy.manage',
  },
  {
    path: '/admin/calendar',
    label: 'nav.calendar',
    icon: <CalendarOutlined />,
    permission: 'calendar.manage',
  },
  {
    path: '/admin/deadline-rules',
    label: 'nav.deadlineRules',
    icon: <FieldTimeOutlined />,
    permission: 'calendar.manage',
  },
  {
    path: '/admin/open311-clients',
    label: 'notify.nav.open311',
    icon: <LinkOutlined />,
    permission: 'token.manage',
  },
  { path: '/admin/outbox', label: 'notify.nav.outbox', icon: <MailOutlined />, permission: 'outbox.manage' },
  // --- resolution mechanisms ---
  {
    path: '/admin/mechanism-roster',
    label: 'mechanisms.nav.roster',
    icon: <SolutionOutlined />,
    permission: 'org.manage',
  },
  // documents
  {
    path: '/admin/document-templates',
    label: 'documents.nav.templates',
    icon: <FileWordOutlined />,
    permission: 'document.manage',
  },
] as const;

/** Case-work menu entries (信访事项) and the permission each needs. */
const CASE_ENTRIES = [
  { path: '/cases', label: 'nav.caseQueue', icon: <ProfileOutlined />, permission: 'case.read' },
  { path: '/cases/new', label: 'nav.caseIntake', icon: <FileAddOutlined />, permission: 'case.intake' },
  { path: '/ledger', label: 'nav.ledger', icon: <TableOutlined />, permission: 'case.read' },
  { path: '/evaluation', label: 'nav.evaluation', icon: <BarChartOutlined />, permission: 'dashboard.read' },
  { path: '/reception', label: 'nav.reception', icon: <CalendarOutlined />, permission: 'reception.manage' },
  // --- hot issues ---
  { path: '/hot-issues', label: 'hotIssues.nav', icon: <FireOutlined />, permission: 'dashboard.read' },
  // --- end hot issues ---
  // ---- community ----
  {
    path: '/community/map',
    label: 'community.nav.map',
    icon: <EnvironmentOutlined />,
    permission: 'case.read',
  },
  {
    path: '/community/grids',
    label: 'community.nav.grids',
    icon: <ClusterOutlined />,
    permission: 'org.read',
  },
  {
    path: '/community/visits',
    label: 'community.nav.visits',
    icon: <SolutionOutlined />,
    permission: 'visit.read',
  },
  // ── Search and repeat detection ──
  { path: '/search', label: 'search.nav', icon: <SearchOutlined />, permission: 'case.read' },
] as const;

export function useAdminEntries() {
  const me = useMe();
  return ADMIN_ENTRIES.filter((e) => me.permissions.includes(e.permission));
}

export function AppLayout() {
  const { t, i18n } = useTranslation();
  const labels = useLabels();
  const me = useMe();
  const navigate = useNavigate();
  const location = useLocation();
  const logout = useLogout();
  const adminEntries = useAdminEntries();
  const [collapsed, setCollapsed] = useState(false);
  const [drawerOpen, setDrawerOpen] = useState(false);
  // Below 768 px (a phone) the side menu becomes a drawer opened from the header.
  const isPhone = Grid.useBreakpoint().md === false;
  const [passwordOpen, setPasswordOpen] = useState(false);
  const [passwordKey, setPasswordKey] = useState(0);
  const { token } = theme.useToken();
  useIdleSessionCheck(me.sessionIdleMinutes);

  const caseEntries = CASE_ENTRIES.filter((e) => me.permissions.includes(e.permission));
  // 网格上报 is the grid worker's own entry; staff at a desk use the full intake form.
  const reportEntry =
    me.permissions.includes('case.intake') && me.roles.some((r) => r.role === 'grid_worker')
      ? [{ key: '/report', icon: <CameraOutlined />, label: t('dashboard.report.shortcut') }]
      : [];
  // --- resolution mechanisms: mediators and experts work through the records they sit on ---
  const memberEntry = me.roles.some((r) => r.role === 'mediator' || r.role === 'expert')
    ? [{ key: '/mechanisms/mine', icon: <AuditOutlined />, label: t('mechanisms.nav.mine') }]
    : [];
  const menuItems: MenuProps['items'] = [
    { key: '/', icon: <HomeOutlined />, label: t('nav.home') },
    ...reportEntry,
    ...caseEntries.map((e) => ({ key: e.path, icon: e.icon, label: t(e.label) })),
    ...memberEntry,
    ...(adminEntries.length
      ? [
          {
            key: 'admin',
            icon: <SettingOutlined />,
            label: t('nav.admin'),
            children: adminEntries.map((e) => ({ key: e.path, icon: e.icon, label: t(e.label) })),
          },
        ]
      : []),
  ];
  // The longest matching entry wins: /cases/new is 登记, /cases/<id> belongs to the queue.
  const selected =
    [...adminEntries, ...caseEntries]
      .filter((e) => location.pathname === e.path || location.pathname.startsWith(`${e.path}/`))
      .sort((a, b) => b.path.length - a.path.length)[0]?.path ?? location.pathname;

  const setLanguage = (lang: Language) => void i18n.changeLanguage(lang);
  const isEn = i18n.language.startsWith('en');

  const userMenu: MenuProps = {
    items: [
      { key: 'password', icon: <LockOutlined />, label: t('header.changePassword') },
      {
        key: 'language',
        icon: <GlobalOutlined />,
        label: t('header.language'),
        children: [
          { key: 'lang:zh-CN', label: '中文' },
          { key: 'lang:en', label: 'English' },
        ],
      },
      { type: 'divider' },
      { key: 'logout', icon: <LogoutOutlined />, label: t('header.logout'), danger: true },
    ],
    selectable: true,
    selectedKeys: [isEn ? 'lang:en' : 'lang:zh-CN'],
    onClick: ({ key }) => {
      if (key === 'password') {
        setPasswordKey((k) => k + 1); // a fresh form: typed passwords do not survive a cancel
        setPasswordOpen(true);
      } else if (key === 'logout')
        logout.mutate(undefined, { onSettled: () => navigate('/login', { replace: true }) });
      else if (key.startsWith('lang:')) setLanguage(key.slice(5) as Language);
    },
  };

  const brand = (folded: boolean) => (
    <div
      style={{
        height: 64,
        display: 'flex',
        alignItems: 'center',
        gap: 10,
        padding: folded ? '0 22px' : '0 20px',
        color: '#fff',
        borderBottom: '1px solid rgba(255,255,255,0.08)',
        overflow: 'hidden',
        whiteSpace: 'nowrap',
      }}
    >
      <span
        style={{
          display: 'inline-grid',
          placeItems: 'center',
          flex: 'none',
          width: 32,
          height: 32,
          borderRadius: 6,
          background: '#c8161d',
          fontWeight: 700,
          fontSize: 16,
        }}
      >
        办
      </span>
      {!folded && (
        <div style={{ lineHeight: 1.25 }}>
          <div style={{ fontSize: 17, fontWeight: 600, letterSpacing: isEn ? 0 : 2 }}>{t('app.name')}</div>
          <div style={{ fontSize: 11, opacity: 0.7 }}>{t('app.tagline')}</div>
        </div>
      )}
    </div>
  );

  const menu = (
    <Menu
      theme="dark"
      mode="inline"
      items={menuItems}
      selectedKeys={[selected]}
      defaultOpenKeys={['admin']}
      onClick={({ key }) => {
        setDrawerOpen(false);
        void navigate(key);
      }}
    />
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {isPhone ? (
        <Drawer
          placement="left"
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          size={240}
          closable={false}
          styles={{ body: { padding: 0, background: '#001529' } }}
        >
          {brand(false)}
          {menu}
        </Drawer>
      ) : (
        <Sider
          collapsible
          collapsed={collapsed}
          onCollapse={setCollapsed}
          width={220}
          breakpoint="lg"
          style={{ position: 'sticky', top: 0, height: '100vh', overflow: 'auto' }}
        >
          {brand(collapsed)}
          {menu}
        </Sider>
      )}
      <Layout>
        <Header
          style={{
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'space-between',
            borderBottom: `1px solid ${token.colorBorderSecondary}`,
            paddingInline: isPhone ? 8 : undefined,
          }}
        >
          <Space size={8} align="center" style={{ minWidth: 0 }}>
            {isPhone ? (
              <Button
                type="text"
                icon={<MenuOutlined />}
                onClick={() => setDrawerOpen(true)}
                aria-label={t('dashboard.layout.openMenu')}
                data-testid="menu-toggle"
              />
            ) : (
              <BankOutlined style={{ color: token.colorPrimary, fontSize: 18 }} />
            )}
            <Typography.Text
              strong
              ellipsis
              style={{ fontSize: 16, maxWidth: isPhone ? 200 : undefined, verticalAlign: 'middle' }}
              data-testid="header-unit"
            >
              {me.unit.name}
            </Typography.Text>
            {!isPhone && <Tag variant="filled">{labels.unitKind(me.unit.kind)}</Tag>}
          </Space>
          <Space size={isPhone ? 4 : 16}>
            {me.permissions.includes('case.read') && <NoticeBell />}
            {!isPhone && (
              <Segmented<Language>
                size="small"
                value={isEn ? 'en' : 'zh-CN'}
                onChange={setLanguage}
                options={[
                  { value: 'zh-CN', label: '中文' },
                  { value: 'en', label: 'EN' },
                ]}
              />
            )}
            <Dropdown menu={userMenu} trigger={['click']}>
              <Button type="text" data-testid="user-menu" style={{ height: 40 }}>
                <Space size={8}>
                  <Avatar size="small" style={{ background: token.colorPrimary }} icon={<UserOutlined />} />
                  {!isPhone && <span>{me.displayName}</span>}
                  <DownOutlined style={{ fontSize: 10, color: token.colorTextSecondary }} />
                </Space>
              </Button>
            </Dropdown>
          </Space>
        </Header>
        <Content style={{ margin: isPhone ? 8 : 24, minWidth: 0 }}>
          <Outlet />
        </Content>
      </Layout>
      <ChangePasswordModal key={passwordKey} open={passwordOpen} onClose={() => setPasswordOpen(false)} />
    </Layout>
  );
}
