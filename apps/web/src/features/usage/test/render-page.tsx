import { QueryClient } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, matchRoutes, RouterProvider, type RouteObject } from 'react-router';
import { AppLayout } from '../../../app/AppLayout';
import { AppProviders } from '../../../app/AppProviders';
import { routes } from '../../../app/routes';
import { renderApp } from '../../../test/render-app';
import { RequireAuth } from '../../auth/components/RequireAuth';
import { RequirePermission } from '../../auth/components/RequirePermission';
import { ProvidersPage } from '../../providers/components/ProvidersPage';
import { SettingsLayout } from '../../settings/components/SettingsLayout';
import { UsagePage } from '../components/UsagePage';

/** The two pages in the app's shell and guards, as app/routes.tsx is to register them. */
const pageRoutes: RouteObject[] = [
  {
    path: '/',
    element: (
      <RequireAuth>
        <AppLayout />
      </RequireAuth>
    ),
    children: [
      {
        path: 'settings',
        element: <SettingsLayout />,
        children: [
          {
            path: 'providers',
            element: (
              <RequirePermission permission="settings:read" what="the providers">
                <ProvidersPage />
              </RequirePermission>
            ),
          },
        ],
      },
      {
        path: 'usage',
        element: (
          <RequirePermission permission="settings:read" what="usage">
            <UsagePage />
          </RequirePermission>
        ),
      },
    ],
  },
];

/** True once the app's router sends `path` somewhere other than its catch-all "not found" page. */
const appRoutes = (path: string): boolean => matchRoutes(routes, path)?.at(-1)?.route.path !== '*';

/**
 * Renders the providers or usage page at `path` as a user lands on it: through the app's own router
 * once it registers the page, else through the same shell, guards and providers here.
 */
export function renderPage(path: string) {
  if (appRoutes(path)) return renderApp(path);
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false, staleTime: Number.POSITIVE_INFINITY }, mutations: { retry: false } },
  });
  const router = createMemoryRouter(pageRoutes, { initialEntries: [path] });
  const user = userEvent.setup();
  const view = render(
    <AppProviders queryClient={queryClient}>
      <RouterProvider router={router} />
    </AppProviders>,
  );
  return { ...view, user, router, queryClient };
}
