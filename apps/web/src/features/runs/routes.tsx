import type { RouteObject } from 'react-router';
import { lazyPage } from '../../app/lazy-page';
import { crumb, type RouteHandle } from '../../app/route-handle';

const runCrumb: RouteHandle = { crumb: (params) => <span className="font-mono">{(params['id'] ?? 'Run').slice(0, 8)}</span> };

/** The runs list, one run (`runs/:id`) and the approvals inbox, relative, to nest under the app layout. */
export const runRoutes: RouteObject[] = [
  {
    path: 'runs',
    handle: crumb('Runs'),
    children: [
      {
        index: true,
        ...lazyPage(() => import('./components/list/RunsListPage').then((m) => m.RunsListPage), {
          permission: 'runs:read',
          what: 'the runs',
        }),
      },
      {
        path: ':id',
        handle: runCrumb,
        ...lazyPage(() => import('./components/detail/RunDetailPage').then((m) => m.RunDetailPage), {
          permission: 'runs:read',
          what: 'this run',
        }),
      },
    ],
  },
  {
    path: 'approvals',
    handle: crumb('Approvals'),
    ...lazyPage(() => import('./components/approvals/ApprovalsPage').then((m) => m.ApprovalsPage), {
      permission: 'runs:read',
      what: 'the approvals',
    }),
  },
];
