import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { layoutGraph } from './layout';
import { fitViewport, stepEdgePath, zoomViewport } from './step-graph-view';
import { StepGraphCanvas } from './StepGraphCanvas';

describe('the step graph view', () => {
  it('fits a graph centred with room around it, never enlarged past 1.2 nor shrunk past 0.2', () => {
    expect(fitViewport(500, 100, { width: 700, height: 400 })).toEqual({ x: 100, y: 150, zoom: 1 });
    expect(fitViewport(100, 50, { width: 1000, height: 1000 }).zoom).toBe(1.2);
    expect(fitViewport(100_000, 50, { width: 1000, height: 1000 }).zoom).toBe(0.2);
  });

  it('zooms about a point, keeping the graph point under it in place', () => {
    const zoomed = zoomViewport({ x: 10, y: 20, zoom: 1 }, 2, 110, 120);
    expect(zoomed).toEqual({ x: -90, y: -80, zoom: 2 });
    // The graph point (100, 100) was at (110, 120) and still is.
    expect([100 * zoomed.zoom + zoomed.x, 100 * zoomed.zoom + zoomed.y]).toEqual([110, 120]);
  });

  it('joins nodes with right angles rounded at the corners, or a straight line on one row', () => {
    expect(stepEdgePath(0, 10, 100, 10)).toBe('M0,10L100,10');
    expect(stepEdgePath(0, 0, 100, 80)).toBe('M0,0L45,0Q50,0 50,5L50,75Q50,80 55,80L100,80');
  });
});

describe('StepGraphCanvas', () => {
  const layout = layoutGraph(
    [
      { id: 'a', type: 'http', needs: [] },
      { id: 'b', type: 'prompt', needs: ['a'] },
    ],
    { nodeWidth: 100, nodeHeight: 40 },
  );
  const renderGraph = () =>
    render(
      <StepGraphCanvas
        label="Step graph"
        layout={layout}
        nodeWidth={100}
        nodeHeight={40}
        animated={(edge) => edge.target === 'b'}
        renderNode={(step) => <span data-step={step.id}>{step.id}</span>}
      />,
    );
  const layer = () => screen.getByRole('region', { name: 'Step graph' }).querySelector<HTMLElement>('[style*="scale"]');

  it('draws every node at its place and every edge, animating the ones asked for', () => {
    renderGraph();
    const graph = screen.getByRole('region', { name: 'Step graph' });
    expect(graph.querySelector('[data-step="b"]')?.parentElement).toHaveStyle({ left: '160px', top: '0px', width: '100px' });
    const edge = graph.querySelector('[data-edge="a->b"]');
    expect(edge).toHaveAttribute('d', 'M100,20L160,20');
    expect(edge?.querySelector('animate')).not.toBeNull();
  });

  it('zooms with its buttons and fits the view again', () => {
    renderGraph();
    const start = layer()?.style.transform;
    fireEvent.click(screen.getByRole('button', { name: 'Zoom in' }));
    expect(layer()?.style.transform).toContain('scale(1.2)');
    fireEvent.click(screen.getByRole('button', { name: 'Zoom out' }));
    fireEvent.click(screen.getByRole('button', { name: 'Zoom out' }));
    expect(layer()?.style.transform).toMatch(/scale\(0\.83/);
    fireEvent.click(screen.getByRole('button', { name: 'Fit view' }));
    expect(layer()?.style.transform).toBe(start);
  });
});
