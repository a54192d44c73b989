import { Maximize, Minus, Plus, type LucideIcon } from 'lucide-react';
import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  type PointerEvent,
  type ReactNode,
  type WheelEvent,
} from 'react';
import type { GraphEdge, GraphLayout, PlacedStep } from './layout';
import { fitViewport, stepEdgePath, zoomViewport, type Viewport } from './step-graph-view';

export interface StepGraphCanvasProps {
  /** Names the graph region, e.g. "Step graph". */
  label: string;
  layout: GraphLayout;
  nodeWidth: number;
  nodeHeight: number;
  /** The content of a node's box (the box is placed and sized by the canvas). */
  renderNode: (step: PlacedStep) => ReactNode;
  /** Edges drawn as moving dashes, e.g. into a running step. */
  animated?: (edge: GraphEdge) => boolean;
}

/** React Flow's background dots and edge colour, which the graphs had before this canvas. */
const DOT_COLOR = '#91919a';
const EDGE_COLOR = '#b1b1b7';
const DOT_GAP = 16;
const BUTTON_ZOOM = 1.2;

const controlClasses =
  'flex size-7 items-center justify-center border-b border-slate-200 bg-white text-slate-700 last:border-b-0 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-indigo-600';

/**
 * A read-only step graph: nodes at the layout's positions joined by right-angled edges, over a dotted
 * background. Drag to pan; zoom with the buttons or a pinch (Ctrl + wheel); the scroll wheel scrolls
 * the page. The view fits the graph when it appears, when its steps change and when its box is
 * resized, until the visitor pans or zooms.
 */
export function StepGraphCanvas({ label, layout, nodeWidth, nodeHeight, renderNode, animated }: StepGraphCanvasProps) {
  const boxRef = useRef<HTMLDivElement>(null);
  const [view, setView] = useState<Viewport>({ x: 0, y: 0, zoom: 1 });
  /** The visitor moved the view: resizes and new edges no longer refit it. */
  const moved = useRef(false);
  const drag = useRef<{ pointer: number; x: number; y: number } | null>(null);
  const byId = new Map(layout.steps.map((step) => [step.id, step]));
  const { width, height } = layout;

  // A new layout of the same size (a status changed) keeps the view; steps added or moved refit it.
  const fit = useCallback(() => {
    const box = boxRef.current;
    if (box) setView(fitViewport(width, height, { width: box.clientWidth, height: box.clientHeight }));
  }, [width, height]);

  useLayoutEffect(() => {
    moved.current = false;
    fit();
  }, [fit]);

  useEffect(() => {
    const box = boxRef.current;
    if (!box || typeof ResizeObserver === 'undefined') return undefined;
    const observer = new ResizeObserver(() => {
      if (!moved.current) fit();
    });
    observer.observe(box);
    return () => observer.disconnect();
  }, [fit]);

  const zoomBy = (factor: number, at?: { x: number; y: number }) => {
    const box = boxRef.current;
    moved.current = true;
    setView((current) =>
      zoomViewport(current, factor, at?.x ?? (box?.clientWidth ?? 0) / 2, at?.y ?? (box?.clientHeight ?? 0) / 2),
    );
  };

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    // Nodes (buttons) and the controls keep their clicks.
    if (event.button !== 0 || (event.target as Element).closest('button')) return;
    drag.current = { pointer: event.pointerId, x: event.clientX, y: event.clientY };
    event.currentTarget.setPointerCapture?.(event.pointerId);
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    const from = drag.current;
    if (!from || from.pointer !== event.pointerId) return;
    drag.current = { ...from, x: event.clientX, y: event.clientY };
    moved.current = true;
    setView((current) => ({ ...current, x: current.x + event.clientX - from.x, y: current.y + event.clientY - from.y }));
  };
  const endDrag = () => {
    drag.current = null;
  };
  const onWheel = (event: WheelEvent<HTMLDivElement>) => {
    // A trackpad pinch arrives as a wheel event with Ctrl; a plain wheel scrolls the page.
    if (!event.ctrlKey) return;
    event.preventDefault();
    const rect = event.currentTarget.getBoundingClientRect();
    zoomBy(Math.exp(-event.deltaY / 100), { x: event.clientX - rect.left, y: event.clientY - rect.top });
  };

  const gap = DOT_GAP * view.zoom;
  return (
    <div role="region" aria-label={label} className="relative h-full min-h-72 w-full overflow-hidden">
      <div
        ref={boxRef}
        className="absolute inset-0 cursor-grab touch-none select-none active:cursor-grabbing"
        style={{
          backgroundImage: `radial-gradient(circle, ${DOT_COLOR} ${Math.max(0.5, view.zoom / 2)}px, transparent 0)`,
          backgroundSize: `${gap}px ${gap}px`,
          backgroundPosition: `${view.x % gap}px ${view.y % gap}px`,
        }}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={endDrag}
        onPointerCancel={endDrag}
        onWheel={onWheel}
      >
        <div
          className="absolute top-0 left-0 origin-top-left"
          style={{ transform: `translate(${view.x}px, ${view.y}px) scale(${view.zoom})` }}
        >
          <svg
            aria-hidden="true"
            className="absolute top-0 left-0 overflow-visible"
            width={Math.max(1, layout.width)}
            height={Math.max(1, layout.height)}
          >
            {layout.edges.map((edge) => {
              const source = byId.get(edge.source);
              const target = byId.get(edge.target);
              if (!source || !target) return null;
              const moving = animated?.(edge) ?? false;
              return (
                <path
                  key={edge.id}
                  data-edge={edge.id}
                  d={stepEdgePath(source.x + nodeWidth, source.y + nodeHeight / 2, target.x, target.y + nodeHeight / 2)}
                  fill="none"
                  stroke={EDGE_COLOR}
                  strokeWidth={1}
                  strokeDasharray={moving ? 5 : undefined}
                >
                  {moving && <animate attributeName="stroke-dashoffset" from="10" to="0" dur="0.5s" repeatCount="indefinite" />}
                </path>
              );
            })}
          </svg>
          {layout.steps.map((step) => (
            <div key={step.id} className="absolute" style={{ left: step.x, top: step.y, width: nodeWidth, height: nodeHeight }}>
              {renderNode(step)}
            </div>
          ))}
        </div>
      </div>
      <div className="absolute bottom-3 left-3 flex flex-col overflow-hidden rounded-md border border-slate-200 shadow-xs">
        <ControlButton label="Zoom in" icon={Plus} onClick={() => zoomBy(BUTTON_ZOOM)} />
        <ControlButton label="Zoom out" icon={Minus} onClick={() => zoomBy(1 / BUTTON_ZOOM)} />
        <ControlButton
          label="Fit view"
          icon={Maximize}
          onClick={() => {
            moved.current = false;
            fit();
          }}
        />
      </div>
    </div>
  );
}

/** One of the graph's view controls: an icon button named by its label. */
function ControlButton({ label, icon: Icon, onClick }: { label: string; icon: LucideIcon; onClick: () => void }) {
  return (
    <button type="button" aria-label={label} title={label} className={controlClasses} onClick={onClick}>
      <Icon className="size-3.5" aria-hidden="true" />
    </button>
  );
}
