import { lazy, Suspense } from 'react';
import type { RouteObject } from 'react-router';
import { lazyPage } from '../../app/lazy-page';
import { crumb, type RouteHandle } from '../../app/route-handle';

const pages = () => import('./pages');

// Loaded with the fleet page: the crumb reads the fleet the page already fetches.
const FleetCrumb = lazy(() => pages().then((module) => ({ default: module.FleetCrumb })));
const fleetCrumb: RouteHandle = {
  crumb: (params) => (
    <Suspense fallback="Fleet">
      <FleetCrumb id={params['id'] ?? ''} />
    </Suspense>
  ),
};

/** The fleet registry's pages, relative, to nest under the app layout: `fleets` (list), `fleets/:id` and a task's waterfall `fleets/:id/tasks/:taskId`. */
export const fleetRoutes: RouteObject[] = [
  {
    path: 'fleets',
    handle: crumb('Fleets'),
    children: [
      {
        index: true,
        ...lazyPage(() => pages().then((m) => m.FleetsListPage), { permission: 'fleets:read', what: 'the fleets' }),
      },
      {
        path: ':id',
        handle: fleetCrumb,
        ...lazyPage(() => pages().then((m) => m.FleetPage), { permission: 'fleets:read', what: 'this fleet' }),
      },
      {
        path: ':id/tasks/:taskId',
        handle: crumb('Task'),
        ...lazyPage(() => pages().then((m) => m.FleetTaskPage), { permission: 'fleets:read', what: 'this task' }),
      },
    ],
  },
];
