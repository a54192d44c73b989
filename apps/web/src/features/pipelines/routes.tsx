import type { RouteObject } from 'react-router';
import { lazyPage } from '../../app/lazy-page';
import { crumb, type RouteHandle } from '../../app/route-handle';

/** The name is the pipeline's identity, so the crumb needs no request. */
const pipelineCrumb: RouteHandle = { crumb: (params) => <span className="font-mono">{params['name'] ?? 'Pipeline'}</span> };

/**
 * The pipeline registry's pages, relative, to nest under the app layout: `pipelines` (list) and
 * `pipelines/:name` with the tabs Editor (index), `versions` and `labels`.
 */
export const pipelineRoutes: RouteObject[] = [
  {
    path: 'pipelines',
    handle: crumb('Pipelines'),
    children: [
      {
        index: true,
        ...lazyPage(() => import('./components/list/PipelinesListPage').then((m) => m.PipelinesListPage), {
          permission: 'pipelines:read',
          what: 'the pipelines',
        }),
      },
      {
        path: ':name',
        handle: pipelineCrumb,
        ...lazyPage(() => import('./components/detail/PipelineDetailLayout').then((m) => m.PipelineDetailLayout), {
          permission: 'pipelines:read',
          what: 'this pipeline',
        }),
        children: [
          { index: true, ...lazyPage(() => import('./components/editor/PipelineEditorTab').then((m) => m.PipelineEditorTab)) },
          {
            path: 'versions',
            handle: crumb('Versions'),
            ...lazyPage(() => import('./components/versions/PipelineVersionsTab').then((m) => m.PipelineVersionsTab)),
          },
          {
            path: 'labels',
            handle: crumb('Labels'),
            ...lazyPage(() => import('./components/labels/PipelineLabelsTab').then((m) => m.PipelineLabelsTab)),
          },
        ],
      },
    ],
  },
];
