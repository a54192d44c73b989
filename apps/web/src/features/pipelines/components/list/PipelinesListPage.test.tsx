import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { json } from '../../../../test/mock-fetch';
import { STARTER_PIPELINE_YAML } from '../../example';
import { makePipeline, makePipelineDetail, pipelinePage } from '../../test/pipeline-fixtures';
import { renderPipelines, servePipelines } from '../../test/render-pipelines';

afterEach(() => {
  vi.unstubAllGlobals();
});

const LIST = [
  makePipeline({ id: '00000000-0000-4000-8000-000000000001', name: 'ticket-triage', steps: 4 }),
  makePipeline({
    id: '00000000-0000-4000-8000-000000000002',
    name: 'research-summary',
    description: 'Maps over sources, then reduces.',
    latestVersion: 3,
    labels: { latest: 3, production: 2 },
    steps: 1,
  }),
];

describe('PipelinesListPage', () => {
  it('invites creating the first pipeline, which starts from the example and opens the editor', async () => {
    const { requests } = servePipelines((request) => {
      if (request.method === 'POST' && request.url.pathname === '/api/v1/pipelines') {
        return json(makePipelineDetail({ name: 'triage' }), { status: 201 });
      }
      if (request.url.pathname === '/api/v1/pipelines') return json(pipelinePage([]));
      return json(makePipelineDetail({ name: 'triage' }));
    });
    const { user, router } = renderPipelines('/pipelines');

    expect(await screen.findByText('No pipelines yet')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Create your first pipeline' }));
    const dialog = await screen.findByRole('dialog', { name: 'New pipeline' });
    await user.type(within(dialog).getByLabelText('Name'), 'triage');
    await user.click(within(dialog).getByRole('button', { name: 'Create pipeline' }));

    await waitFor(() => expect(router.state.location.pathname).toBe('/pipelines/triage'));
    const create = requests.find((request) => request.method === 'POST' && request.url.pathname === '/api/v1/pipelines');
    expect(create?.body).toEqual({
      name: 'triage',
      format: 'yaml',
      source: STARTER_PIPELINE_YAML,
      commitMessage: 'Created from the example',
    });
  });

  it('does not offer creating or deleting to a viewer', async () => {
    servePipelines((request) => json(pipelinePage(request.url.searchParams.get('q') ? [] : LIST)), 'viewer');
    renderPipelines('/pipelines');

    const table = await screen.findByRole('table', { name: 'Pipelines' });
    expect(screen.queryByRole('button', { name: 'New pipeline' })).not.toBeInTheDocument();
    expect(within(table).queryByRole('button', { name: 'Delete' })).not.toBeInTheDocument();
  });

  it('lists name, description, latest version, labels and step count, linking to the editor', async () => {
    servePipelines(() => json(pipelinePage(LIST)));
    renderPipelines('/pipelines');

    const table = await screen.findByRole('table', { name: 'Pipelines' });
    const row = within(table).getByRole('row', { name: /research-summary/ });
    expect(within(row).getByRole('link', { name: 'research-summary' })).toHaveAttribute('href', '/pipelines/research-summary');
    expect(within(row).getByText('Maps over sources, then reduces.')).toBeInTheDocument();
    expect(within(row).getByText('v3', { selector: 'td' })).toBeInTheDocument();
    expect(within(row).getByText('production')).toBeInTheDocument();
    expect(within(row).getByText('1 step')).toBeInTheDocument();
    expect(within(within(table).getByRole('row', { name: /ticket-triage/ })).getByText('4 steps')).toBeInTheDocument();
  });

  it('searches through the API with q, and says when nothing matches', async () => {
    const { requests } = servePipelines((request) => json(pipelinePage(request.url.searchParams.get('q') === 'zzz' ? [] : LIST)));
    const { user, router } = renderPipelines('/pipelines');

    await screen.findByRole('table', { name: 'Pipelines' });
    await user.type(screen.getByRole('searchbox', { name: 'Search pipelines' }), 'zzz');

    expect(await screen.findByText('No pipelines match your search')).toBeInTheDocument();
    expect(router.state.location.search).toBe('?q=zzz');
    expect(requests.at(-1)?.url.searchParams.get('q')).toBe('zzz');
    await user.click(screen.getByRole('button', { name: 'Clear the search' }));
    expect(await screen.findByRole('table', { name: 'Pipelines' })).toBeInTheDocument();
  });

  it('deletes a pipeline after confirmation', async () => {
    const { requests } = servePipelines((request) => {
      if (request.method === 'DELETE') return new Response(null, { status: 204 });
      return json(pipelinePage(LIST));
    });
    const { user } = renderPipelines('/pipelines');

    const table = await screen.findByRole('table', { name: 'Pipelines' });
    const row = within(table).getByRole('row', { name: /ticket-triage/ });
    await user.click(within(row).getByRole('button', { name: 'Delete' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete ticket-triage?' });
    expect(requests.some((request) => request.method === 'DELETE')).toBe(false);
    await user.click(within(dialog).getByRole('button', { name: 'Delete pipeline' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(requests.find((request) => request.method === 'DELETE')?.url.pathname).toBe('/api/v1/pipelines/ticket-triage');
  });
});
