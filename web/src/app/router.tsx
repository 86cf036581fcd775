import { Skeleton } from 'antd';
import { type ComponentType, lazy, type ReactNode, Suspense } from 'react';
import { createBrowserRouter } from 'react-router';
import type { Permission } from '../features/auth/api/auth.api';
import { NotFoundPage } from './pages/not-found-page';
import { RouteErrorPage } from './pages/route-error-page';
import {
  CHANGE_PASSWORD_PATH,
  FullPageSpin,
  LOGIN_PATH,
  RequireAuth,
  RequirePermission,
} from './require-auth';

/**
 * Every page is its own chunk (React.lazy), so the sign-in page loads without the workbench, and
 * every route has its own error boundary: a crash shows a message in the page, the menu stays.
 */
function lazyPage<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K): ComponentType {
  return lazy(async () => {
    const Page: ComponentType = (await load())[name];
    return { default: Page };
  });
}

const LoginPage = lazyPage(() => import('../features/auth/pages/login-page'), 'LoginPage');
const ChangePasswordPage = lazyPage(
  () => import('../features/auth/pages/change-password-page'),
  'ChangePasswordPage',
);
const AppLayout = lazyPage(() => import('./layout/app-layout'), 'AppLayout');
const HomePage = lazyPage(() => import('../features/home/pages/home-page'), 'HomePage');
const OrgUnitsPage = lazyPage(() => import('../features/admin/pages/org-units-page'), 'OrgUnitsPage');
const UsersPage = lazyPage(() => import('../features/admin/pages/users-page'), 'UsersPage');
const ApiTokensPage = lazyPage(() => import('../features/admin/pages/api-tokens-page'), 'ApiTokensPage');
const CategoriesPage = lazyPage(() => import('../features/admin/pages/categories-page'), 'CategoriesPage');
const CalendarPage = lazyPage(() => import('../features/admin/pages/calendar-page'), 'CalendarPage');
const DeadlineRulesPage = lazyPage(
  () => import('../features/admin/pages/deadline-rules-page'),
  'DeadlineRulesPage',
);
const OutboxPage = lazyPage(() => import('../features/admin/pages/outbox-page'), 'OutboxPage');
const Open311ClientsPage = lazyPage(
  () => import('../features/admin/pages/open311-clients-page'),
  'Open311ClientsPage',
);
const CaseQueuePage = lazyPage(() => import('../features/cases/pages/case-queue-page'), 'CaseQueuePage');
const CaseIntakePage = lazyPage(() => import('../features/cases/pages/case-intake-page'), 'CaseIntakePage');
const CaseDetailPage = lazyPage(() => import('../features/cases/pages/case-detail-page'), 'CaseDetailPage');
const LedgerPage = lazyPage(() => import('../features/ledger/pages/ledger-page'), 'LedgerPage');
const HotIssuesPage = lazyPage(() => import('../features/hot-issues/pages/hot-issues-page'), 'HotIssuesPage');
const EvaluationPage = lazyPage(
  () => import('../features/evaluation/pages/evaluation-page'),
  'EvaluationPage',
);
const ReceptionPage = lazyPage(() => import('../features/reception/pages/reception-page'), 'ReceptionPage');
// ── Search and repeat detection ──
const SearchPage = lazyPage(() => import('../features/search/pages/search-page'), 'SearchPage');
const ReportPage = lazyPage(() => import('../features/report/pages/report-page'), 'ReportPage');
// --- resolution mechanisms ---
const MyRecordsPage = lazyPage(() => import('../features/mechanisms/pages/my-records-page'), 'MyRecordsPage');
const MemberViewPage = lazyPage(
  () => import('../features/mechanisms/pages/member-view-page'),
  'MemberViewPage',
);
const RosterPage = lazyPage(() => import('../features/mechanisms/pages/roster-page'), 'RosterPage');
// documents
const DocumentTemplatesPage = lazyPage(
  () => import('../features/documents/pages/document-templates-page'),
  'DocumentTemplatesPage',
);
// ---- community ----
const OperationsMapPage = lazyPage(
  () => import('../features/community/pages/operations-map-page'),
  'OperationsMapPage',
);
const GridsPage = lazyPage(() => import('../features/community/pages/grids-page'), 'GridsPage');
const VisitsPage = lazyPage(() => import('../features/community/pages/visits-page'), 'VisitsPage');
// The citizen portal is public: outside RequireAuth, with no staff layout.
const PortalPage = lazyPage(() => import('../features/portal/pages/portal-page'), 'PortalPage');

function PageFallback() {
  return <Skeleton active paragraph={{ rows: 6 }} style={{ padding: 24 }} />;
}

/** A page inside the layout: its chunk loads with a skeleton, its errors stay in the page. */
function page(Page: ComponentType, permission?: Permission): ReactNode {
  const element = (
    <Suspense fallback={<PageFallback />}>
      <Page />
    </Suspense>
  );
  return permission ? <RequirePermission permission={permission}>{element}</RequirePermission> : element;
}

const errorElement = <RouteErrorPage />;

export const router = createBrowserRouter([
  {
    path: LOGIN_PATH,
    element: (
      <Suspense fallback={<FullPageSpin />}>
        <LoginPage />
      </Suspense>
    ),
    errorElement,
  },
  {
    path: '/portal',
    element: (
      <Suspense fallback={<FullPageSpin />}>
        <PortalPage />
      </Suspense>
    ),
    errorElement,
  },
  {
    element: <RequireAuth />,
    errorElement,
    children: [
      {
        path: CHANGE_PASSWORD_PATH,
        element: (
          <Suspense fallback={<FullPageSpin />}>
            <ChangePasswordPage />
          </Suspense>
        ),
        errorElement,
      },
      {
        element: (
          <Suspense fallback={<FullPageSpin />}>
            <AppLayout />
          </Suspense>
        ),
        errorElement,
        children: [
          { index: true, element: page(HomePage), errorElement },
          { path: 'cases', element: page(CaseQueuePage, 'case.read'), errorElement },
          { path: 'cases/new', element: page(CaseIntakePage, 'case.intake'), errorElement },
          { path: 'cases/:id', element: page(CaseDetailPage, 'case.read'), errorElement },
          { path: 'ledger', element: page(LedgerPage, 'case.read'), errorElement },
          { path: 'evaluation', element: page(EvaluationPage, 'dashboard.read'), errorElement },
          // --- hot issues ---
          { path: 'hot-issues', element: page(HotIssuesPage, 'dashboard.read'), errorElement },
          // --- end hot issues ---
          { path: 'report', element: page(ReportPage, 'case.intake'), errorElement },
          { path: 'reception', element: page(ReceptionPage, 'reception.manage'), errorElement },
          // ── Search and repeat detection ──
          { path: 'search', element: page(SearchPage, 'case.read'), errorElement },
          { path: 'admin/org-units', element: page(OrgUnitsPage, 'org.read'), errorElement },
          { path: 'admin/users', element: page(UsersPage, 'user.read'), errorElement },
          { path: 'admin/api-tokens', element: page(ApiTokensPage, 'token.manage'), errorElement },
          { path: 'admin/categories', element: page(CategoriesPage, 'taxonomy.manage'), errorElement },
          { path: 'admin/calendar', element: page(CalendarPage, 'calendar.manage'), errorElement },
          { path: 'admin/deadline-rules', element: page(DeadlineRulesPage, 'calendar.manage'), errorElement },
          { path: 'admin/outbox', element: page(OutboxPage, 'outbox.manage'), errorElement },
          { path: 'admin/open311-clients', element: page(Open311ClientsPage, 'token.manage'), errorElement },
          // --- resolution mechanisms ---
          { path: 'mechanisms/mine', element: page(MyRecordsPage), errorElement },
          { path: 'mechanisms/:caseId/:mechanismId', element: page(MemberViewPage), errorElement },
          { path: 'admin/mechanism-roster', element: page(RosterPage, 'org.manage'), errorElement },
          // documents
          {
            path: 'admin/document-templates',
            element: page(DocumentTemplatesPage, 'document.manage'),
            errorElement,
          },
          // ---- community ----
          { path: 'community/map', element: page(OperationsMapPage, 'case.read'), errorElement },
          { path: 'community/grids', element: page(GridsPage, 'org.read'), errorElement },
          { path: 'community/visits', element: page(VisitsPage, 'visit.read'), errorElement },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
