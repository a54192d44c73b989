import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { json } from '../../../../test/mock-fetch';
import { makePipeline } from '../../../pipelines/test/pipeline-fixtures';
import { makeRun, runPage } from '../../test/run-fixtures';
import { renderRuns, serveRuns } from '../../test/render-runs';

afterEach(() => {
  vi.unstubAllGlobals();
});

const pipelines = { items: [makePipeline({ name: 'ticket-triage' })], total: 1, nextCursor: null };

describe('RunsListPage', () => {
  it('lists runs with status, pipeline@label, trigger, duration and cost, and filters by status in the request', async () => {
    const { requests } = serveRuns((request) => {
      if (request.url.pathname === '/api/v1/pipelines') return json(pipelines);
      return json(
        runPage([
          makeRun({ id: '11111111-1111-4111-8111-111111111111', status: 'failed', costUsd: 0.25, trigger: 'api' }),
          makeRun({
            id: '22222222-2222-4222-8222-222222222222',
            status: 'running',
            label: null,
            durationMs: null,
            finishedAt: null,
          }),
        ]),
      );
    });
    const { user } = renderRuns('/runs');

    const table = await screen.findByRole('table', { name: 'Runs' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent('failed');
    expect(rows[0]).toHaveTextContent('ticket-triage@production (v2)');
    expect(rows[0]).toHaveTextContent('$0.25');
    expect(rows[0]).toHaveTextContent('5.0 s');
    expect(rows[1]).toHaveTextContent('ticket-triage v2');
    expect(within(rows[0] as HTMLElement).getByRole('link', { name: /Run 11111111/ })).toHaveAttribute(
      'href',
      '/runs/11111111-1111-4111-8111-111111111111',
    );

    await user.selectOptions(screen.getByLabelText('Status'), 'failed');
    await waitFor(() =>
      expect(
        requests.some(
          (request) => request.url.pathname === '/api/v1/runs' && request.url.searchParams.get('status') === 'failed',
        ),
      ).toBe(true),
    );
  });

  it('says there are no runs yet and offers to start one, only to roles that may', async () => {
    serveRuns((request) => (request.url.pathname === '/api/v1/pipelines' ? json(pipelines) : json(runPage([]))));
    renderRuns('/runs');
    expect(await screen.findByText('No runs yet')).toBeInTheDocument();
    expect(screen.getAllByRole('button', { name: 'New run' }).length).toBeGreaterThan(0);
  });

  it('hides New run from a viewer', async () => {
    serveRuns((request) => (request.url.pathname === '/api/v1/pipelines' ? json(pipelines) : json(runPage([]))), 'viewer');
    renderRuns('/runs');
    expect(await screen.findByText('No runs yet')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'New run' })).not.toBeInTheDocument();
  });
});
