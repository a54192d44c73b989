import { describe, expect, it } from 'vitest';
import { ancestorsOf, buildGraph } from './pipeline-graph.js';

const graphOf = (needs: Record<string, string[]>) => buildGraph(Object.keys(needs), (id) => needs[id] ?? []);

describe('buildGraph', () => {
  it('orders every step after its needs, with roots and both edge directions', () => {
    const graph = graphOf({ report: ['a', 'b'], a: ['fetch'], b: ['fetch'], fetch: [] });
    expect(graph.order).toEqual(['fetch', 'a', 'b', 'report']);
    expect(graph.roots).toEqual(['fetch']);
    expect(graph.downstream.fetch).toEqual(['a', 'b']);
    expect(graph.upstream.report).toEqual(['a', 'b']);
    expect(graph.cycles).toEqual([]);
  });

  it('reports a cycle along its steps, and what waits on it as unreachable', () => {
    const graph = graphOf({ start: [], a: ['start', 'c'], b: ['a'], c: ['b'], after: ['c'], self: ['self'] });
    expect(graph.order).toEqual(['start']);
    expect(graph.cycles).toEqual([
      ['a', 'b', 'c', 'a'],
      ['self', 'self'],
    ]);
    expect(graph.unreachable).toEqual(['after']);
  });

  it('lists every transitive ancestor', () => {
    const graph = graphOf({ a: [], b: ['a'], c: ['b'], d: [] });
    expect([...ancestorsOf(graph, 'c')].sort()).toEqual(['a', 'b']);
    expect(ancestorsOf(graph, 'd').size).toBe(0);
  });
});
