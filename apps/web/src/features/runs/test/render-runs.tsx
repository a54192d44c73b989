import type { BuiltInRole } from '@agent-fleet/contracts';
import { QueryClient } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, Outlet, RouterProvider } from 'react-router';
import { AppProviders } from '../../../app/AppProviders';
import { RequireAuth } from '../../auth/components/RequireAuth';
import { pipelineRoutes } from '../../pipelines/routes';
import { mockApi } from '../../../test/mock-api';
import type { MockHandler } from '../../../test/mock-fetch';
import { runRoutes } from '../routes';

// jsdom has no layout: the pipeline page's code editor measures ranges and the graph observes its size.
Range.prototype.getClientRects ??= function getClientRects() {
  return Object.assign([], { item: () => null }) as unknown as DOMRectList;
};
Range.prototype.getBoundingClientRect ??= function getBoundingClientRect() {
  return new DOMRect();
};
globalThis.ResizeObserver ??= class {
  observe = () => undefined;
  unobserve = () => undefined;
  disconnect = () => undefined;
};

/** Renders the run pages (and the pipeline pages, for the Run button) at `path`, signed in. */
export function renderRuns(path: string) {
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
        children: [...runRoutes, ...pipelineRoutes],
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

/** The fake server for run tests: a signed-in user of `role` (default owner); `handler` answers the rest. */
export const serveRuns = (handler: MockHandler, role: BuiltInRole = 'owner') => mockApi(handler, { role });
