import type { BodyStep, LlmCall, PipelineDefinition, Step } from '@agent-fleet/contracts';
import { ZERO_USAGE } from '@agent-fleet/contracts';
import { z } from 'zod';
import type { ExpressionEvaluator } from '../expression-evaluator.js';
import type { ExpressionScope } from '../expression.js';
import { validateRunInput } from '../run-input.js';
import { type Advancer, type Finish } from './advance.js';
import { parseDuration, retryDelay } from './durations.js';
import { parkFleetStep, submitFleetStep } from './fleet-step.js';
import type { RunPlan } from './run-plan.js';
import { runScope } from './run-scope.js';
import type { RunRow, RunStore, Spend, StepRunRow } from './run-store.js';
import { addSpend, type RunTransaction } from './run-transaction.js';
import { isActionStep, runAction, type StepActionDependencies } from './step-actions.js';
import { retries, StepFailure, toStepFailure } from './step-failure.js';

/** A pipeline version a run can start on. */
export interface ResolvedPipeline {
  pipelineId: string;
  name: string;
  version: number;
  versionId: string;
  label: string | null;
  definition: PipelineDefinition;
}

/** Resolves `name`, `name@label` or `name@<version>` in a workspace. */
export interface PipelineVersionResolver {
  resolve(workspaceId: string, ref: string): Promise<ResolvedPipeline | null>;
}

/** How one attempt of a step ended, before the transaction that records it. */
export type Outcome =
  | { kind: 'finish'; finish: Finish }
  | { kind: 'fail'; failure: StepFailure; spend: Spend | undefined; input?: unknown }
  | { kind: 'timer'; dueAt: Date; input?: unknown }
  | { kind: 'approval'; dueAt: Date | null; message: string | null; input?: unknown }
  | { kind: 'map'; items: unknown[]; input?: unknown }
  | { kind: 'loop' }
  /** `traceContext`: the attempt's span, which the child run's span hangs under (see run-tracing.ts). */
  | { kind: 'child'; target: ResolvedPipeline; input: Record<string, unknown>; traceContext?: string | null }
  | { kind: 'fleet'; taskId: string; fleetId: string; input: unknown };

export interface StepRunnerContext {
  store: RunStore;
  evaluator: ExpressionEvaluator;
  actions: StepActionDependencies;
  versions: PipelineVersionResolver;
  clock: () => Date;
}

/**
 * Step types whose every effect is a row of this database: a step of these types runs inside the
 * transaction that made it ready, with no claim of its own, no queue hop and no commit of its own (a
 * crash before that commit loses nothing, since nothing outside the database happened). A `pipeline`
 * step is not one of them: it resolves the child's version outside the transaction.
 */
const IN_TRANSACTION = new Set(['transform', 'map', 'loop', 'wait', 'approval']);
export const runsInTransaction = (type: string): boolean => IN_TRANSACTION.has(type);

/** The step's definition: a top-level step, or the body of the map or loop an item belongs to. */
export function definitionOf(plan: RunPlan, step: StepRunRow): Step | BodyStep {
  const definition = plan.step(step.stepId);
  if (step.parentId === null) return definition;
  if (definition.type === 'map' || definition.type === 'loop') return definition.step;
  throw new Error(`Step run ${step.key} has a parent but "${step.stepId}" is a ${definition.type} step`);
}

/** Validates a result against the step's `output` JSON Schema. */
export function checkOutput(schema: Record<string, unknown> | undefined, output: unknown): void {
  if (!schema) return;
  const result = z.fromJSONSchema(schema).safeParse(output);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');
    throw new StepFailure('invalid_output', `The result does not match the step's output schema: ${problems}`, 'invalid_output');
  }
}

/**
 * Runs one claimed attempt of a step, outside any transaction, and says how it ended. It never throws:
 * every error becomes an outcome, so the attempt is always recorded.
 */
export async function executeStep(
  context: StepRunnerContext,
  plan: RunPlan,
  run: RunRow,
  step: StepRunRow,
  signal: AbortSignal,
): Promise<Outcome> {
  const definition = definitionOf(plan, step);
  const spent: Spend[] = [];
  let input: unknown;
  try {
    const scope: ExpressionScope = await runScope(context.store, run, plan.reads.get(step.stepId) ?? []);
    if (step.parentId !== null) {
      scope.index = step.index ?? 0;
      if (step.input && typeof step.input === 'object' && 'item' in step.input)
        scope.item = (step.input as { item: unknown }).item;
    }
    const top = step.parentId === null ? plan.step(step.stepId) : null;
    if (top?.if !== undefined && (await context.evaluator.evaluate(top.if, scope)) !== true) {
      return { kind: 'finish', finish: { status: 'skipped', reason: '"if" was false' } };
    }
    const render = (value: unknown) => context.evaluator.render(value, scope);
    const params = ((await render(definition.with ?? {})) ?? {}) as Record<string, unknown>;
    input = step.parentId === null ? params : { ...(step.input as object), with: params };
    if (definition.type === 'fleet') {
      const task = await submitFleetStep(context.actions.fleetSteps, definition, {
        workspaceId: run.workspaceId,
        runId: run.id,
        priority: run.priority,
        step,
        render,
        checkBudget: () => checkBudget(context.store, run),
      });
      return { kind: 'fleet', ...task, input };
    }
    if (isActionStep(definition)) {
      const timeoutMs = plan.timeoutOf(definition);
      const stepSignal = timeoutMs === null ? signal : AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]);
      const result = await runAction(
        definition,
        {
          workspaceId: run.workspaceId,
          runId: run.id,
          stepKey: step.key,
          render,
          params,
          signal: stepSignal,
          checkBudget: () => checkBudget(context.store, run),
          onLedger: (call: LlmCall) => spent.push({ usage: call.usage, costUsd: call.costUsd, llmCalls: 1 }),
        },
        context.actions,
      ).catch((error: unknown) => {
        // The step's own timeout, not a cancel: report it as a timeout the retry policy can name.
        if (stepSignal.aborted && !signal.aborted)
          throw new StepFailure(
            'timeout',
            `The step ran past its timeout of ${definition.timeout ?? plan.definition.defaults?.timeout}`,
            'timeout',
          );
        throw error;
      });
      if (result.spend) spent.push(result.spend);
      checkOutput(definition.output, result.output);
      return { kind: 'finish', finish: { status: 'succeeded', output: result.output, spend: total(spent), input } };
    }
    switch (definition.type) {
      case 'pipeline': {
        if ((await ancestorCount(context.store, run)) >= MAX_CHILD_DEPTH) {
          throw new StepFailure('too_deep', `Child runs nest at most ${MAX_CHILD_DEPTH} deep`, null);
        }
        const target = await context.versions.resolve(run.workspaceId, definition.pipeline);
        if (!target) throw new StepFailure('unknown_reference', `Pipeline ${definition.pipeline} does not exist`, null);
        const checked = validateRunInput(target.definition.inputs, params);
        if (!checked.ok) {
          throw new StepFailure(
            'invalid_input',
            checked.issues.map((issue) => `${issue.path}: ${issue.message}`).join('; '),
            null,
          );
        }
        return { kind: 'child', target, input: checked.value };
      }
      case 'map': {
        const items = await context.evaluator.evaluate(definition.items, scope);
        if (!Array.isArray(items)) throw new StepFailure('expression', '"items" did not give a list', null);
        const most = definition.maxItems ?? 1000;
        if (items.length > most)
          throw new StepFailure('too_many_items', `"items" gave ${items.length} items; at most ${most} are allowed`, null);
        return { kind: 'map', items, input };
      }
      case 'loop':
        return { kind: 'loop' };
      case 'wait': {
        const now = context.clock();
        const dueAt = definition.duration
          ? new Date(now.getTime() + parseDuration(definition.duration))
          : new Date(String(await render(definition.until)));
        if (Number.isNaN(dueAt.getTime())) throw new StepFailure('expression', '"until" is not an ISO 8601 time', null);
        return { kind: 'timer', dueAt, input };
      }
      case 'approval': {
        const message = definition.message === undefined ? null : String(await render(definition.message));
        const dueAt = definition.timeout ? new Date(context.clock().getTime() + parseDuration(definition.timeout)) : null;
        return { kind: 'approval', dueAt, message, input };
      }
    }
  } catch (error) {
    return { kind: 'fail', failure: toStepFailure(error), spend: total(spent), input };
  }
}

/**
 * Child runs nest at most this deep. The compiler refuses a pipeline that calls itself through the
 * versions it can see, but labels move later, so the engine bounds the depth as well.
 */
export const MAX_CHILD_DEPTH = 8;

async function ancestorCount(store: RunStore, run: RunRow): Promise<number> {
  let count = 0;
  for (let parent = run.parentRunId; parent !== null && count <= MAX_CHILD_DEPTH; count += 1) {
    parent = (await store.getRun(run.workspaceId, parent))?.parentRunId ?? null;
  }
  return count;
}

const total = (spent: Spend[]): Spend | undefined =>
  spent.length === 0 ? undefined : spent.reduce(addSpend, { usage: ZERO_USAGE, costUsd: 0, llmCalls: 0 });

/** Stops a model call the run cannot afford: with a budget, the run's spend so far must be below it. */
async function checkBudget(store: RunStore, run: RunRow): Promise<void> {
  if (run.budgetUsd === null) return;
  const current = await store.getRun(run.workspaceId, run.id);
  const spent = current?.costUsd ?? 0;
  if (spent >= run.budgetUsd) {
    throw new StepFailure('budget_exceeded', `The run has spent $${spent.toFixed(4)} of its $${run.budgetUsd} budget`, null);
  }
}

/**
 * Records an attempt's outcome in the transaction of its run: a retry (under the step's policy), a
 * wait, a map's items, a loop's first iteration, a child run, or the step's end and what it makes ready.
 */
export async function recordOutcome(
  tx: RunTransaction,
  advancer: Advancer,
  plan: RunPlan,
  step: StepRunRow,
  outcome: Outcome,
  owner: string,
  startChild: (
    tx: RunTransaction,
    target: ResolvedPipeline,
    input: Record<string, unknown>,
    step: StepRunRow,
    traceContext: string | null,
  ) => Promise<RunRow>,
  random: () => number,
): Promise<void> {
  const running = ['running'] as const;
  const definition = definitionOf(plan, step);
  switch (outcome.kind) {
    case 'finish':
      return advancer.finishStep(tx, step, outcome.finish, owner);
    case 'fail': {
      const policy = plan.retryOf(definition);
      const { failure, spend } = outcome;
      if (retries(policy.on, failure.errorClass) && step.attempt < policy.maxAttempts) {
        const delayMs = retryDelay(policy, step.attempt, random);
        const retried = await tx.setStep(
          step,
          {
            status: 'queued',
            leaseOwner: null,
            dueAt: new Date(tx.now.getTime() + delayMs),
            error: failure.toError(),
            ...(spend ? { addSpend: spend } : {}),
          },
          running,
          owner,
        );
        if (retried) tx.emit('step.retrying', step.key, { attempt: step.attempt, error: failure.toError(), delayMs });
        return;
      }
      return advancer.finishStep(tx, step, { status: 'failed', error: failure.toError(), spend, input: outcome.input }, owner);
    }
    case 'timer': {
      if (outcome.dueAt <= tx.now)
        return advancer.finishStep(
          tx,
          step,
          { status: 'succeeded', output: { waitedUntil: outcome.dueAt.toISOString() } },
          owner,
        );
      const waiting = await tx.setStep(
        step,
        { status: 'waiting', dueAt: outcome.dueAt, input: outcome.input, leaseOwner: null },
        running,
        owner,
      );
      if (waiting) tx.emit('step.waiting', step.key, { until: outcome.dueAt.toISOString() });
      return;
    }
    case 'approval': {
      // A decision may have arrived before the step started to wait: it is applied now, exactly once.
      const decided = await tx.store.decision(tx.run.id, step.key);
      if (decided) return advancer.finishStep(tx, step, decisionFinish(decided), owner);
      const waiting = await tx.setStep(
        step,
        { status: 'waiting', dueAt: outcome.dueAt, input: outcome.input, leaseOwner: null, state: { message: outcome.message } },
        running,
        owner,
      );
      if (waiting && definition.type === 'approval') {
        tx.emit('approval.requested', step.key, {
          message: outcome.message,
          roles: definition.assignees.roles,
          dueAt: outcome.dueAt?.toISOString() ?? null,
        });
      }
      return;
    }
    case 'map': {
      if (definition.type !== 'map') return;
      if (outcome.items.length === 0)
        return advancer.finishStep(tx, step, { status: 'succeeded', output: [], input: outcome.input }, owner);
      const first = Math.min(definition.concurrency, outcome.items.length);
      const items = await tx.store.insertStepRuns(
        outcome.items.map((item, index) => ({
          runId: tx.run.id,
          workspaceId: tx.run.workspaceId,
          stepId: step.stepId,
          key: `${step.stepId}[${index}]`,
          parentId: step.id,
          index,
          type: definition.step.type,
          status: index < first ? ('queued' as const) : ('pending' as const),
          priority: tx.run.priority,
          dueAt: index < first ? tx.now : null,
          input: { item },
        })),
      );
      for (const item of items) if (item.status === 'queued') tx.queue(item);
      const state = { total: outcome.items.length, started: first, done: 0, failed: 0 };
      const waiting = await tx.setStep(
        step,
        { status: 'waiting', leaseOwner: null, state, input: outcome.input },
        running,
        owner,
      );
      if (waiting) tx.emit('step.waiting', step.key, { items: outcome.items.length });
      return;
    }
    case 'loop': {
      if (definition.type !== 'loop') return;
      const [iteration] = await tx.store.insertStepRuns([
        {
          runId: tx.run.id,
          workspaceId: tx.run.workspaceId,
          stepId: step.stepId,
          key: `${step.stepId}[0]`,
          parentId: step.id,
          index: 0,
          type: definition.step.type,
          status: 'queued',
          priority: tx.run.priority,
          dueAt: tx.now,
        },
      ]);
      if (iteration) tx.queue(iteration);
      const waiting = await tx.setStep(step, { status: 'waiting', leaseOwner: null, state: { iteration: 0 } }, running, owner);
      if (waiting) tx.emit('step.waiting', step.key, { iteration: 0 });
      return;
    }
    case 'fleet':
      return parkFleetStep(tx, step, outcome, outcome.input, owner);
    case 'child': {
      const child = await startChild(tx, outcome.target, outcome.input, step, outcome.traceContext ?? null);
      const waiting = await tx.setStep(
        step,
        { status: 'waiting', leaseOwner: null, childRunId: child.id, input: outcome.input },
        running,
        owner,
      );
      if (waiting) tx.emit('step.waiting', step.key, { childRunId: child.id });
      return;
    }
  }
}

/** An approval decision as the step's end. */
export function decisionFinish(decided: {
  decision: string;
  comment: string;
  data: Record<string, unknown>;
  decidedByLabel: string | null;
}): Finish {
  if (decided.decision === 'approved') {
    return {
      status: 'succeeded',
      output: { decision: 'approved', comment: decided.comment, data: decided.data, by: decided.decidedByLabel },
    };
  }
  return {
    status: 'failed',
    error: {
      code: 'rejected',
      message: decided.comment || `Rejected${decided.decidedByLabel ? ` by ${decided.decidedByLabel}` : ''}`,
      errorClass: null,
    },
  };
}
