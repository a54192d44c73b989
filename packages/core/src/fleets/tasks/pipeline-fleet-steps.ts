import { FleetTaskSubmitSchema, type FleetTask } from '@agent-fleet/contracts';
import { AppError } from '../../app-error.js';
import type { PipelineEngine } from '../../pipelines/engine/engine.js';
import { settleFleetStep } from '../../pipelines/engine/fleet-step-settle.js';
import type { FleetStepPort, FleetStepRef, FleetStepSubmission } from '../../pipelines/engine/fleet-step.js';
import type { FleetTaskRepository } from './fleet-task-repository.js';
import type { FleetTaskService } from './fleet-task-service.js';

/** A fleet task and the pipeline step run it was submitted for. */
export interface FleetStepTaskRef {
  workspaceId: string;
  fleetId: string;
  taskId: string;
}

/** The queries that join fleet tasks to the pipeline steps waiting for them (db | tx). */
export interface FleetStepLinkRepository {
  /** The id of the workspace's fleet of this name, regardless of case. */
  fleetIdByName(workspaceId: string, name: string): Promise<string | null>;
  /** Queued or running tasks these step runs submitted. */
  openTasksOfSteps(stepRunIds: readonly string[]): Promise<FleetStepTaskRef[]>;
  /** Fleet steps still waiting on a task that has ended, or that no longer exists (its fleet was deleted). */
  waitingOnEndedTasks(limit: number): Promise<FleetStepRef[]>;
  /** Queued or running tasks whose step run has ended (its run was cancelled or failed while a crash hid it). */
  openTasksOfEndedSteps(limit: number): Promise<FleetStepTaskRef[]>;
}

export interface PipelineFleetStepsDependencies {
  links: FleetStepLinkRepository;
  /** Reads outside a transaction. */
  tasks: Pick<FleetTaskRepository, 'find' | 'routingOfTask'>;
  log?: { error(data: object, message: string): void };
}

/**
 * `fleet` pipeline steps on top of fleet tasks. A step submits one task (idempotent by run, step run and
 * attempt, so a step re-run after a crash finds its task instead of submitting another) and parks; the
 * task's end settles it. Every notice is only a shortcut: the dispatcher tells of each end (`taskEnded`),
 * the engine re-checks once the step waits (`parked`), and the fleet dispatcher's sweep (`reconcile`)
 * finds what a crash between the task's commit and the step's left: steps waiting on ended tasks, and
 * open tasks of steps that ended. Settling is idempotent (the step must still wait on that task).
 */
export class PipelineFleetSteps implements FleetStepPort {
  private engine: PipelineEngine | null = null;
  private service: Pick<FleetTaskService, 'submit' | 'cancel'> | null = null;

  constructor(private readonly deps: PipelineFleetStepsDependencies) {}

  /** The engine and the task service, which are built after this (they take it as a dependency). */
  attach(engine: PipelineEngine, service: Pick<FleetTaskService, 'submit' | 'cancel'>): void {
    this.engine = engine;
    this.service = service;
  }

  async submit(request: FleetStepSubmission): Promise<{ taskId: string; fleetId: string }> {
    const service = this.require().service;
    const fleetId = await this.deps.links.fleetIdByName(request.workspaceId, request.fleet);
    if (!fleetId) throw new AppError('not_found', `Fleet ${request.fleet} does not exist`);
    const parsed = FleetTaskSubmitSchema.safeParse({
      input: request.input,
      skills: request.skills,
      priority: request.priority,
      idempotencyKey: request.idempotencyKey,
    });
    if (!parsed.success) {
      const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'task'}: ${issue.message}`).join('; ');
      throw new AppError('validation_failed', `The fleet task is invalid: ${problems}`);
    }
    const { task } = await service.submit(request.workspaceId, fleetId, parsed.data, undefined, {
      runId: request.runId,
      stepRunId: request.stepRunId,
      stepKey: request.stepKey,
    });
    return { taskId: task.id, fleetId };
  }

  async parked(ref: FleetStepRef): Promise<void> {
    await this.settle(ref).catch((error: unknown) => this.fail(error, ref));
  }

  /**
   * Not awaited by the engine's commit: a cancel tells `taskEnded`, which opens a run transaction of its
   * own, and the engine may still be finishing the commit that closed the steps.
   */
  closed(stepRunIds: readonly string[]): Promise<void> {
    void (async () => {
      for (const task of await this.deps.links.openTasksOfSteps(stepRunIds)) await this.cancel(task);
    })().catch((error: unknown) =>
      this.deps.log?.error({ err: error }, 'Cancelling the fleet tasks of closed pipeline steps failed; the sweep will'),
    );
    return Promise.resolve();
  }

  /** A fleet task ended (the dispatcher or a cancel says so): its pipeline step, if any, is settled. */
  async taskEnded(workspaceId: string, task: FleetTask): Promise<void> {
    const step = task.pipelineStep;
    if (!step?.stepRunId || !this.engine) return;
    await this.settle({
      workspaceId,
      runId: step.runId,
      stepRunId: step.stepRunId,
      fleetId: task.fleetId,
      taskId: task.id,
    }).catch((error: unknown) => this.fail(error, { stepRunId: step.stepRunId ?? '', taskId: task.id }));
  }

  /** One reconciliation pass (run by the fleet dispatcher's sweep). */
  async reconcile(limit = 100): Promise<void> {
    if (!this.engine) return;
    for (const ref of await this.deps.links.waitingOnEndedTasks(limit)) {
      await this.settle(ref).catch((error: unknown) => this.fail(error, ref));
    }
    for (const task of await this.deps.links.openTasksOfEndedSteps(limit)) await this.cancel(task);
  }

  private async settle(ref: FleetStepRef): Promise<void> {
    const { engine } = this.require();
    const task = await this.deps.tasks.find(ref.workspaceId, ref.fleetId, ref.taskId);
    if (task && (task.status === 'queued' || task.status === 'running')) return;
    const routing = task ? ((await this.deps.tasks.routingOfTask(ref.workspaceId, task.id)).at(-1) ?? null) : null;
    await settleFleetStep(engine, { runId: ref.runId, stepRunId: ref.stepRunId, taskId: ref.taskId, task, routing });
  }

  private async cancel(task: FleetStepTaskRef): Promise<void> {
    await this.require()
      .service.cancel(task.workspaceId, task.fleetId, task.taskId)
      .catch((error: unknown) => {
        // It ended meanwhile: nothing to cancel.
        if (!(error instanceof AppError && (error.code === 'conflict' || error.code === 'not_found'))) throw error;
      });
  }

  private require(): { engine: PipelineEngine; service: Pick<FleetTaskService, 'submit' | 'cancel'> } {
    if (!this.engine || !this.service) throw new Error('PipelineFleetSteps is not attached to the engine');
    return { engine: this.engine, service: this.service };
  }

  private fail(error: unknown, ref: { stepRunId: string; taskId: string }): void {
    this.deps.log?.error({ err: error, stepRun: ref.stepRunId, task: ref.taskId }, 'Settling a fleet pipeline step failed');
  }
}
