/**
 * The dependency structure of a pipeline: edges from each need to the step that needs it, and from a
 * step to its fallback (a fallback runs only in place of the step that failed, never by itself).
 */
export interface PipelineGraph {
  /** Every step after all of its needs (and after the step it is a fallback for): a valid run order. */
  order: string[];
  /** Step id → the steps it waits for (its `needs`, plus the step it stands in for as a fallback). */
  upstream: Record<string, string[]>;
  /** Step id → the steps waiting for it. */
  downstream: Record<string, string[]>;
  /** Steps that can start as soon as the run does. */
  roots: string[];
}

export interface GraphProblems {
  /** Each cycle as the ids along it, the first repeated at the end (`a → b → a`). */
  cycles: string[][];
  /** Steps that can never start because they wait on a cycle. */
  unreachable: string[];
}

/** Builds the graph of steps with `edges` (upstream id → downstream ids); reports cycles and what they block. */
export function buildGraph(ids: readonly string[], upstreamOf: (id: string) => readonly string[]): PipelineGraph & GraphProblems {
  const upstream: Record<string, string[]> = {};
  const downstream: Record<string, string[]> = {};
  for (const id of ids) downstream[id] = [];
  for (const id of ids) {
    upstream[id] = [...new Set(upstreamOf(id))].filter((up) => Object.hasOwn(downstream, up));
    for (const up of upstream[id]) downstream[up]?.push(id);
  }
  // Kahn's algorithm: what is left over waits on a cycle, or is on one.
  const waiting = new Map(ids.map((id) => [id, upstream[id]?.length ?? 0]));
  const roots = ids.filter((id) => waiting.get(id) === 0);
  const order: string[] = [];
  const ready = [...roots];
  for (let id = ready.shift(); id !== undefined; id = ready.shift()) {
    order.push(id);
    for (const down of downstream[id] ?? []) {
      const left = (waiting.get(down) ?? 0) - 1;
      waiting.set(down, left);
      if (left === 0) ready.push(down);
    }
  }
  const placed = new Set(order);
  const left = ids.filter((id) => !placed.has(id));
  const cycles = findCycles(left, upstream);
  const onCycle = new Set(cycles.flat());
  return { order, upstream, downstream, roots, cycles, unreachable: left.filter((id) => !onCycle.has(id)) };
}

/** Disjoint cycles among `ids`, found by depth-first search along upstream edges. */
function findCycles(ids: readonly string[], upstream: Record<string, string[]>): string[][] {
  const cycles: string[][] = [];
  const done = new Set<string>();
  const inCycle = new Set<string>();
  for (const start of ids) {
    if (done.has(start)) continue;
    const stack: { id: string; next: number }[] = [{ id: start, next: 0 }];
    const onStack = new Map<string, number>([[start, 0]]);
    for (let frame = stack.at(-1); frame; frame = stack.at(-1)) {
      const edges = upstream[frame.id] ?? [];
      if (frame.next >= edges.length) {
        stack.pop();
        onStack.delete(frame.id);
        done.add(frame.id);
        continue;
      }
      const next = edges[frame.next++] ?? '';
      const position = onStack.get(next);
      if (position !== undefined) {
        const cycle = stack.slice(position).map((entry) => entry.id);
        if (!cycle.some((id) => inCycle.has(id))) {
          // Upstream edges point backwards; reverse so the cycle reads in run order, from where it was entered.
          const [first = next, ...rest] = cycle;
          cycles.push([first, ...rest.reverse(), first]);
          for (const id of cycle) inCycle.add(id);
        }
      } else if (!done.has(next)) {
        onStack.set(next, stack.length);
        stack.push({ id: next, next: 0 });
      }
    }
  }
  return cycles;
}

/** Every step `id` transitively waits for. */
export function ancestorsOf(graph: Pick<PipelineGraph, 'upstream'>, id: string): Set<string> {
  const seen = new Set<string>();
  const pending = [...(graph.upstream[id] ?? [])];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (seen.has(next)) continue;
    seen.add(next);
    pending.push(...(graph.upstream[next] ?? []));
  }
  return seen;
}
