import type { BuiltInRole } from '@agent-fleet/contracts';
import { QueryClient } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, Outlet, RouterProvider } from 'react-router';
import { AppProviders } from '../../../app/AppProviders';
import { RequireAuth } from '../../auth/components/RequireAuth';
import { mockApi } from '../../../test/mock-api';
import type { MockHandler } from '../../../test/mock-fetch';
import { pipelineRoutes } from '../routes';

// jsdom has no layout: the code editor measures ranges to place its completion list and the graph
// observes its size.
// Empty rectangles and a silent observer keep them quiet (positions are irrelevant to these tests).
Range.prototype.getClientRects ??= function getClientRects() {
  return Object.assign([], { item: () => null }) as unknown as DOMRectList;
};
Range.prototype.getBoundingClientRect ??= function getBoundingClientRect() {
  return new DOMRect();
};
Element.prototype.scrollIntoView ??= function scrollIntoView() {
  return undefined;
};
globalThis.ResizeObserver ??= class {
  observe = () => undefined;
  unobserve = () => undefined;
  disconnect = () => undefined;
};

/** Renders the pipeline pages at `path` as the app nests them: signed in, inside the providers. */
export function renderPipelines(path: string) {
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
        children: pipelineRoutes,
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

/** The fake server for pipeline tests: a signed-in user of `role` (default owner); `handler` answers the rest. */
export const servePipelines = (handler: MockHandler, role: BuiltInRole = 'owner') => mockApi(handler, { role });
