import { lazy, Suspense } from 'react';
import { Navigate, type RouteObject } from 'react-router';
import { AuthLayout } from '../features/auth/components/AuthLayout';
import { AuthSplash } from '../features/auth/components/AuthSplash';
import { LoginPage } from '../features/auth/components/LoginPage';
import { RedirectIfSignedIn } from '../features/auth/components/RedirectIfSignedIn';
import { RequireAuth } from '../features/auth/components/RequireAuth';
import { chatRoutes } from '../features/chat/routes';
import { fleetRoutes } from '../features/fleets/routes';
import { pipelineRoutes } from '../features/pipelines/routes';
import { promptRoutes } from '../features/prompts/routes';
import { runRoutes } from '../features/runs/routes';
import { NotFoundPage } from './NotFoundPage';
import { lazyPage } from './lazy-page';
import { crumb, type RouteHandle } from './route-handle';
import { RouteErrorPage } from './RouteErrorPage';

// The crumb reads the agent through the agents API: loaded with the agent's pages, not with sign-in.
const AgentCrumb = lazy(() => import('./AgentCrumb').then((module) => ({ default: module.AgentCrumb })));
const agentCrumb: RouteHandle = {
  crumb: (params) => (
    <Suspense fallback="Agent">
      <AgentCrumb id={params['id'] ?? ''} />
    </Suspense>
  ),
};

export const routes: RouteObject[] = [
  {
    // Signed-out pages: no shell, no navigation, just the card.
    element: <AuthLayout />,
    // Shown while the first page's chunk loads.
    hydrateFallbackElement: <AuthSplash />,
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
        lazy: async () => {
          const { SetupPage } = await import('../features/auth/components/SetupPage');
          return {
            element: (
              <RedirectIfSignedIn>
                <SetupPage />
              </RedirectIfSignedIn>
            ),
          };
        },
      },
      // Decides itself: a signed-in user may open an invitation to accept it.
      { path: 'signup', ...lazyPage(() => import('../features/auth/components/SignupPage').then((m) => m.SignupPage)) },
    ],
  },
  {
    path: '/',
    hydrateFallbackElement: <AuthSplash />,
    // The shell is a chunk of its own: signed-out visitors never download it.
    lazy: async () => {
      const { AppLayout } = await import('./AppLayout');
      return {
        element: (
          <RequireAuth>
            <AppLayout />
          </RequireAuth>
        ),
      };
    },
    children: [
      {
        // Pathless, so a crashing page renders its error inside the shell.
        errorElement: <RouteErrorPage />,
        children: [
          {
            index: true,
            handle: crumb('Overview'),
            ...lazyPage(() => import('../features/dashboard/components/DashboardPage').then((m) => m.DashboardPage), {
              permission: 'agents:read',
              what: 'the overview',
            }),
          },
          {
            path: 'agents',
            handle: crumb('Agents'),
            children: [
              {
                index: true,
                ...lazyPage(() => import('../features/agents/components/AgentsListPage').then((m) => m.AgentsListPage), {
                  permission: 'agents:read',
                  what: 'the agents',
                }),
              },
              {
                path: 'new',
                handle: crumb('New agent'),
                ...lazyPage(() => import('../features/agents/components/AgentCreatePage').then((m) => m.AgentCreatePage), {
                  permission: 'agents:create',
                  what: 'the agent editor',
                }),
              },
              {
                path: ':id',
                handle: agentCrumb,
                children: [
                  {
                    index: true,
                    ...lazyPage(() => import('../features/agents/components/AgentDetailPage').then((m) => m.AgentDetailPage), {
                      permission: 'agents:read',
                      what: 'the agents',
                    }),
                  },
                  {
                    path: 'edit',
                    handle: crumb('Edit'),
                    ...lazyPage(() => import('../features/agents/components/AgentEditPage').then((m) => m.AgentEditPage), {
                      permission: 'agents:update',
                      what: 'the agent editor',
                    }),
                  },
                  {
                    path: 'tasks/:taskId',
                    handle: crumb('Task'),
                    ...lazyPage(() => import('../features/agents/components/tasks/TaskTracePage').then((m) => m.TaskTracePage), {
                      permission: 'agents:read',
                      what: 'the task',
                    }),
                  },
                  ...chatRoutes,
                ],
              },
            ],
          },
          ...fleetRoutes,
          ...promptRoutes,
          ...pipelineRoutes,
          ...runRoutes,
          {
            path: 'usage',
            handle: crumb('Usage'),
            ...lazyPage(() => import('../features/usage/components/UsagePage').then((m) => m.UsagePage), {
              permission: 'settings:read',
              what: 'usage',
            }),
          },
          {
            path: 'settings',
            handle: crumb('Settings'),
            ...lazyPage(() => import('../features/settings/components/SettingsLayout').then((m) => m.SettingsLayout)),
            children: [
              { index: true, element: <Navigate to="profile" replace /> },
              {
                path: 'profile',
                ...lazyPage(() => import('../features/settings/components/ProfilePage').then((m) => m.ProfilePage)),
                handle: crumb('Profile'),
              },
              {
                path: 'password',
                ...lazyPage(() => import('../features/settings/components/PasswordPage').then((m) => m.PasswordPage)),
                handle: crumb('Password'),
              },
              {
                path: 'api-keys',
                handle: crumb('API keys'),
                ...lazyPage(() => import('../features/api-keys/components/ApiKeysPage').then((m) => m.ApiKeysPage), {
                  permission: 'api-keys:read',
                  what: 'API keys',
                }),
              },
              {
                path: 'members',
                handle: crumb('Members'),
                ...lazyPage(() => import('../features/members/components/MembersPage').then((m) => m.MembersPage), {
                  permission: 'members:read',
                  what: 'the member list',
                }),
              },
              {
                path: 'roles',
                handle: crumb('Roles'),
                ...lazyPage(() => import('../features/roles/components/RolesPage').then((m) => m.RolesPage), {
                  permission: 'members:read',
                  what: 'the roles',
                }),
              },
              {
                path: 'providers',
                handle: crumb('Providers'),
                ...lazyPage(() => import('../features/providers/components/ProvidersPage').then((m) => m.ProvidersPage), {
                  permission: 'settings:read',
                  what: 'the providers',
                }),
              },
              {
                path: 'audit-log',
                handle: crumb('Audit log'),
                ...lazyPage(() => import('../features/audit/components/AuditLogPage').then((m) => m.AuditLogPage), {
                  permission: 'audit:read',
                  what: 'the audit log',
                }),
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
