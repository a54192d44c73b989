import type { VersionDiff } from '@agent-fleet/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { json, type RecordedRequest } from '../../../../test/mock-fetch';
import { makeDetail, makePrompt, makeVersion } from '../../test/prompt-fixtures';
import { renderPrompts, servePrompts } from '../../test/render-prompts';

afterEach(() => {
  vi.unstubAllGlobals();
});

const DIFF: VersionDiff = {
  from: 2,
  to: 3,
  body: [
    { type: 'equal', text: 'Hello' },
    { type: 'removed', text: 'world' },
    { type: 'added', text: 'there' },
  ],
  variables: [{ type: 'equal', text: '[]' }],
  config: [
    { type: 'removed', text: '{}' },
    { type: 'added', text: '{' },
    { type: 'added', text: '  "temperature": 0.2' },
    { type: 'added', text: '}' },
  ],
};

function serveHistory(role: 'owner' | 'editor' = 'owner', diff: VersionDiff = DIFF) {
  let labels: Record<string, number> = { latest: 3, production: 2 };
  return servePrompts((request) => {
    const path = request.url.pathname;
    if (path === '/api/v1/prompts/greeting') return json(makeDetail({ name: 'greeting', latestVersion: 3, labels }));
    if (path === '/api/v1/prompts/greeting/versions') {
      return json({
        items: [1, 2, 3].map((version) =>
          makeVersion({
            version,
            commitMessage: `Change ${version}`,
            labels: Object.entries(labels)
              .filter(([, target]) => target === version)
              .map(([label]) => label),
          }),
        ),
      });
    }
    if (path === '/api/v1/prompts/greeting/diff') return json({ ...diff, from: Number(request.url.searchParams.get('from')) });
    if (path === '/api/v1/prompts/greeting/labels/production' && request.method === 'PUT') {
      labels = { ...labels, production: (request.body as { version: number }).version };
      return json(makePrompt({ name: 'greeting', latestVersion: 3, labels }));
    }
    return json({});
  }, role);
}

const labelMoves = (requests: RecordedRequest[]) => requests.filter((request) => request.method === 'PUT');

describe('PromptHistoryTab', () => {
  it('lists versions newest first with message, author and labels', async () => {
    serveHistory();
    renderPrompts('/prompts/greeting/history');

    const table = await screen.findByRole('table', { name: 'Versions' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((row) => within(row).getByText(/^v\d$/).textContent)).toEqual(['v3', 'v2', 'v1']);
    expect(rows[1]).toHaveTextContent('Change 2');
    expect(rows[1]).toHaveTextContent('Ada Lovelace');
    expect(within(rows[1] as HTMLElement).getByText('production')).toBeInTheDocument();
    expect(within(table).getByRole('button', { name: 'Set production to version 2' })).toBeDisabled();
  });

  it('shows the diff of two versions with added lines green and removed lines red, unified or side by side', async () => {
    const { requests } = serveHistory();
    const { user } = renderPrompts('/prompts/greeting/history');

    const body = await screen.findByRole('region', { name: 'Template changes' });
    expect(requests.find((request) => request.url.pathname.endsWith('/diff'))?.url.search).toBe('?from=2&to=3');
    const removed = within(body).getByRole('deletion');
    const added = within(body).getByRole('insertion');
    expect(removed).toHaveTextContent('world');
    expect(removed).toHaveClass('bg-red-50');
    expect(added).toHaveTextContent('there');
    expect(added).toHaveClass('bg-emerald-50');
    expect(within(body).getByText('Hello')).not.toHaveClass('bg-red-50', 'bg-emerald-50');
    expect(screen.getByText('No changes')).toBeInTheDocument();
    expect(within(screen.getByRole('region', { name: 'Model config changes' })).getAllByRole('insertion')).toHaveLength(3);

    await user.click(screen.getByLabelText('Side by side'));
    const split = screen.getByRole('region', { name: 'Template changes' });
    const cells = Array.from(split.children).flatMap((row) => Array.from(row.children));
    // Row 1: "Hello" on both sides; row 2: "world" (old, left) facing "there" (new, right).
    expect(cells.map((cell) => cell.textContent?.replace(/^[+−\s]+/, ''))).toEqual(['Hello', 'Hello', 'world', 'there']);

    await user.click(screen.getByRole('button', { name: 'Compare version 2 with the one before' }));
    await waitFor(() =>
      expect(requests.filter((request) => request.url.pathname.endsWith('/diff')).at(-1)?.url.search).toBe('?from=1&to=2'),
    );
  });

  it('rolls production back one version in one click, and sets it to any version', async () => {
    const { requests } = serveHistory();
    const { user } = renderPrompts('/prompts/greeting/history');

    await user.click(await screen.findByRole('button', { name: 'Roll back production to v1' }));
    expect(await screen.findByText('production now points to version 1')).toBeInTheDocument();
    expect(labelMoves(requests)[0]?.url.pathname).toBe('/api/v1/prompts/greeting/labels/production');
    expect(labelMoves(requests)[0]?.body).toEqual({ version: 1 });

    await user.click(screen.getByRole('button', { name: 'Set production to version 3' }));
    await waitFor(() => expect(labelMoves(requests)[1]?.body).toEqual({ version: 3 }));
    expect(await screen.findByRole('button', { name: 'Roll back production to v2' })).toBeInTheDocument();
  });

  it('explains that moving production needs prompts:manage to an editor', async () => {
    serveHistory('editor');
    renderPrompts('/prompts/greeting/history');

    expect(await screen.findByText(/Moving it needs the prompts:manage permission/)).toBeInTheDocument();
    expect(await screen.findByRole('button', { name: 'Set production to version 3' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Roll back production to v1' })).toBeDisabled();
  });
});
