import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { eventStreamResponse } from '../../../../test/event-stream';
import { json } from '../../../../test/mock-fetch';
import { makePipelineVersion } from '../../../pipelines/test/pipeline-fixtures';
import { event, makeRunDetail, makeStepRun, RUN_ID } from '../../test/run-fixtures';
import { renderRuns, serveRuns } from '../../test/render-runs';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('RunDetailPage, live', () => {
  it('follows the event stream after the loaded events: the timeline and the run update without a reload', async () => {
    let finished = false;
    const running = makeRunDetail({ status: 'running', finishedAt: null, durationMs: null, outputs: null }, [
      makeStepRun({ stepId: 'fetch', status: 'running', finishedAt: null }),
    ]);
    const done = makeRunDetail({ status: 'succeeded', outputs: { tickets: 3 } }, [makeStepRun({ stepId: 'fetch' })]);
    const { requests } = serveRuns((request) => {
      const path = request.url.pathname;
      if (path === `/api/v1/runs/${RUN_ID}/events`) {
        if (request.headers.get('accept')?.includes('text/event-stream')) {
          finished = true;
          return eventStreamResponse([
            event(3, 'step.succeeded', 'fetch', 2, { attempt: 1 }),
            event(4, 'run.succeeded', null, 2),
          ]);
        }
        return json({ items: [event(1, 'run.started', null, 0), event(2, 'step.started', 'fetch', 0, { attempt: 1 })] });
      }
      if (path === `/api/v1/runs/${RUN_ID}`) return json(finished ? done : running);
      if (path.startsWith('/api/v1/pipelines/')) return json(makePipelineVersion({ version: 2 }));
      return json({ items: [] });
    });
    renderRuns(`/runs/${RUN_ID}`);

    const timeline = await screen.findByRole('group', { name: 'Timeline' });
    await waitFor(() =>
      expect(within(timeline).getByRole('img', { name: /fetch attempt 1: succeeded, 2.0 s/ })).toBeInTheDocument(),
    );
    const stream = requests.find((request) => request.headers.get('accept')?.includes('text/event-stream'));
    expect(stream?.url.searchParams.get('after')).toBe('2');
    expect(await screen.findByLabelText('Run outputs')).toHaveTextContent('"tickets": 3');
    expect(screen.queryByRole('button', { name: 'Cancel run' })).not.toBeInTheDocument();
  });
});

describe('RunDetailPage, an approval that starts waiting while the page is open', () => {
  it('offers Approve without a reload once the approval.requested event arrives', async () => {
    let streamed = false;
    const before = makeRunDetail({ status: 'running', finishedAt: null, durationMs: null, outputs: null }, [
      makeStepRun({ stepId: 'review', type: 'approval', status: 'pending', finishedAt: null }),
    ]);
    const waiting = makeRunDetail({ status: 'running', finishedAt: null, durationMs: null, outputs: null }, [
      makeStepRun({ stepId: 'review', type: 'approval', status: 'waiting', finishedAt: null }),
    ]);
    const pending = {
      runId: RUN_ID,
      pipelineName: 'triage',
      version: 2,
      step: 'review',
      message: 'Ship it?',
      roles: ['editor'],
      form: null,
      requestedAt: new Date(0).toISOString(),
      dueAt: null,
      canDecide: true,
    };
    serveRuns((request) => {
      const path = request.url.pathname;
      if (path === `/api/v1/runs/${RUN_ID}/events`) {
        if (request.headers.get('accept')?.includes('text/event-stream')) {
          streamed = true;
          return eventStreamResponse([event(2, 'approval.requested', 'review', 1, { message: 'Ship it?' })]);
        }
        return json({ items: [event(1, 'run.started', null, 0)] });
      }
      if (path === `/api/v1/runs/${RUN_ID}`) return json(streamed ? waiting : before);
      if (path === '/api/v1/approvals') return json({ items: streamed ? [pending] : [] });
      if (path.startsWith('/api/v1/pipelines/')) return json(makePipelineVersion({ version: 2 }));
      return json({ items: [] });
    });
    renderRuns(`/runs/${RUN_ID}`);
    expect(await screen.findByRole('button', { name: 'Approve' }, { timeout: 5000 })).toBeInTheDocument();
    expect(screen.getByText('Ship it?')).toBeInTheDocument();
  });
});
