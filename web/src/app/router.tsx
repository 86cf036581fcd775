import { createBrowserRouter } from 'react-router';
import { ApiTokensPage } from '../features/admin/pages/api-tokens-page';
import { OrgUnitsPage } from '../features/admin/pages/org-units-page';
import { UsersPage } from '../features/admin/pages/users-page';
import { ChangePasswordPage } from '../features/auth/pages/change-password-page';
import { LoginPage } from '../features/auth/pages/login-page';
import { HomePage } from '../features/home/pages/home-page';
import { AppLayout } from './layout/app-layout';
import { NotFoundPage } from './pages/not-found-page';
import { RouteErrorPage } from './pages/route-error-page';
import { CHANGE_PASSWORD_PATH, LOGIN_PATH, RequireAuth, RequirePermission } from './require-auth';

export const router = createBrowserRouter([
  { path: LOGIN_PATH, element: <LoginPage />, errorElement: <RouteErrorPage /> },
  {
    element: <RequireAuth />,
    errorElement: <RouteErrorPage />,
    children: [
      { path: CHANGE_PASSWORD_PATH, element: <ChangePasswordPage /> },
      {
        element: <AppLayout />,
        children: [
          { index: true, element: <HomePage /> },
          {
            path: 'admin/org-units',
            element: (
              <RequirePermission permission="org.read">
                <OrgUnitsPage />
              </RequirePermission>
            ),
          },
          {
            path: 'admin/users',
            element: (
              <RequirePermission permission="user.read">
                <UsersPage />
              </RequirePermission>
            ),
          },
          {
            path: 'admin/api-tokens',
            element: (
              <RequirePermission permission="token.manage">
                <ApiTokensPage />
              </RequirePermission>
            ),
          },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
