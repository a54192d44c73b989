import {
  initialStrategyState,
  majority,
  routeTask,
  routingTaskFor,
  type BroadcastAnswer,
  type RoutableMember,
  type StrategyPriceCatalogue,
} from '@agent-fleet/core';
import type { FleetStrategy, FleetStrategyState } from '@agent-fleet/contracts';

/**
 * How long a pure strategy takes to place one task in a 50-member fleet: eligibility, the strategy and
 * the routing record together (`routeTask`), as a dispatch runs them. Each decision is timed on its own
 * and the p99 reported; the baseline, timed the same way in the same run, is `Array.prototype.find`
 * over the same 50 members (the least any routing must do: look at every member once), and a copy and
 * sort of them by tasks in flight (about what one ranking costs).
 */
export interface FleetStrategyBench {
  members: number;
  decisions: number;
  baselineP99Us: number;
  /** A second, closer baseline: copying and sorting the 50 members by tasks in flight. */
  sortP99Us: number;
  rows: { name: string; p50Us: number; p99Us: number }[];
}

const MEMBERS = 50;
const SKILLS = ['search', 'review', 'code', 'sql', 'translate', 'summarise', 'legal', 'finance'];
const MODELS = ['cheap', 'mid', 'strong', 'premium', 'unpriced'];
const PRICES: StrategyPriceCatalogue = {
  cheap: { input: 0.1, output: 0.4 },
  mid: { input: 0.4, output: 1.6 },
  strong: { input: 2, output: 8 },
  premium: { input: 3, output: 15 },
};

/** A deterministic fleet: varied skills, models, weights and loads; a few members paused, offline or full. */
function fleet(): RoutableMember[] {
  return Array.from({ length: MEMBERS }, (_, i) => {
    const maxConcurrent = 1 + (i % 5);
    return {
      agentId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      name: `agent-${i}`,
      role: i % 10 === 0 ? 'aggregator' : 'worker',
      weight: 1 + (i % 4),
      maxConcurrent,
      skills: SKILLS.filter((_, s) => (i + s) % 3 === 0),
      inFlight: i % 7 === 0 ? maxConcurrent : i % maxConcurrent,
      model: MODELS[i % MODELS.length] as string,
      adminState: i % 17 === 0 ? 'paused' : 'active',
      observedState: i % 23 === 0 ? 'offline' : 'idle',
    };
  });
}

/** Times `fn` once per call after a warm-up; returns each call's time in microseconds, sorted. */
function timings(iterations: number, fn: (i: number) => unknown): number[] {
  for (let i = 0; i < Math.min(2000, iterations); i += 1) fn(i);
  const out = new Array<number>(iterations);
  for (let i = 0; i < iterations; i += 1) {
    const started = process.hrtime.bigint();
    fn(i);
    out[i] = Number(process.hrtime.bigint() - started) / 1000;
  }
  return out.sort((a, b) => a - b);
}

const quantile = (sorted: number[], q: number): number => sorted[Math.max(0, Math.ceil(sorted.length * q) - 1)] ?? NaN;

export function fleetStrategyBench(decisions = 20_000): FleetStrategyBench {
  const members = fleet();
  const baseline = timings(decisions, (i) => members.find((m) => m.agentId === members[MEMBERS - 1 - (i % 2)]?.agentId));
  const sort = timings(decisions, () => [...members].sort((a, b) => a.inFlight - b.inFlight));
  const strategies: [string, FleetStrategy, string[]][] = [
    ['round_robin', { type: 'round_robin', weighted: false }, []],
    ['round_robin weighted', { type: 'round_robin', weighted: true }, []],
    ['least_loaded', { type: 'least_loaded' }, []],
    ['skill_match (3 skills requested)', { type: 'skill_match' }, ['search', 'sql', 'legal']],
    ['cost_aware', { type: 'cost_aware', escalateOnFailure: true }, []],
    ['broadcast (aggregator)', { type: 'broadcast', combine: 'aggregator' }, []],
  ];
  const rows: FleetStrategyBench['rows'] = [];
  for (const [name, strategy, skills] of strategies) {
    const task = routingTaskFor(strategy, skills);
    let state: FleetStrategyState = initialStrategyState();
    const sorted = timings(decisions, () => {
      state = routeTask(strategy, members, task, state, { prices: PRICES }).state;
    });
    rows.push({ name, p50Us: quantile(sorted, 0.5), p99Us: quantile(sorted, 0.99) });
  }
  const escalating = routingTaskFor(
    { type: 'cost_aware', escalateOnFailure: true },
    [],
    members.slice(0, 5).map((m) => m.agentId),
  );
  const escalation = timings(decisions, () =>
    routeTask({ type: 'cost_aware', escalateOnFailure: true }, members, escalating, initialStrategyState(), { prices: PRICES }),
  );
  rows.push({
    name: 'cost_aware, escalating past 5 failures',
    p50Us: quantile(escalation, 0.5),
    p99Us: quantile(escalation, 0.99),
  });
  const answers: BroadcastAnswer[] = members.map((m, i) => ({
    agentId: m.agentId,
    ok: i % 9 !== 0,
    text: ['Yes.', 'yes', 'No', 'maybe'][i % 4] as string,
    finishedAt: (i * 37) % 101,
  }));
  const vote = timings(decisions, () => majority(answers));
  rows.push({ name: 'majority combine of 50 answers', p50Us: quantile(vote, 0.5), p99Us: quantile(vote, 0.99) });
  return { members: MEMBERS, decisions, baselineP99Us: quantile(baseline, 0.99), sortP99Us: quantile(sort, 0.99), rows };
}

const us = (value: number): string => `${value.toFixed(1)} µs`;

export const describeFleetStrategy = (r: FleetStrategyBench): string =>
  [
    `${r.members} members, ${r.decisions.toLocaleString('en-US')} decisions each; baselines: Array.prototype.find over the members p99 ${us(r.baselineP99Us)}, copy and sort them p99 ${us(r.sortP99Us)}`,
    ...r.rows.map(
      (row) =>
        `${row.name.padEnd(40)} p50 ${us(row.p50Us).padStart(9)}  p99 ${us(row.p99Us).padStart(9)}  (${(row.p99Us / r.baselineP99Us).toFixed(0)}× find, ${(row.p99Us / r.sortP99Us).toFixed(1)}× sort; goal p99 ≤ 1 ms: ${row.p99Us <= 1000 ? 'met' : 'not met'})`,
    ),
  ].join('\n');
