/** A step as the validation's graph lists it. */
export interface GraphStep {
  id: string;
  type: string;
  needs: readonly string[];
}

export interface PlacedStep extends GraphStep {
  /** Column: the longest chain of `needs` from a root (a step that needs nothing) to this step. */
  layer: number;
  /** Row within the column. */
  order: number;
  x: number;
  y: number;
}

export interface GraphEdge {
  id: string;
  source: string;
  target: string;
}

export interface GraphLayout {
  steps: PlacedStep[];
  /** Only edges between steps that exist: a need naming an unknown step is a validation issue, not a line. */
  edges: GraphEdge[];
  width: number;
  height: number;
}

export interface LayoutOptions {
  /** Node box size and the gaps between columns and rows, in px. Defaults 180×56, 60 and 24. */
  nodeWidth?: number;
  nodeHeight?: number;
  columnGap?: number;
  rowGap?: number;
}

/**
 * A layered left-to-right layout: each step sits one column right of its furthest need, so every edge
 * points rightwards. Within a column, steps are ordered by the mean row of their needs (fewer crossings),
 * then by their order in the document. A cycle (reported by validation) is cut at the edge that closes
 * it, so the graph still draws.
 */
export function layoutGraph(steps: readonly GraphStep[], options: LayoutOptions = {}): GraphLayout {
  const { nodeWidth = 180, nodeHeight = 56, columnGap = 60, rowGap = 24 } = options;
  const byId = new Map(steps.map((step) => [step.id, step]));
  const layers = new Map<string, number>();
  const visiting = new Set<string>();

  const layerOf = (id: string): number => {
    const known = layers.get(id);
    if (known !== undefined) return known;
    visiting.add(id);
    let layer = 0;
    for (const need of byId.get(id)?.needs ?? []) {
      if (!byId.has(need) || visiting.has(need)) continue;
      layer = Math.max(layer, layerOf(need) + 1);
    }
    visiting.delete(id);
    layers.set(id, layer);
    return layer;
  };
  for (const step of steps) layerOf(step.id);

  const columns: GraphStep[][] = [];
  for (const step of steps) (columns[layers.get(step.id) ?? 0] ??= []).push(step);

  const rows = new Map<string, number>();
  const placed: PlacedStep[] = [];
  columns.forEach((column, layer) => {
    const rank = (step: GraphStep) => {
      const parents = step.needs.map((need) => rows.get(need)).filter((row): row is number => row !== undefined);
      return parents.length === 0 ? Number.POSITIVE_INFINITY : parents.reduce((a, b) => a + b, 0) / parents.length;
    };
    const indexed = column.map((step, index) => ({ step, index, rank: rank(step) }));
    // Roots keep document order; others follow their needs (a stable sort keeps ties in document order).
    indexed.sort((a, b) => (a.rank === b.rank ? a.index - b.index : a.rank - b.rank));
    indexed.forEach(({ step }, order) => {
      rows.set(step.id, order);
      placed.push({ ...step, layer, order, x: layer * (nodeWidth + columnGap), y: order * (nodeHeight + rowGap) });
    });
  });

  const edges: GraphEdge[] = [];
  for (const step of steps) {
    for (const need of new Set(step.needs)) {
      if (byId.has(need)) edges.push({ id: `${need}->${step.id}`, source: need, target: step.id });
    }
  }
  const tallest = Math.max(0, ...columns.map((column) => column.length));
  return {
    steps: placed,
    edges,
    width: columns.length === 0 ? 0 : columns.length * nodeWidth + (columns.length - 1) * columnGap,
    height: tallest === 0 ? 0 : tallest * nodeHeight + (tallest - 1) * rowGap,
  };
}
