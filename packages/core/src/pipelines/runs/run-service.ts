import type {
  ApprovalDecision,
  Page,
  PendingApproval,
  PipelineRun,
  RunCreate,
  RunDetail,
  RunEvent,
  RunListQuery,
} from '@agent-fleet/contracts';
import { AppError } from '../../app-error.js';
import { decodeCursor, encodeCursor } from '../../cursor.js';
import type { EventBus } from '../../ports/event-bus.js';
import type { WorkspaceAccess } from '../../security/access-service.js';
import type { AuditActor } from '../../security/audit-service.js';
import type { PipelineEngine } from '../engine/engine.js';
import type { RunStore } from '../engine/run-store.js';
import { isTerminalRun } from '../engine/run-transaction.js';
import type { PipelineVersionResolver } from '../engine/step-runner.js';
import { toPipelineRun, toRunEvent, toStepRun } from './run-dto.js';

export interface RunServiceDependencies {
  engine: PipelineEngine;
  store: RunStore;
  versions: PipelineVersionResolver;
  bus: EventBus;
}

/** Roles that may decide every approval, whatever its `assignees`. */
const ALWAYS_APPROVE = new Set(['owner', 'admin']);

const actorLabel = (actor: AuditActor) => actor.principal?.label ?? 'the system';

/** Pipeline runs as the API sees them: start, list, read, follow, cancel, retry, re-run and approve. */
export class RunService {
  constructor(private readonly deps: RunServiceDependencies) {}

  async create(
    workspaceId: string,
    body: RunCreate & { priority: number },
    options: { actor: AuditActor; idempotencyKey?: string | undefined },
  ): Promise<{ run: PipelineRun; created: boolean }> {
    const target = await this.deps.versions.resolve(workspaceId, body.pipeline);
    if (!target) throw new AppError('not_found', `Pipeline ${body.pipeline} does not exist`);
    const { run, created } = await this.deps.engine.createRun({
      workspaceId,
      target,
      input: body.input ?? {},
      priority: body.priority,
      trigger: body.trigger ?? 'api',
      idempotencyKey: options.idempotencyKey ?? null,
      createdBy: options.actor.principal?.userId ?? null,
      createdByLabel: options.actor.principal?.label ?? null,
    });
    return { run: toPipelineRun(run), created };
  }

  async list(workspaceId: string, query: RunListQuery): Promise<Page<PipelineRun>> {
    let pipelineId: string | undefined;
    if (query.pipeline !== undefined) {
      const target = await this.deps.versions.resolve(workspaceId, query.pipeline);
      if (!target) return { items: [], nextCursor: null, total: 0 };
      pipelineId = target.pipelineId;
    }
    const before = query.cursor ? decodeCursor(query.cursor, 'created', 'timestamp') : undefined;
    const { rows, total } = await this.deps.store.listRuns(workspaceId, {
      limit: query.limit,
      ...(pipelineId ? { pipelineId } : {}),
      ...(query.status ? { status: query.status } : {}),
      ...(query.trigger ? { trigger: query.trigger } : {}),
      ...(query.label ? { label: query.label } : {}),
      ...(query.createdAfter ? { createdAfter: new Date(query.createdAfter) } : {}),
      ...(query.createdBefore ? { createdBefore: new Date(query.createdBefore) } : {}),
      ...(before ? { before: { createdAt: new Date(before.value), id: before.id } } : {}),
    });
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      items: page.map(toPipelineRun),
      nextCursor:
        rows.length > query.limit && last
          ? encodeCursor({ sort: 'created', value: last.createdAt.toISOString(), id: last.id })
          : null,
      ...total,
    };
  }

  async get(workspaceId: string, id: string): Promise<RunDetail> {
    const run = await this.deps.store.getRun(workspaceId, id);
    if (!run) throw new AppError('not_found', `Run ${id} does not exist`);
    const steps = await this.deps.store.allStepRuns(id);
    return { ...toPipelineRun(run), steps: steps.map(toStepRun) };
  }

  async events(workspaceId: string, id: string, after: number, limit: number): Promise<RunEvent[]> {
    await this.get(workspaceId, id);
    return (await this.deps.store.events(id, after, limit)).map(toRunEvent);
  }

  /**
   * Sends the run's events after `after` as they are written, until the run has ended and every event
   * is sent, or `signal` aborts. The log is the source: a notification only says "read again", so an
   * event is never missed or sent twice, and `after` (a `Last-Event-ID`) resumes exactly.
   */
  async follow(
    workspaceId: string,
    id: string,
    after: number,
    signal: AbortSignal,
    send: (event: RunEvent) => void,
  ): Promise<void> {
    await this.get(workspaceId, id);
    let wake: () => void = () => undefined;
    const subscription = await this.deps.bus.subscribe(`run:${id}`, {}, () => wake());
    // One listener for the whole stream (one per wait would pile up on a long run).
    const onAbort = () => wake();
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      let seq = after;
      while (!signal.aborted) {
        const notified = new Promise<void>((resolve) => {
          wake = resolve;
        });
        const events = await this.deps.store.events(id, seq, 500);
        for (const event of events) send(toRunEvent(event));
        seq = events.at(-1)?.seq ?? seq;
        if (events.length === 500) continue;
        const run = await this.deps.store.getRun(workspaceId, id);
        if (!run || (isTerminalRun(run.status) && run.eventSeq <= seq)) return;
        // Woken by the next commit of this run; a slow poll covers a bus that lost the notification.
        await Promise.race([notified, new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
      }
    } finally {
      signal.removeEventListener('abort', onAbort);
      subscription.close();
    }
  }

  async cancel(workspaceId: string, id: string, actor: AuditActor): Promise<PipelineRun> {
    return toPipelineRun(await this.deps.engine.cancelRun(workspaceId, id, actorLabel(actor)));
  }

  async retry(workspaceId: string, id: string): Promise<PipelineRun> {
    return toPipelineRun(await this.deps.engine.retryRun(workspaceId, id));
  }

  async rerun(workspaceId: string, id: string, from: string, only: boolean, actor: AuditActor): Promise<PipelineRun> {
    const run = await this.deps.engine.rerun(workspaceId, id, from, {
      only,
      createdBy: actor.principal?.userId ?? null,
      createdByLabel: actor.principal?.label ?? null,
    });
    return toPipelineRun(run);
  }

  /** Decides an approval step; the approver's role must be one the step names (owners and admins always may). */
  async decide(
    access: WorkspaceAccess,
    id: string,
    step: string,
    decision: ApprovalDecision,
    actor: AuditActor,
  ): Promise<RunDetail> {
    const roles = await this.approvalRoles(access.workspaceId, id, step);
    if (!ALWAYS_APPROVE.has(access.role) && !roles.includes(access.role)) {
      throw new AppError('forbidden', `Only ${roles.join(', ')} may decide step "${step}"`);
    }
    await this.deps.engine.decide(access.workspaceId, id, step, {
      ...decision,
      decidedBy: actor.principal?.userId ?? null,
      decidedByLabel: actor.principal?.label ?? null,
    });
    return this.get(access.workspaceId, id);
  }

  private async approvalRoles(workspaceId: string, id: string, step: string): Promise<string[]> {
    const run = await this.deps.store.getRun(workspaceId, id);
    if (!run) throw new AppError('not_found', `Run ${id} does not exist`);
    const definition = (await this.deps.store.versionDefinition(run.versionId))?.steps[step];
    if (definition?.type !== 'approval') throw new AppError('not_found', `Run ${id} has no approval step "${step}"`);
    return definition.assignees.roles;
  }

  /** Approvals waiting for a decision in the workspace, oldest first. */
  async pendingApprovals(access: WorkspaceAccess): Promise<PendingApproval[]> {
    const waiting = await this.deps.store.waitingApprovals(access.workspaceId, 200);
    const items: PendingApproval[] = [];
    for (const { run, step, requestedAt } of waiting) {
      const definition = (await this.deps.store.versionDefinition(run.versionId))?.steps[step.stepId];
      if (definition?.type !== 'approval') continue;
      items.push({
        runId: run.id,
        pipelineName: run.pipelineName,
        version: run.version,
        step: step.key,
        message: typeof step.state?.message === 'string' ? step.state.message : null,
        roles: definition.assignees.roles,
        form: (definition.form as PendingApproval['form']) ?? null,
        requestedAt: requestedAt.toISOString(),
        dueAt: step.dueAt?.toISOString() ?? null,
        canDecide:
          access.permissions.has('runs:approve') &&
          (ALWAYS_APPROVE.has(access.role) || definition.assignees.roles.includes(access.role)),
      });
    }
    return items;
  }
}
