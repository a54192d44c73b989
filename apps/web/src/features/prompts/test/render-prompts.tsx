import type { BuiltInRole } from '@agent-fleet/contracts';
import { QueryClient } from '@tanstack/react-query';
import { fireEvent, render } from '@testing-library/react';
import userEvent, { type UserEvent } from '@testing-library/user-event';
import { createMemoryRouter, Outlet, RouterProvider, useParams } from 'react-router';
import { AppProviders } from '../../../app/AppProviders';
import { RequireAuth } from '../../auth/components/RequireAuth';
import { mockApi } from '../../../test/mock-api';
import type { MockHandler } from '../../../test/mock-fetch';
import { promptRoutes } from '../routes';

// Nor does it scroll.
Element.prototype.scrollIntoView ??= function scrollIntoView() {
  return undefined;
};

function AgentStub() {
  const { id } = useParams();
  return <h1>Agent {id}</h1>;
}

/**
 * Renders the prompt pages at `path` the way the app will nest them: signed in (through the fake
 * session of `mockApi`), inside the providers, with a stub agent page for links to land on.
 */
export function renderPrompts(path: string) {
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
        children: [...promptRoutes, { path: 'agents/:id', element: <AgentStub /> }],
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

/** The fake server for prompt tests: a signed-in user of `role` (default owner); `handler` answers the rest. */
export const servePrompts = (handler: MockHandler, role: BuiltInRole = 'owner') => mockApi(handler, { role });

/** Replaces the whole text of the code editor `editable` (its textarea) in one change, as pasting over it would. */
export function setEditorText(editable: HTMLElement, text: string) {
  if (!(editable instanceof HTMLTextAreaElement)) throw new Error('Not a code editor');
  fireEvent.change(editable, { target: { value: text } });
}

/**
 * Puts `text` into a field the way pasting does: one change instead of one per key, which keeps
 * tests of the large editor form fast. Use `user.type` where keystrokes themselves matter.
 */
export async function fill(user: UserEvent, field: HTMLElement, text: string) {
  await user.click(field);
  await user.paste(text);
}
