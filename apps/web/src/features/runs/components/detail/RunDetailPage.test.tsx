import type { RunDetail } from '@agent-fleet/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { json, type RecordedRequest } from '../../../../test/mock-fetch';
import { makePipelineVersion } from '../../../pipelines/test/pipeline-fixtures';
import { event, makeApproval, makeRunDetail, makeStepRun, RUN_ID } from '../../test/run-fixtures';
import { renderRuns, serveRuns } from '../../test/render-runs';

afterEach(() => {
  vi.unstubAllGlobals();
});

const definition = makePipelineVersion({
  version: 2,
  definition: {
    steps: {
      fetch: { type: 'http', method: 'GET', url: 'https://example.test' },
      classify: { type: 'transform', needs: ['fetch'], value: 'x' },
      approve: { type: 'approval', needs: ['classify'], message: 'Send?', assignees: { roles: ['owner'] } },
    },
  },
});

const EVENTS = [
  event(1, 'run.started', null, 0),
  event(2, 'step.started', 'fetch', 0, { attempt: 1 }),
  event(3, 'step.retrying', 'fetch', 1, { attempt: 1 }),
  event(4, 'step.started', 'fetch', 2, { attempt: 2 }),
  event(5, 'step.succeeded', 'fetch', 3, { attempt: 2 }),
  event(6, 'step.started', 'classify', 3, { attempt: 1 }),
  event(7, 'step.failed', 'classify', 4, { attempt: 1 }),
];

/** A fake server for one run: its detail, events (JSON), the pinned version and the approvals inbox. */
function serveRun(
  run: RunDetail,
  options: { role?: 'owner' | 'viewer'; onRequest?: (request: RecordedRequest) => Response | undefined } = {},
) {
  return serveRuns((request) => {
    const answer = options.onRequest?.(request);
    if (answer) return answer;
    const path = request.url.pathname;
    if (path === `/api/v1/runs/${RUN_ID}/events`) return json({ items: EVENTS });
    if (path === `/api/v1/runs/${RUN_ID}`) return json(run);
    if (path.startsWith('/api/v1/pipelines/')) return json(definition);
    if (path === '/api/v1/approvals') return json({ items: [makeApproval()] });
    if (path === '/api/v1/usage/calls') return json({ items: [], total: 0, nextCursor: null });
    return json({});
  }, options.role);
}

const failedRun = makeRunDetail(
  { status: 'failed', error: { code: 'upstream_failed', message: 'classify failed', errorClass: null } },
  [
    makeStepRun({ stepId: 'fetch', type: 'http', attempt: 2, output: { tickets: 3 } }),
    makeStepRun({
      stepId: 'classify',
      status: 'failed',
      error: { code: 'expression', message: 'Bad expression', errorClass: null },
    }),
  ],
);

describe('RunDetailPage', () => {
  it('colours the graph and the step list by step status, and builds the timeline from the events', async () => {
    serveRun(failedRun);
    renderRuns(`/runs/${RUN_ID}`);

    const graph = await screen.findByRole('region', { name: 'Run graph' });
    await waitFor(() => expect(graph.querySelector('[data-step-status="failed"]')).toHaveTextContent('classify'));
    expect(graph.querySelector('[data-step-status="succeeded"]')).toHaveTextContent('fetch');
    expect(graph.querySelector('[data-step-status="succeeded"]')?.className).toContain('bg-emerald-50');
    expect(graph.querySelector('[data-step-status="failed"]')?.className).toContain('bg-red-50');
    expect(graph.querySelector('[data-step-status="not_started"]')).toHaveTextContent('approve');

    const steps = screen.getByRole('table', { name: 'Steps' });
    expect(
      within(steps)
        .getAllByRole('row')
        .slice(1)
        .map((row) => row.getAttribute('data-step-status')),
    ).toEqual(['succeeded', 'failed']);

    const timeline = screen.getByRole('group', { name: 'Timeline' });
    const bars = within(timeline).getAllByRole('img');
    expect(bars.map((bar) => bar.getAttribute('aria-label'))).toEqual([
      'fetch attempt 1: retrying, 1.0 s',
      'fetch attempt 2: succeeded, 1.0 s',
      'classify attempt 1: failed, 1.0 s',
    ]);
    expect(screen.getByText('The run failed: upstream_failed')).toBeInTheDocument();
  });

  it('opens a step from its row: input, output, error, attempts and its LLM calls (by run and step key)', async () => {
    const { requests } = serveRun(failedRun);
    const { user } = renderRuns(`/runs/${RUN_ID}`);
    await user.click(await screen.findByRole('button', { name: 'classify' }));
    const panel = screen.getByRole('region', { name: 'Step classify' });
    expect(within(panel).getByText('Bad expression')).toBeInTheDocument();
    await waitFor(() =>
      expect(
        requests.some(
          (request) =>
            request.url.pathname === '/api/v1/usage/calls' &&
            request.url.searchParams.get('runId') === RUN_ID &&
            request.url.searchParams.get('stepId') === 'classify',
        ),
      ).toBe(true),
    );
    expect(await within(panel).findByText('No LLM calls.')).toBeInTheDocument();
  });

  it('offers Retry from failed but no Cancel on a failed run; Cancel but no Retry on a running one', async () => {
    serveRun(failedRun);
    const first = renderRuns(`/runs/${RUN_ID}`);
    expect(await screen.findByRole('button', { name: 'Retry from failed' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Cancel run' })).not.toBeInTheDocument();
    first.unmount();
    vi.unstubAllGlobals();

    // The live stream is not served here: the page keeps what it loaded.
    serveRun(
      makeRunDetail({ status: 'running', finishedAt: null, durationMs: null, outputs: null }, [
        makeStepRun({ stepId: 'fetch', status: 'running' }),
      ]),
    );
    renderRuns(`/runs/${RUN_ID}`);
    expect(await screen.findByRole('button', { name: 'Cancel run' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Retry from failed' })).not.toBeInTheDocument();
  });

  it('hides Cancel from a viewer', async () => {
    serveRun(makeRunDetail({ status: 'running', finishedAt: null, durationMs: null }, []), { role: 'viewer' });
    renderRuns(`/runs/${RUN_ID}`);
    expect(await screen.findByRole('heading', { name: /Run 0b6f1d2e/ })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Cancel run' })).not.toBeInTheDocument();
  });

  it('approves a waiting approval with a comment through decideApproval', async () => {
    const waiting = makeRunDetail({ status: 'running', finishedAt: null, durationMs: null, outputs: null }, [
      makeStepRun({ stepId: 'fetch' }),
      makeStepRun({ stepId: 'classify' }),
      makeStepRun({ stepId: 'approve', type: 'approval', status: 'waiting', finishedAt: null }),
    ]);
    const { requests } = serveRun(waiting, {
      onRequest: (request) =>
        request.method === 'POST' && request.url.pathname === `/api/v1/runs/${RUN_ID}/approvals/approve`
          ? json(makeRunDetail({ status: 'succeeded' }, []))
          : undefined,
    });
    const { user } = renderRuns(`/runs/${RUN_ID}`);
    const card = (await screen.findByText('Waiting for approval')).closest('section') as HTMLElement;
    expect(await within(card).findByText('Send the reply?')).toBeInTheDocument();
    await user.type(within(card).getByLabelText(/Comment/), 'Looks right');
    await user.click(within(card).getByRole('button', { name: 'Approve' }));
    await waitFor(() => {
      const decision = requests.find(
        (request) => request.method === 'POST' && request.url.pathname.endsWith('/approvals/approve'),
      );
      expect(decision?.body).toEqual({ decision: 'approve', comment: 'Looks right' });
    });
  });
});

describe('RunDetailPage, re-run', () => {
  it('re-runs from a step as a new run and opens it', async () => {
    const next = '55555555-5555-4555-8555-555555555555';
    const { requests } = serveRun(failedRun, {
      onRequest: (request) =>
        request.method === 'POST' && request.url.pathname === `/api/v1/runs/${RUN_ID}/rerun`
          ? json(makeRunDetail({ id: next, status: 'queued' }), { status: 201 })
          : request.url.pathname === `/api/v1/runs/${next}`
            ? json(makeRunDetail({ id: next, status: 'queued' }))
            : undefined,
    });
    const { user, router } = renderRuns(`/runs/${RUN_ID}`);
    await user.click(await screen.findByRole('button', { name: 'classify' }));
    await user.click(
      within(screen.getByRole('region', { name: 'Step classify' })).getByRole('button', { name: 'Re-run from here' }),
    );
    await waitFor(() => expect(router.state.location.pathname).toBe(`/runs/${next}`));
    expect(requests.find((request) => request.url.pathname.endsWith('/rerun'))?.body).toEqual({ from: 'classify', only: false });
  });

  it('offers no re-run to a viewer', async () => {
    serveRun(failedRun, { role: 'viewer' });
    const { user } = renderRuns(`/runs/${RUN_ID}`);
    await user.click(await screen.findByRole('button', { name: 'classify' }));
    expect(screen.getByRole('region', { name: 'Step classify' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Re-run from here' })).not.toBeInTheDocument();
  });
});
