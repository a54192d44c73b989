import type { RouteObject } from 'react-router';
import { crumb, type RouteHandle } from '../../app/route-handle';
import { RequirePermission } from '../auth/components/RequirePermission';
import { PromptDetailLayout } from './components/detail/PromptDetailLayout';
import { PromptEditorTab } from './components/detail/PromptEditorTab';
import { PromptCreatePage } from './components/editor/PromptCreatePage';
import { PromptHistoryTab } from './components/history/PromptHistoryTab';
import { PromptLabelsTab } from './components/labels/PromptLabelsTab';
import { PromptLibraryPage } from './components/library/PromptLibraryPage';
import { PromptPlaygroundTab } from './components/playground/PromptPlaygroundTab';
import { PromptUsageTab } from './components/usage/PromptUsageTab';

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
        element: (
          <RequirePermission permission="prompts:read" what="the prompt library">
            <PromptLibraryPage />
          </RequirePermission>
        ),
      },
      {
        path: 'new',
        handle: crumb('New prompt'),
        element: (
          <RequirePermission permission="prompts:create" what="the prompt editor">
            <PromptCreatePage />
          </RequirePermission>
        ),
      },
      {
        path: ':name',
        handle: promptCrumb,
        element: (
          <RequirePermission permission="prompts:read" what="this prompt">
            <PromptDetailLayout />
          </RequirePermission>
        ),
        children: [
          { index: true, element: <PromptEditorTab /> },
          { path: 'playground', handle: crumb('Playground'), element: <PromptPlaygroundTab /> },
          { path: 'history', handle: crumb('History'), element: <PromptHistoryTab /> },
          { path: 'labels', handle: crumb('Labels'), element: <PromptLabelsTab /> },
          { path: 'usage', handle: crumb('Usage'), element: <PromptUsageTab /> },
        ],
      },
    ],
  },
];
