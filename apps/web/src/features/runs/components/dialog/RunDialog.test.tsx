import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { json } from '../../../../test/mock-fetch';
import { makePipeline, makePipelineDetail, makePipelineVersion } from '../../../pipelines/test/pipeline-fixtures';
import { makeRun, makeRunDetail, RUN_ID, runPage } from '../../test/run-fixtures';
import { renderRuns, serveRuns } from '../../test/render-runs';

afterEach(() => {
  vi.unstubAllGlobals();
});

const version = makePipelineVersion({
  version: 1,
  definition: {
    inputs: {
      subject: { type: 'string', required: true },
      urgency: { type: 'enum', required: false, options: ['low', 'high'], default: 'low' },
      retries: { type: 'number', required: false },
      notify: { type: 'boolean', required: false, default: true },
    },
    steps: { fetch: { type: 'http', method: 'GET', url: 'https://example.test' } },
  },
});

describe('RunDialog', () => {
  it('builds the form from the pipeline inputs, refuses a missing required input, then starts the run and opens it', async () => {
    const { requests } = serveRuns((request) => {
      const path = request.url.pathname;
      if (request.method === 'POST' && path === '/api/v1/runs') return json(makeRun({ status: 'queued' }), { status: 201 });
      if (path === '/api/v1/pipelines/ticket-triage') return json(makePipelineDetail({ name: 'ticket-triage' }));
      if (path.startsWith('/api/v1/pipelines/ticket-triage/versions/')) return json(version);
      if (path === `/api/v1/runs/${RUN_ID}`) return json(makeRunDetail({ status: 'queued' }));
      return json({ items: [], total: 0, nextCursor: null });
    });
    const { user, router } = renderRuns('/pipelines/ticket-triage');

    await user.click(await screen.findByRole('button', { name: 'Run' }));
    const dialog = await screen.findByRole('dialog', { name: 'Run ticket-triage' });
    const subject = await within(dialog).findByLabelText(/subject/);
    expect(within(dialog).getByLabelText(/urgency/).tagName).toBe('SELECT');
    expect(within(dialog).getByLabelText('notify')).toBeChecked();

    await user.type(within(dialog).getByLabelText(/retries/), 'many');
    await user.click(within(dialog).getByRole('button', { name: 'Start run' }));
    expect(await within(dialog).findByText('Required')).toBeInTheDocument();
    expect(within(dialog).getByText('Enter a number')).toBeInTheDocument();
    expect(requests.some((request) => request.method === 'POST' && request.url.pathname === '/api/v1/runs')).toBe(false);

    await user.type(subject, 'Printer on fire');
    await user.clear(within(dialog).getByLabelText(/retries/));
    await user.type(within(dialog).getByLabelText(/retries/), '2');
    await user.clear(within(dialog).getByLabelText(/Priority/));
    await user.type(within(dialog).getByLabelText(/Priority/), '5');
    await user.click(within(dialog).getByRole('button', { name: 'Start run' }));

    await waitFor(() => expect(router.state.location.pathname).toBe(`/runs/${RUN_ID}`));
    const created = requests.find((request) => request.method === 'POST' && request.url.pathname === '/api/v1/runs');
    expect(created?.body).toEqual({
      pipeline: 'ticket-triage@latest',
      input: { subject: 'Printer on fire', retries: 2, notify: true },
      priority: 5,
      trigger: 'ui',
    });
    expect(created?.headers.get('idempotency-key')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('shows no Run button to a viewer', async () => {
    serveRuns(
      (request) =>
        request.url.pathname === '/api/v1/pipelines/ticket-triage'
          ? json(makePipelineDetail({ name: 'ticket-triage' }))
          : json(version),
      'viewer',
    );
    renderRuns('/pipelines/ticket-triage');
    expect(await screen.findByRole('heading', { name: 'ticket-triage' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Run' })).not.toBeInTheDocument();
    // A viewer may still read the pipeline's runs.
    expect(screen.getByRole('link', { name: 'Runs' })).toHaveAttribute('href', '/runs?pipeline=ticket-triage');
  });

  it('from the runs list: asks for a pipeline, then offers its labels and runs the labelled version', async () => {
    const { requests } = serveRuns((request) => {
      const path = request.url.pathname;
      if (request.method === 'POST' && path === '/api/v1/runs') return json(makeRun({ status: 'queued' }), { status: 201 });
      if (path === '/api/v1/pipelines')
        return json({ items: [makePipeline({ name: 'ticket-triage' })], total: 1, nextCursor: null });
      if (path === '/api/v1/pipelines/ticket-triage') {
        return json(makePipelineDetail({ name: 'ticket-triage', latestVersion: 2, labels: { latest: 2, production: 1 } }));
      }
      if (path.startsWith('/api/v1/pipelines/ticket-triage/versions/')) return json(version);
      if (path === '/api/v1/runs') return json(runPage([]));
      return json(makeRunDetail({ status: 'queued' }));
    });
    const { user, router } = renderRuns('/runs');
    await user.click((await screen.findAllByRole('button', { name: 'New run' }))[0] as HTMLElement);
    const dialog = await screen.findByRole('dialog', { name: 'Run a pipeline' });
    await user.click(within(dialog).getByRole('button', { name: 'Start run' }));
    expect(await within(dialog).findByText('Choose a pipeline')).toBeInTheDocument();

    await user.selectOptions(within(dialog).getByLabelText('Pipeline'), 'ticket-triage');
    await user.selectOptions(await within(dialog).findByLabelText('Version'), 'production');
    await user.type(await within(dialog).findByLabelText(/subject/), 'Hi');
    await user.click(within(dialog).getByRole('button', { name: 'Start run' }));
    await waitFor(() => expect(router.state.location.pathname).toBe(`/runs/${RUN_ID}`));
    const created = requests.find((request) => request.method === 'POST' && request.url.pathname === '/api/v1/runs');
    expect(created?.body).toMatchObject({ pipeline: 'ticket-triage@production', input: { subject: 'Hi' } });
    // The production label's version was read for its inputs.
    expect(requests.some((request) => request.url.pathname === '/api/v1/pipelines/ticket-triage/versions/1')).toBe(true);
  });
});
