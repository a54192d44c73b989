import type { AgentTask } from '@agent-fleet/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeAgent } from '../../../../test/agent-fixture';
import { mockApi } from '../../../../test/mock-api';
import { json, type RecordedRequest } from '../../../../test/mock-fetch';
import { renderApp } from '../../../../test/render-app';
import { makeTask, page } from '../../test/task-fixture';

afterEach(() => {
  vi.unstubAllGlobals();
});

const agent = makeAgent();
const tasksPath = `/api/v1/agents/${agent.id}/tasks`;

const succeeded = makeTask();
const failed = makeTask({
  id: '8b7a6f5e-4d3c-4b2a-9f18-0e9d8c7b6a59',
  status: 'failed',
  kind: 'agent_tool_call',
  conversationId: null,
  summary: 'Summarise the refund policy',
  usage: { inputTokens: 50, outputTokens: 0, cachedInputTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 },
  costUsd: 0.5,
  durationMs: 185_000,
  error: { code: 'budget_exceeded', message: 'The task would cost more than $0.50' },
});
const later = makeTask({ id: '7a6f5e4d-3c2b-4a19-8e07-f9d8c7b6a594', summary: 'An older question' });

/** The agent, and a task history of two pages when unfiltered; `failed` alone when filtered to it. */
function serveTasks(pages: Record<string, AgentTask[]> = {}) {
  const mock = mockApi((request) => {
    const path = request.url.pathname;
    if (path === `/api/v1/agents/${agent.id}`) return json(agent);
    if (path !== tasksPath) return json(page([]));
    const status = request.url.searchParams.get('status');
    const cursor = request.url.searchParams.get('cursor');
    if (status) return json(page(pages[status] ?? []));
    return cursor === 'page-2'
      ? json(page([later], { total: 3 }))
      : json(page([succeeded, failed], { nextCursor: 'page-2', total: 3 }));
  });
  return { ...mock, taskRequests: () => mock.requests.filter((request: RecordedRequest) => request.url.pathname === tasksPath) };
}

const table = () => screen.findByRole('table', { name: 'Task history' });

describe('agent task history', () => {
  it('lists tasks with status, kind, summary, duration, tokens, cost and a link to the conversation', async () => {
    serveTasks();
    renderApp(`/agents/${agent.id}`);

    const rows = within(await table()).getAllByRole('row');
    expect(rows).toHaveLength(3);
    const [, first, second] = rows;
    if (!first || !second) throw new Error('rows missing');
    expect(first).toHaveTextContent('Succeeded');
    expect(first).toHaveTextContent('Chat turn');
    expect(first).toHaveTextContent('Where is my parcel?');
    expect(first).toHaveTextContent('1.5 s');
    expect(first).toHaveTextContent('1,200 in · 340 out');
    expect(first).toHaveTextContent('$0.000123');
    expect(within(first).getByRole('link', { name: 'Conversation' })).toHaveAttribute(
      'href',
      `/agents/${agent.id}/chat/${succeeded.conversationId}`,
    );

    expect(second).toHaveTextContent('Failed');
    expect(second).toHaveTextContent('Asked by an agent');
    expect(second).toHaveTextContent('The task would cost more than $0.50');
    expect(second).toHaveTextContent('3 min 5 s');
    expect(second).toHaveTextContent('$0.50');
    // A question from another agent has no conversation to open, only its trace.
    expect(within(second).queryByRole('link', { name: /Conversation/ })).not.toBeInTheDocument();
    expect(within(second).getByRole('link', { name: /^Trace of/ })).toHaveAttribute('href', expect.stringMatching(/\/tasks\//));
  });

  it('filters by status through the API and the URL', async () => {
    const { taskRequests } = serveTasks({ failed: [failed] });
    const { user, router } = renderApp(`/agents/${agent.id}`);
    await table();

    await user.selectOptions(screen.getByLabelText('Task status'), 'failed');

    await waitFor(() => expect(taskRequests().at(-1)?.url.searchParams.get('status')).toBe('failed'));
    expect(router.state.location.search).toBe('?status=failed');
    await waitFor(async () => expect(within(await table()).getAllByRole('row')).toHaveLength(2));
    expect(within(await table()).getByText('Summarise the refund policy')).toBeInTheDocument();
  });

  it('says so when no task has the chosen status, and shows all again', async () => {
    serveTasks();
    const { user } = renderApp(`/agents/${agent.id}?status=cancelled`);

    expect(await screen.findByText('No cancelled tasks')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Show all tasks' }));
    expect(within(await table()).getAllByRole('row')).toHaveLength(3);
  });

  it('pages forward with the cursor and back to the first page', async () => {
    const { taskRequests } = serveTasks();
    const { user, router } = renderApp(`/agents/${agent.id}`);
    await table();

    const pagination = screen.getByRole('navigation', { name: 'Pagination' });
    expect(pagination).toHaveTextContent('1–2 of 3');
    await user.click(within(pagination).getByRole('button', { name: /Next/ }));

    await waitFor(() => expect(taskRequests().at(-1)?.url.searchParams.get('cursor')).toBe('page-2'));
    expect(router.state.location.search).toBe('?cursor=page-2');
    expect(await within(await table()).findByText('An older question')).toBeInTheDocument();
    const previous = within(screen.getByRole('navigation', { name: 'Pagination' })).getByRole('button', { name: /Previous/ });
    expect(previous).toBeEnabled();

    await user.click(previous);
    expect(await within(await table()).findByText('Where is my parcel?')).toBeInTheDocument();
    expect(router.state.location.search).toBe('');
  });

  it('explains an agent that has not worked yet', async () => {
    mockApi((request) => (request.url.pathname === `/api/v1/agents/${agent.id}` ? json(agent) : json(page([]))));
    renderApp(`/agents/${agent.id}`);
    expect(await screen.findByText('No tasks yet')).toBeInTheDocument();
  });
});
