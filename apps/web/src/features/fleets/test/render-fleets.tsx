import type { BuiltInRole } from '@agent-fleet/contracts';
import { QueryClient } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, Outlet, RouterProvider } from 'react-router';
import { AppProviders } from '../../../app/AppProviders';
import { RequireAuth } from '../../auth/components/RequireAuth';
import { mockApi } from '../../../test/mock-api';
import type { MockHandler } from '../../../test/mock-fetch';
import { fleetRoutes } from '../routes';

/** Renders the fleet pages at `path` as the app nests them: signed in, inside the providers. */
export function renderFleets(path: string) {
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false, staleTime: Number.POSITIVE_INFINITY }, mutations: { retry: false } },
  });
  const router = createMemoryRouter(
    [
      {
        path: '/',
        element: (
          <RequireAuth>
            <Outlet />
          </RequireAuth>
        ),
        children: fleetRoutes,
      },
    ],
    { initialEntries: [path] },
  );
  const user = userEvent.setup();
  const view = render(
    <AppProviders queryClient={queryClient}>
      <RouterProvider router={router} />
    </AppProviders>,
  );
  return { ...view, user, router, queryClient };
}

/** The fake server for fleet tests: a signed-in user of `role` (default owner); `handler` answers the rest. */
export const serveFleets = (handler: MockHandler, role: BuiltInRole = 'owner') => mockApi(handler, { role });
