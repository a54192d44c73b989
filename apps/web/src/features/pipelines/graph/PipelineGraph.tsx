import { Background, Controls, Handle, Position, ReactFlow, type Edge, type Node, type NodeProps } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { clsx } from 'clsx';
import { useMemo } from 'react';
import { layoutGraph, type GraphStep } from './layout';
import { stepColor } from './step-colors';

export interface PipelineGraphProps {
  steps: readonly GraphStep[];
  /** Names the graph region, e.g. "Step graph". */
  label: string;
}

const NODE_WIDTH = 180;
const NODE_HEIGHT = 56;

type StepNode = Node<{ id: string; type: string }, 'step'>;

function StepNodeView({ data }: NodeProps<StepNode>) {
  return (
    <div
      className={clsx('flex h-full w-full flex-col justify-center rounded-lg border px-3 shadow-xs', stepColor(data.type))}
      data-step-type={data.type}
    >
      <Handle type="target" position={Position.Left} isConnectable={false} className="!opacity-0" />
      <span className="truncate font-mono text-[13px] font-semibold" title={data.id}>
        {data.id}
      </span>
      <span className="text-[11px] tracking-wide uppercase opacity-70">{data.type}</span>
      <Handle type="source" position={Position.Right} isConnectable={false} className="!opacity-0" />
    </div>
  );
}

const NODE_TYPES = { step: StepNodeView };

/**
 * The steps as a read-only graph, laid out in columns by `needs` (see layoutGraph). Nothing can be
 * dragged or connected: the YAML is the one place a pipeline is edited.
 */
export function PipelineGraph({ steps, label }: PipelineGraphProps) {
  const { nodes, edges } = useMemo(() => {
    const layout = layoutGraph(steps, { nodeWidth: NODE_WIDTH, nodeHeight: NODE_HEIGHT });
    return {
      nodes: layout.steps.map((step): StepNode => ({
        id: step.id,
        type: 'step',
        position: { x: step.x, y: step.y },
        data: { id: step.id, type: step.type },
        width: NODE_WIDTH,
        height: NODE_HEIGHT,
        draggable: false,
        connectable: false,
      })),
      edges: layout.edges.map((edge): Edge => ({ ...edge, type: 'smoothstep' })),
    };
  }, [steps]);

  return (
    <div role="region" aria-label={label} className="h-full min-h-72 w-full">
      <ReactFlow
        // A new layout (steps added or removed) refits the view.
        key={nodes.map((node) => node.id).join(',')}
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
