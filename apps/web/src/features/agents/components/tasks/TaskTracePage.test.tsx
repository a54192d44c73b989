import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeAgent } from '../../../../test/agent-fixture';
import { mockApi } from '../../../../test/mock-api';
import { json } from '../../../../test/mock-fetch';
import { renderApp } from '../../../../test/render-app';
import { makeCall } from '../../../usage/test/fixtures';
import { makeTask, page } from '../../test/task-fixture';

afterEach(() => {
  vi.unstubAllGlobals();
});

const agent = makeAgent();
const task = makeTask({
  kind: 'agent_tool_call',
  summary: 'Find the parcel',
  systemPrompt: {
    text: 'You help ACME customers. Tone: friendly.',
    templateRef: 'support@production',
    templateVersion: 4,
    variables: { company: 'ACME', tone: 'friendly' },
  },
  requestedBy: {
    taskId: '7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d',
    agentId: '11111111-1111-4111-8111-111111111111',
    agentName: 'Dispatcher',
  },
});
// Newest first, as the ledger lists them: a fallback that succeeded after a retried primary model.
const ofAgent = { agentId: agent.id };
const calls = [
  makeCall(3, {
    ...ofAgent,
    model: 'claude-haiku-4-5',
    provider: 'anthropic',
    fallback: true,
    latencyMs: 900,
    timeToFirstTokenMs: 210,
  }),
  makeCall(2, {
    ...ofAgent,
    outcome: 'error',
    errorClass: 'incomplete_stream',
    attempt: 2,
    estimated: true,
    latencyMs: 5000,
    timeToFirstTokenMs: 350,
  }),
  makeCall(1, { ...ofAgent, model: 'gpt-new-2026', outcome: 'error', errorClass: 'rate_limited', unpriced: true, costUsd: 0 }),
];

function serve() {
  return mockApi((request) => {
    const path = request.url.pathname;
    if (path === `/api/v1/agents/${agent.id}/tasks/${task.id}`) return json(task);
    if (path === `/api/v1/agents/${agent.id}`) return json(agent);
    if (path === '/api/v1/usage/calls') return json(page(request.url.searchParams.get('taskId') === task.id ? calls : []));
    return json(page([]));
  });
}

describe('TaskTracePage', () => {
  it('shows the rendered system prompt with its template version and variables, and who asked', async () => {
    serve();
    renderApp(`/agents/${agent.id}/tasks/${task.id}`);

    expect(await screen.findByRole('heading', { level: 1, name: 'Find the parcel' })).toBeInTheDocument();
    expect(screen.getByText('You help ACME customers. Tone: friendly.')).toBeInTheDocument();
    expect(screen.getByText('Rendered from support@production, version 4')).toBeInTheDocument();
    expect(screen.getByLabelText('Variables')).toHaveTextContent('"company": "ACME"');
    expect(screen.getByRole('link', { name: 'Dispatcher' })).toHaveAttribute(
      'href',
      '/agents/11111111-1111-4111-8111-111111111111',
    );
  });

  it('lists every LLM call of the task in order: model, attempt, fallback, timings, tokens, cost and flags', async () => {
    const { requests } = serve();
    renderApp(`/agents/${agent.id}/tasks/${task.id}`);

    const table = await screen.findByRole('table', { name: 'LLM calls of the task' });
    expect(requests.find((request) => request.url.pathname === '/api/v1/usage/calls')?.url.searchParams.get('taskId')).toBe(
      task.id,
    );
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(3);
    // Oldest first: the refused primary model, its cut retry, then the fallback.
    expect(rows[0]).toHaveTextContent('gpt-new-2026');
    expect(rows[0]).toHaveTextContent('Rate limited');
    expect(rows[0]).toHaveTextContent('Unpriced');
    expect(rows[1]).toHaveTextContent('Attempt 2');
    expect(rows[1]).toHaveTextContent('Stream cut');
    expect(rows[1]).toHaveTextContent('Estimated');
    expect(rows[1]).toHaveTextContent('5,000 ms');
    expect(rows[1]).toHaveTextContent('350 ms');
    expect(rows[2]).toHaveTextContent('anthropic/claude-haiku-4-5');
    expect(rows[2]).toHaveTextContent('Fallback');
    expect(rows[2]).toHaveTextContent('1,200 in · 300 out');
    expect(rows[2]).toHaveTextContent('$0.006');
    // The calls name the task's agent, not its id.
    await within(table).findAllByText(agent.name);
    expect(within(table).queryByText(agent.id.slice(0, 8))).toBeNull();
  });
});
