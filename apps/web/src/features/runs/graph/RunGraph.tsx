import { Background, Controls, Handle, Position, ReactFlow, type Edge, type Node, type NodeProps } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { clsx } from 'clsx';
import { useMemo } from 'react';
import { layoutGraph } from '../../pipelines/graph/layout';
import { STEP_STATUS_NODE } from '../run-status';
import type { RunGraphStep } from './run-graph-steps';

export interface RunGraphProps {
  steps: readonly RunGraphStep[];
  /** The step whose details are open, outlined. */
  selected: string | null;
  onSelect: (stepId: string) => void;
}

const NODE_WIDTH = 190;
const NODE_HEIGHT = 60;

// The index signature meets React Flow's `Record<string, unknown>` constraint on node data.
interface StepNodeData {
  [key: string]: unknown;
  id: string;
  type: string;
  status: RunGraphStep['status'];
  items: RunGraphStep['items'];
  selected: boolean;
  onSelect: (id: string) => void;
}
type StepNode = Node<StepNodeData, 'step'>;

function StepNodeView({ data }: NodeProps<StepNode>) {
  return (
    <button
      type="button"
      onClick={() => data.onSelect(data.id)}
      aria-pressed={data.selected}
      aria-label={`${data.id}: ${data.status.replace('_', ' ')}`}
      className={clsx(
        'flex h-full w-full cursor-pointer flex-col justify-center rounded-lg border-2 px-3 text-left shadow-xs',
        'focus-visible:outline-2 focus-visible:outline-indigo-600',
        STEP_STATUS_NODE[data.status],
        data.selected && 'ring-2 ring-indigo-500 ring-offset-1',
        data.status === 'running' && 'animate-pulse',
      )}
      data-step-status={data.status}
    >
      <Handle type="target" position={Position.Left} isConnectable={false} className="!opacity-0" />
      <span className="truncate font-mono text-[13px] font-semibold" title={data.id}>
        {data.id}
      </span>
      <span className="text-[11px] tracking-wide uppercase opacity-75">
        {data.type} · {data.status.replace('_', ' ')}
        {data.items && ` · ${data.items.done}/${data.items.total}`}
      </span>
      <Handle type="source" position={Position.Right} isConnectable={false} className="!opacity-0" />
    </button>
  );
}

const NODE_TYPES = { step: StepNodeView };

/**
 * The run's steps as the pipeline graph lays them out (the pipelines feature's layout), each node coloured
 * by its step run's status and clickable to open the step. Read-only like the editor's graph; nodes are
 * buttons so the keyboard reaches them.
 */
export function RunGraph({ steps, selected, onSelect }: RunGraphProps) {
  const layout = useMemo(() => layoutGraph(steps, { nodeWidth: NODE_WIDTH, nodeHeight: NODE_HEIGHT }), [steps]);
  const byId = useMemo(() => new Map(steps.map((step) => [step.id, step])), [steps]);
  const nodes = layout.steps.map((placed): StepNode => ({
    id: placed.id,
    type: 'step',
    position: { x: placed.x, y: placed.y },
    data: {
      id: placed.id,
      type: placed.type,
      status: byId.get(placed.id)?.status ?? 'not_started',
      items: byId.get(placed.id)?.items ?? null,
      selected: placed.id === selected,
      onSelect,
    },
    width: NODE_WIDTH,
    height: NODE_HEIGHT,
    draggable: false,
    connectable: false,
  }));
  const edges = layout.edges.map((edge): Edge => ({
    ...edge,
    type: 'smoothstep',
    animated: byId.get(edge.target)?.status === 'running',
  }));

  return (
    <div role="region" aria-label="Run graph" className="h-full min-h-72 w-full">
      <ReactFlow
        key={layout.steps.map((step) => step.id).join(',')}
        nodes={nodes}
        edges={edges}
        nodeTypes={NODE_TYPES}
        fitView
        fitViewOptions={{ padding: 0.2, maxZoom: 1.2 }}
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable={false}
        edgesFocusable={false}
        zoomOnScroll={false}
        preventScrolling={false}
        minZoom={0.2}
      >
        <Background gap={16} />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}
