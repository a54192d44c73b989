import { z } from 'zod';
import { TokenUsageSchema } from '../llm.js';
import { TaskErrorSchema, TaskKindSchema, TaskStatusSchema } from '../tasks.js';
import { FleetTaskSchema } from './task.js';

/** Most agent tasks one tree answers; a deeper or wider tree says `truncated`. */
export const MAX_FLEET_TASK_TREE_NODES = 500;

/** How a node got its work: the fleet's strategy placed it, or another agent delegated it. */
export const FleetTaskPlacementSchema = z
  .object({
    /** The fleet task's attempt this placement started. */
    attempt: z.int().min(1),
    strategy: z.string(),
    /** The routing record's reason. */
    reason: z.string(),
    /** `chosen`: it answered; `aggregator`: it merged a broadcast's answers. */
    as: z.enum(['chosen', 'aggregator']),
  })
  .meta({ id: 'FleetTaskPlacement' });
export type FleetTaskPlacement = z.infer<typeof FleetTaskPlacementSchema>;

/** One agent task under a fleet task: placed by the fleet, or delegated by the agent task `parentId`. */
export const FleetTaskTreeNodeSchema = z
  .object({
    /** The agent task. */
    id: z.uuid(),
    /** The agent task that delegated it; null for a task the fleet placed. */
    parentId: z.uuid().nullable(),
    /** 0 for a placed task, 1 for what it delegated, and so on. */
    depth: z.int().min(0),
    agentId: z.uuid(),
    /** Null when the agent has since been deleted. */
    agentName: z.string().nullable(),
    kind: TaskKindSchema,
    status: TaskStatusSchema,
    summary: z.string(),
    startedAt: z.iso.datetime(),
    finishedAt: z.iso.datetime().nullable(),
    durationMs: z.int().nullable(),
    usage: TokenUsageSchema,
    costUsd: z.number(),
    llmCalls: z.int(),
    error: TaskErrorSchema.nullable(),
    /** Why the fleet chose it (its routing record); null for a delegated task. */
    placement: FleetTaskPlacementSchema.nullable(),
  })
  .meta({ id: 'FleetTaskTreeNode' });
export type FleetTaskTreeNode = z.infer<typeof FleetTaskTreeNodeSchema>;

/** What one agent spent inside the tree: the sum of its nodes. */
export const FleetTaskAgentCostSchema = z
  .object({
    agentId: z.uuid(),
    agentName: z.string().nullable(),
    tasks: z.int(),
    llmCalls: z.int(),
    costUsd: z.number(),
  })
  .meta({ id: 'FleetTaskAgentCost' });
export type FleetTaskAgentCost = z.infer<typeof FleetTaskAgentCostSchema>;

/**
 * A fleet task as a waterfall: the task, every agent task it placed (every attempt) and every task
 * those delegated, parents before children and siblings by start time, and the cost per agent.
 * The agent tasks of an attempt still running join the tree when the attempt ends.
 */
export const FleetTaskTreeSchema = z
  .object({
    task: FleetTaskSchema,
    nodes: z.array(FleetTaskTreeNodeSchema),
    /** Largest spender first. */
    costByAgent: z.array(FleetTaskAgentCostSchema),
    /** The sum over the nodes listed. */
    totalCostUsd: z.number(),
    /** True when the tree had more than `MAX_FLEET_TASK_TREE_NODES` agent tasks: the rest are left out. */
    truncated: z.boolean(),
  })
  .meta({ id: 'FleetTaskTree' });
export type FleetTaskTree = z.infer<typeof FleetTaskTreeSchema>;
