import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { json } from '../../../../test/mock-fetch';
import { makePipelineDetail, makePipelineVersion } from '../../test/pipeline-fixtures';
import { renderPipelines, servePipelines } from '../../test/render-pipelines';

afterEach(() => {
  vi.unstubAllGlobals();
});

const listed = (version: number, commitMessage: string, labels: string[] = []) => {
  const { source: _source, definition: _definition, ...rest } = makePipelineVersion({ version, commitMessage, labels });
  return rest;
};

describe('PipelineVersionsTab', () => {
  it('lists versions newest first, shows one version, and diffs any two', async () => {
    const { requests } = servePipelines((request) => {
      const path = request.url.pathname;
      if (path === '/api/v1/pipelines/triage/versions') {
        return json({ items: [listed(1, 'First draft'), listed(2, 'Add approval'), listed(3, 'Retry fetch', ['latest'])] });
      }
      if (path === '/api/v1/pipelines/triage/versions/2')
        return json(makePipelineVersion({ version: 2, source: 'steps: {} # v2\n' }));
      if (path === '/api/v1/pipelines/triage/diff') {
        const from = Number(request.url.searchParams.get('from'));
        return json({
          from,
          to: Number(request.url.searchParams.get('to')),
          source: [
            { type: 'equal', text: 'steps:' },
            { type: 'removed', text: `  old_from_v${from}: {}` },
            { type: 'added', text: '  fetch: {}' },
          ],
        });
      }
      return json(makePipelineDetail({ name: 'triage', latestVersion: 3 }));
    });
    const { user } = renderPipelines('/pipelines/triage/versions');

    const table = await screen.findByRole('table', { name: 'Versions' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((row) => within(row).getAllByRole('cell')[1]?.textContent)).toEqual([
      'Retry fetch',
      'Add approval',
      'First draft',
    ]);

    await user.click(within(rows[1] as HTMLElement).getByRole('button', { name: 'View version 2' }));
    expect(await screen.findByLabelText('Definition of version 2')).toHaveTextContent('steps: {} # v2');

    // The default range is the newest against the one before.
    const changes = await screen.findByRole('region', { name: 'Definition changes' });
    expect(within(changes).getByText('old_from_v2: {}', { exact: false }).closest('del')).not.toBeNull();
    await user.selectOptions(screen.getByLabelText('From'), '1');
    await waitFor(() => expect(within(changes).getByText('old_from_v1: {}', { exact: false })).toBeInTheDocument());
    expect(requests.at(-1)?.url.search).toBe('?from=1&to=3');
  });
});
