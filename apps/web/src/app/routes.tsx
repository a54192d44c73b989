import { Navigate, type RouteObject } from 'react-router';
import { AgentCreatePage } from '../features/agents/components/AgentCreatePage';
import { AgentDetailPage } from '../features/agents/components/AgentDetailPage';
import { AgentEditPage } from '../features/agents/components/AgentEditPage';
import { AgentsListPage } from '../features/agents/components/AgentsListPage';
import { ApiKeysPage } from '../features/api-keys/components/ApiKeysPage';
import { AuditLogPage } from '../features/audit/components/AuditLogPage';
import { AuthLayout } from '../features/auth/components/AuthLayout';
import { LoginPage } from '../features/auth/components/LoginPage';
import { RedirectIfSignedIn } from '../features/auth/components/RedirectIfSignedIn';
import { RequireAuth } from '../features/auth/components/RequireAuth';
import { RequirePermission } from '../features/auth/components/RequirePermission';
import { SetupPage } from '../features/auth/components/SetupPage';
import { SignupPage } from '../features/auth/components/SignupPage';
import { chatRoutes } from '../features/chat/routes';
import { MembersPage } from '../features/members/components/MembersPage';
import { promptRoutes } from '../features/prompts/routes';
import { ProvidersPage } from '../features/providers/components/ProvidersPage';
import { RolesPage } from '../features/roles/components/RolesPage';
import { PasswordPage } from '../features/settings/components/PasswordPage';
import { ProfilePage } from '../features/settings/components/ProfilePage';
import { SettingsLayout } from '../features/settings/components/SettingsLayout';
import { UsagePage } from '../features/usage/components/UsagePage';
import { AgentCrumb } from './AgentCrumb';
import { AppLayout } from './AppLayout';
import { NotFoundPage } from './NotFoundPage';
import { crumb, type RouteHandle } from './route-handle';
import { RouteErrorPage } from './RouteErrorPage';

const agentCrumb: RouteHandle = { crumb: (params) => <AgentCrumb id={params['id'] ?? ''} /> };

export const routes: RouteObject[] = [
  {
    // Signed-out pages: no shell, no navigation, just the card.
    element: <AuthLayout />,
    children: [
      {
        path: 'login',
        element: (
          <RedirectIfSignedIn>
            <LoginPage />
          </RedirectIfSignedIn>
        ),
      },
      {
        path: 'setup',
        element: (
          <RedirectIfSignedIn>
            <SetupPage />
          </RedirectIfSignedIn>
        ),
      },
      // Decides itself: a signed-in user may open an invitation to accept it.
      { path: 'signup', element: <SignupPage /> },
    ],
  },
  {
    path: '/',
    element: (
      <RequireAuth>
        <AppLayout />
      </RequireAuth>
    ),
    children: [
      {
        // Pathless, so a crashing page renders its error inside the shell.
        errorElement: <RouteErrorPage />,
        children: [
          { index: true, element: <Navigate to="/agents" replace /> },
          {
            path: 'agents',
            handle: crumb('Agents'),
            children: [
              {
                index: true,
                element: (
                  <RequirePermission permission="agents:read" what="the agents">
                    <AgentsListPage />
                  </RequirePermission>
                ),
              },
              {
                path: 'new',
                handle: crumb('New agent'),
                element: (
                  <RequirePermission permission="agents:create" what="the agent editor">
                    <AgentCreatePage />
                  </RequirePermission>
                ),
              },
              {
                path: ':id',
                handle: agentCrumb,
                children: [
                  {
                    index: true,
                    element: (
                      <RequirePermission permission="agents:read" what="the agents">
                        <AgentDetailPage />
                      </RequirePermission>
                    ),
                  },
                  {
                    path: 'edit',
                    handle: crumb('Edit'),
                    element: (
                      <RequirePermission permission="agents:update" what="the agent editor">
                        <AgentEditPage />
                      </RequirePermission>
                    ),
                  },
                  ...chatRoutes,
                ],
              },
            ],
          },
          ...promptRoutes,
          {
            path: 'usage',
            handle: crumb('Usage'),
            element: (
              <RequirePermission permission="settings:read" what="usage">
                <UsagePage />
              </RequirePermission>
            ),
          },
          {
            path: 'settings',
            handle: crumb('Settings'),
            element: <SettingsLayout />,
            children: [
              { index: true, element: <Navigate to="profile" replace /> },
              { path: 'profile', element: <ProfilePage />, handle: crumb('Profile') },
              { path: 'password', element: <PasswordPage />, handle: crumb('Password') },
              {
                path: 'api-keys',
                handle: crumb('API keys'),
                element: (
                  <RequirePermission permission="api-keys:read" what="API keys">
                    <ApiKeysPage />
                  </RequirePermission>
                ),
              },
              {
                path: 'members',
                handle: crumb('Members'),
                element: (
                  <RequirePermission permission="members:read" what="the member list">
                    <MembersPage />
                  </RequirePermission>
                ),
              },
              {
                path: 'roles',
                handle: crumb('Roles'),
                element: (
                  <RequirePermission permission="members:read" what="the roles">
                    <RolesPage />
                  </RequirePermission>
                ),
              },
              {
                path: 'providers',
                handle: crumb('Providers'),
                element: (
                  <RequirePermission permission="settings:read" what="the providers">
                    <ProvidersPage />
                  </RequirePermission>
                ),
              },
              {
                path: 'audit-log',
                handle: crumb('Audit log'),
                element: (
                  <RequirePermission permission="audit:read" what="the audit log">
                    <AuditLogPage />
                  </RequirePermission>
                ),
              },
            ],
          },
          // Short addresses for the workspace pages, e.g. /members.
          ...['members', 'roles', 'api-keys', 'providers', 'audit-log', 'profile', 'password'].map((section): RouteObject => ({
            path: section,
            element: <Navigate to={`/settings/${section}`} replace />,
          })),
          { path: '*', element: <NotFoundPage />, handle: crumb('Not found') },
        ],
      },
    ],
  },
];
