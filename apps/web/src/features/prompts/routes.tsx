import type { RouteObject } from 'react-router';
import { crumb, type RouteHandle } from '../../app/route-handle';
import { lazyPage } from '../../app/lazy-page';

/** The name is the template's identity, so the crumb needs no request. */
const promptCrumb: RouteHandle = { crumb: (params) => <span className="font-mono">{params['name'] ?? 'Prompt'}</span> };

/**
 * The prompt registry's pages, relative, to nest under the app layout beside `agents`:
 * `prompts` (library), `prompts/new`, and `prompts/:name` with the tabs Editor (index), `playground`,
 * `history`, `labels` and `usage`.
 */
export const promptRoutes: RouteObject[] = [
  {
    path: 'prompts',
    handle: crumb('Prompts'),
    children: [
      {
        index: true,
        ...lazyPage(() => import('./components/library/PromptLibraryPage').then((m) => m.PromptLibraryPage), {
          permission: 'prompts:read',
          what: 'the prompt library',
        }),
      },
      {
        path: 'new',
        handle: crumb('New prompt'),
        ...lazyPage(() => import('./components/editor/PromptCreatePage').then((m) => m.PromptCreatePage), {
          permission: 'prompts:create',
          what: 'the prompt editor',
        }),
      },
      {
        path: ':name',
        handle: promptCrumb,
        ...lazyPage(() => import('./components/detail/PromptDetailLayout').then((m) => m.PromptDetailLayout), {
          permission: 'prompts:read',
          what: 'this prompt',
        }),
        children: [
          { index: true, ...lazyPage(() => import('./components/detail/PromptEditorTab').then((m) => m.PromptEditorTab)) },
          {
            path: 'playground',
            handle: crumb('Playground'),
            ...lazyPage(() => import('./components/playground/PromptPlaygroundTab').then((m) => m.PromptPlaygroundTab)),
          },
          {
            path: 'history',
            handle: crumb('History'),
            ...lazyPage(() => import('./components/history/PromptHistoryTab').then((m) => m.PromptHistoryTab)),
          },
          {
            path: 'labels',
            handle: crumb('Labels'),
            ...lazyPage(() => import('./components/labels/PromptLabelsTab').then((m) => m.PromptLabelsTab)),
          },
          {
            path: 'usage',
            handle: crumb('Usage'),
            ...lazyPage(() => import('./components/usage/PromptUsageTab').then((m) => m.PromptUsageTab)),
          },
        ],
      },
    ],
  },
];
