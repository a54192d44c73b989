import type {
  FleetRoutingRecord,
  FleetTask,
  FleetTaskAgentCost,
  FleetTaskPlacement,
  FleetTaskTree,
  FleetTaskTreeNode,
} from '@agent-fleet/contracts';
import type { FleetTreeAgentTask } from './fleet-task-repository.js';

/**
 * The routing record that placed an agent task: the latest one choosing its agent (or naming it the
 * aggregator) made no later than the task started. Both times come from the database's clock; a record
 * is written in the placement's transaction, which commits before the member's task starts.
 */
function placementOf(task: FleetTreeAgentTask, routing: readonly FleetRoutingRecord[]): FleetTaskPlacement | null {
  const started = Date.parse(task.startedAt);
  let found: FleetRoutingRecord | undefined;
  let as: FleetTaskPlacement['as'] = 'chosen';
  for (const record of routing) {
    const role = record.chosen.includes(task.agentId) ? 'chosen' : record.aggregator === task.agentId ? 'aggregator' : null;
    if (role === null) continue;
    // Oldest first: the last match in time wins; a record after the start is kept only when nothing earlier matched.
    if (!found || Date.parse(record.createdAt) <= started) {
      found = record;
      as = role;
    }
  }
  return found ? { attempt: found.attempt, strategy: found.strategy, reason: found.reason, as } : null;
}

/**
 * A fleet task as a waterfall: its placed agent tasks (those asked by no other task) at depth 0, each
 * followed by what it delegated (depth first, siblings by start time), each placed one with the reason
 * it was chosen, and what each agent spent. A task whose parent was left out (past the node limit) is
 * shown at depth 0 rather than lost.
 */
export function buildTaskTree(
  task: FleetTask,
  routing: readonly FleetRoutingRecord[],
  agentTasks: readonly FleetTreeAgentTask[],
  truncated: boolean,
): FleetTaskTree {
  const ids = new Set(agentTasks.map((agentTask) => agentTask.id));
  const children = new Map<string | null, FleetTreeAgentTask[]>();
  for (const agentTask of agentTasks) {
    const parent = agentTask.parentTaskId !== null && ids.has(agentTask.parentTaskId) ? agentTask.parentTaskId : null;
    const siblings = children.get(parent) ?? [];
    siblings.push(agentTask);
    children.set(parent, siblings);
  }
  const byStart = (a: FleetTreeAgentTask, b: FleetTreeAgentTask) =>
    a.startedAt.localeCompare(b.startedAt) || a.id.localeCompare(b.id);

  const nodes: FleetTaskTreeNode[] = [];
  const visit = (parentId: string | null, depth: number) => {
    for (const agentTask of [...(children.get(parentId) ?? [])].sort(byStart)) {
      const { parentTaskId: _parentTaskId, ...fields } = agentTask;
      nodes.push({
        ...fields,
        parentId,
        depth,
        durationMs: agentTask.finishedAt ? Date.parse(agentTask.finishedAt) - Date.parse(agentTask.startedAt) : null,
        placement: parentId === null ? placementOf(agentTask, routing) : null,
      });
      visit(agentTask.id, depth + 1);
    }
  };
  visit(null, 0);

  const costs = new Map<string, FleetTaskAgentCost>();
  for (const node of nodes) {
    const cost = costs.get(node.agentId) ?? {
      agentId: node.agentId,
      agentName: node.agentName,
      tasks: 0,
      llmCalls: 0,
      costUsd: 0,
    };
    cost.tasks += 1;
    cost.llmCalls += node.llmCalls;
    cost.costUsd += node.costUsd;
    costs.set(node.agentId, cost);
  }
  const costByAgent = [...costs.values()].sort((a, b) => b.costUsd - a.costUsd || b.tasks - a.tasks);
  return {
    task,
    nodes,
    costByAgent,
    totalCostUsd: nodes.reduce((sum, node) => sum + node.costUsd, 0),
    truncated,
  };
}
