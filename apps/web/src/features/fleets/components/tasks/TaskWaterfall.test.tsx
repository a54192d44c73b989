import type { FleetTaskTree, FleetTaskTreeNode } from '@agent-fleet/contracts';
import { render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import { makeFleetTask } from '../../test/fleet-task-fixtures';
import { barGeometry, TaskWaterfall } from './TaskWaterfall';

const LEAD = '00000000-0000-4000-8000-0000000000a1';
const HELPER = '00000000-0000-4000-8000-0000000000b2';
const T0 = Date.parse('2026-03-01T10:00:00.000Z');
const at = (ms: number) => new Date(T0 + ms).toISOString();

const node = (overrides: Partial<FleetTaskTreeNode>): FleetTaskTreeNode => ({
  id: '10000000-0000-4000-8000-000000000001',
  parentId: null,
  depth: 0,
  agentId: LEAD,
  agentName: 'Lead',
  kind: 'fleet_task',
  status: 'succeeded',
  summary: 'Ask the helper',
  startedAt: at(100),
  finishedAt: at(1100),
  durationMs: 1000,
  usage: { inputTokens: 10, outputTokens: 5, cachedInputTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 },
  costUsd: 0.002,
  llmCalls: 2,
  error: null,
  placement: { attempt: 1, strategy: 'skill_match', reason: 'Lead holds every required skill', as: 'chosen' },
  ...overrides,
});

function tree(): FleetTaskTree {
  const placed = node({});
  const delegated = node({
    id: '10000000-0000-4000-8000-000000000002',
    parentId: placed.id,
    depth: 1,
    agentId: HELPER,
    agentName: 'Helper',
    kind: 'agent_tool_call',
    status: 'failed',
    startedAt: at(300),
    finishedAt: at(600),
    durationMs: 300,
    costUsd: 0.0005,
    llmCalls: 1,
    error: { code: 'max_iterations', message: 'Ran out of turns' },
    placement: null,
  });
  return {
    task: makeFleetTask({ status: 'succeeded', createdAt: at(0), startedAt: at(80), finishedAt: at(1200), durationMs: 1120 }),
    nodes: [placed, delegated],
    costByAgent: [],
    totalCostUsd: 0.0025,
    truncated: false,
  };
}

describe('TaskWaterfall', () => {
  it('shows each placed task with its routing reason and each delegated one under it, asked by its parent', () => {
    render(
      <MemoryRouter>
        <TaskWaterfall tree={tree()} now={T0 + 5000} />
      </MemoryRouter>,
    );
    const [lead, helper] = screen.getAllByTestId('waterfall-node') as [HTMLElement, HTMLElement];
    expect(within(lead).getByRole('link', { name: 'Lead' })).toHaveAttribute(
      'href',
      `/agents/${LEAD}/tasks/${tree().nodes[0]?.id}`,
    );
    expect(within(lead).getByTestId('routing-reason')).toHaveTextContent('Lead holds every required skill');
    expect(within(lead).getByText(/Placed by skill_match, attempt 1/)).toBeInTheDocument();
    expect(within(lead).getByTestId('node-cost')).toHaveTextContent('$0.002');
    expect(within(helper).getByText('Asked by Lead as a tool.')).toBeInTheDocument();
    expect(within(helper).getByText('Failed')).toBeInTheDocument();
    expect(within(helper).getByText(/max_iterations: Ran out of turns/)).toBeInTheDocument();
    // Indented one level, and its bar starts where it started on the task's time axis (300 of 1,200 ms).
    expect(helper.style.paddingLeft).toBe('1.25rem');
    expect(lead.style.paddingLeft).toBe('0rem');
    const bar = helper.querySelector<HTMLElement>('.absolute');
    expect(bar?.style.left).toBe('25%');
    expect(bar?.style.width).toBe('25%');
  });

  it('keeps bars inside the track and visible however short', () => {
    expect(barGeometry(0, 500, 0, 1000)).toEqual({ left: 0, width: 50 });
    expect(barGeometry(1000, 1000, 0, 1000)).toEqual({ left: 99.4, width: 0.6 });
    expect(barGeometry(200, 201, 0, 1_000_000).width).toBe(0.6);
    expect(barGeometry(900, 5000, 0, 1000)).toEqual({ left: 90, width: 10 });
  });
});
