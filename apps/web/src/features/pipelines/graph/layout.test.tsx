import { describe, expect, it } from 'vitest';
import { layoutGraph, type GraphStep } from './layout';

const step = (id: string, needs: string[] = [], type = 'transform'): GraphStep => ({ id, type, needs });
const where = (steps: ReturnType<typeof layoutGraph>['steps']) =>
  Object.fromEntries(steps.map((placed) => [placed.id, [placed.layer, placed.order]]));

describe('layoutGraph', () => {
  it('puts each step one column right of its furthest need (longest path from a root)', () => {
    // c needs a directly and through b: it goes after b, not beside it.
    const layout = layoutGraph([step('a'), step('b', ['a']), step('c', ['a', 'b']), step('d')]);
    expect(where(layout.steps)).toEqual({ a: [0, 0], d: [0, 1], b: [1, 0], c: [2, 0] });
    expect(layout.edges.map((edge) => edge.id)).toEqual(['a->b', 'a->c', 'b->c']);
  });

  it('orders a column by the rows of the needs, so a fan-out and its join do not cross', () => {
    const layout = layoutGraph([step('left'), step('right'), step('fromRight', ['right']), step('fromLeft', ['left'])]);
    expect(where(layout.steps)).toEqual({ left: [0, 0], right: [0, 1], fromLeft: [1, 0], fromRight: [1, 1] });
  });

  it('computes pixel positions and the overall size from the node size and gaps', () => {
    const layout = layoutGraph([step('a'), step('b', ['a']), step('c', ['a'])], {
      nodeWidth: 100,
      nodeHeight: 40,
      columnGap: 20,
      rowGap: 10,
    });
    const b = layout.steps.find((placed) => placed.id === 'c');
    expect(b).toMatchObject({ x: 120, y: 50 });
    expect([layout.width, layout.height]).toEqual([220, 90]);
  });

  it('ignores needs on unknown steps and still lays out a cycle', () => {
    const layout = layoutGraph([step('a', ['b']), step('b', ['a']), step('c', ['ghost'])]);
    expect(layout.steps).toHaveLength(3);
    expect(layout.edges.map((edge) => edge.id).sort()).toEqual(['a->b', 'b->a']);
    expect(layout.steps.find((placed) => placed.id === 'c')?.layer).toBe(0);
  });

  it('is empty for no steps', () => {
    expect(layoutGraph([])).toEqual({ steps: [], edges: [], width: 0, height: 0 });
  });
});
