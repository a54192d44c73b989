import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { json, type RecordedRequest } from '../../../../test/mock-fetch';
import { makePrompt, promptPage, textResult } from '../../test/prompt-fixtures';
import { renderPrompts, servePrompts } from '../../test/render-prompts';

afterEach(() => {
  vi.unstubAllGlobals();
});

const LIBRARY = [
  makePrompt({ id: '00000000-0000-4000-8000-000000000001', name: 'triage', category: 'support/triage', tags: ['email'] }),
  makePrompt({
    id: '00000000-0000-4000-8000-000000000002',
    name: 'billing',
    category: 'support',
    tags: [],
    latestVersion: 3,
    labels: { latest: 3, production: 2 },
  }),
  makePrompt({ id: '00000000-0000-4000-8000-000000000003', name: 'pitch', category: 'sales', tags: ['email', 'tone'] }),
];

/** The list request the table shows (the facets request asks for 100 at once without filters). */
const pageRequests = (requests: RecordedRequest[]) =>
  requests.filter((request) => request.url.pathname === '/api/v1/prompts' && request.url.searchParams.get('limit') !== '100');

describe('PromptLibraryPage', () => {
  it('invites creating the first prompt when the library is empty', async () => {
    servePrompts((request) => {
      if (request.url.pathname === '/api/v1/prompts/analyze') return json({ diagnostics: [] });
      if (request.url.pathname === '/api/v1/prompts/preview') return json(textResult(''));
      return json(promptPage([]));
    });
    const { user, router } = renderPrompts('/prompts');

    expect(await screen.findByText('No prompts yet')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Create your first prompt' }));
    expect(await screen.findByRole('heading', { name: 'New prompt' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/prompts/new');
  });

  it('does not offer creating to a role that may only read', async () => {
    servePrompts(() => json(promptPage([])), 'viewer');
    renderPrompts('/prompts');

    expect(await screen.findByText('No prompts yet')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Create your first prompt' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'New prompt' })).not.toBeInTheDocument();
  });

  it('lists templates with folder, tags, labels (production highlighted) and latest version', async () => {
    servePrompts(() => json(promptPage(LIBRARY)));
    renderPrompts('/prompts');

    const table = await screen.findByRole('table', { name: 'Prompts' });
    const billing = within(table).getByRole('row', { name: /billing/ });
    expect(within(billing).getByRole('link', { name: 'billing' })).toHaveAttribute('href', '/prompts/billing');
    expect(within(billing).getByText('v3', { selector: 'td' })).toBeInTheDocument();
    const production = within(billing).getByText('production');
    expect(production.closest('span')).toHaveClass('bg-emerald-50');
    expect(within(billing).getByText('latest').closest('span')).not.toHaveClass('bg-emerald-50');
    expect(screen.getByText('1–3 of 3')).toBeInTheDocument();
  });

  it('builds the folder tree from the categories present and filters by folder', async () => {
    const { requests } = servePrompts((request) => {
      const category = request.url.searchParams.get('category');
      return json(promptPage(category ? LIBRARY.filter((prompt) => prompt.category.startsWith(category)) : LIBRARY));
    });
    const { user, router } = renderPrompts('/prompts');

    const folders = await screen.findByRole('navigation', { name: 'Folders' });
    await within(folders).findByRole('button', { name: /triage/ });
    expect(within(folders).getByRole('button', { name: /support\s*2/ })).toBeInTheDocument();
    expect(within(folders).getByRole('button', { name: /sales\s*1/ })).toBeInTheDocument();

    await user.click(within(folders).getByRole('button', { name: /support/ }));
    expect(router.state.location.search).toBe('?category=support');
    await waitFor(() => expect(pageRequests(requests).at(-1)?.url.searchParams.get('category')).toBe('support'));
    expect(await screen.findByRole('navigation', { name: 'Folder path' })).toHaveTextContent('All prompts');
    await waitFor(() => expect(screen.queryByRole('link', { name: 'pitch' })).not.toBeInTheDocument());
    expect(within(folders).getByRole('button', { name: /support/ })).toHaveAttribute('aria-current', 'true');
  });

  it('filters by tag and label from the menus and shows a distinct no-match state', async () => {
    const { requests } = servePrompts((request) =>
      json(promptPage(request.url.searchParams.get('label') === 'staging' ? [] : LIBRARY)),
    );
    const { user, router } = renderPrompts('/prompts?label=staging');

    expect(await screen.findByText('No prompts match your filters')).toBeInTheDocument();
    expect(screen.queryByText('No prompts yet')).not.toBeInTheDocument();
    expect(screen.getByLabelText('Label')).toHaveValue('staging');

    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(await screen.findByRole('link', { name: 'triage' })).toBeInTheDocument();
    expect(router.state.location.search).toBe('');

    await user.selectOptions(screen.getByLabelText('Tag'), 'tone');
    await waitFor(() => expect(pageRequests(requests).at(-1)?.url.searchParams.get('tag')).toBe('tone'));
    await user.selectOptions(screen.getByLabelText('Label'), 'production');
    await waitFor(() => expect(router.state.location.search).toBe('?tag=tone&label=production'));
  });

  it('debounces the search into the q parameter', async () => {
    const { requests } = servePrompts(() => json(promptPage(LIBRARY)));
    const { user, router } = renderPrompts('/prompts');
    await screen.findByRole('table', { name: 'Prompts' });

    await user.type(screen.getByLabelText('Search prompts'), 'bill');
    await waitFor(() => expect(router.state.location.search).toBe('?q=bill'));
    await waitFor(() => expect(pageRequests(requests).at(-1)?.url.searchParams.get('q')).toBe('bill'));
    expect(pageRequests(requests)).toHaveLength(2);
  });

  it('pages with the cursor', async () => {
    servePrompts((request) =>
      request.url.searchParams.get('cursor') === 'c2'
        ? json(promptPage([LIBRARY[2] ?? makePrompt()], { total: 3 }))
        : json(
            promptPage(LIBRARY.slice(0, 2), {
              total: 3,
              nextCursor: request.url.searchParams.get('limit') === '100' ? null : 'c2',
            }),
          ),
    );
    const { user, router } = renderPrompts('/prompts?limit=10');

    expect(await screen.findByText('1–2 of 3')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByRole('link', { name: 'pitch' })).toBeInTheDocument();
    expect(router.state.location.search).toBe('?limit=10&cursor=c2');
    await user.click(screen.getByRole('button', { name: 'Previous' }));
    expect(await screen.findByRole('link', { name: 'triage' })).toBeInTheDocument();
  });
});
