import { Task, TaskState, taskStateToJSON, type ListTasksRequest, type ListTasksResponse } from '@a2a-js/sdk';
import { RequestMalformedError } from '@a2a-js/sdk/errors';
import type { ServerCallContext, TaskStore } from '@a2a-js/sdk/server';
import type { A2ATaskRecord, DrizzleA2ARepository } from '@agent-fleet/db';
import { callerOf } from './a2a-caller.js';
import { assertUsableContextId } from './turn-input.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The SDK's TaskStore over the database, so tasks outlive the process and can be listed. Every read
 * and write is scoped to the caller's workspace and agent (a2a-caller.ts): another workspace's task id
 * is simply not found. A task is stored as the SDK's JSON form of it.
 */
export class DatabaseTaskStore implements TaskStore {
  /** `owner`: this server instance, recorded on what it writes so recovery knows whose tasks died. */
  constructor(
    private readonly repository: DrizzleA2ARepository,
    private readonly owner: string,
  ) {}

  async load(taskId: string, context: ServerCallContext): Promise<Task | undefined> {
    // The ids this server hands out are UUIDs; anything else names no task (and never reaches SQL).
    if (!UUID.test(taskId)) return undefined;
    const record = await this.repository.findTask(callerOf(context).scope, taskId);
    return record ? Task.fromJSON(record.task) : undefined;
  }

  async save(task: Task, context: ServerCallContext): Promise<void> {
    const at = task.status?.timestamp;
    await this.repository.saveTask(
      callerOf(context).scope,
      {
        id: task.id,
        contextId: task.contextId,
        state: taskStateToJSON(task.status?.state ?? TaskState.TASK_STATE_UNSPECIFIED),
        statusAt: at && !Number.isNaN(Date.parse(at)) ? at : new Date().toISOString(),
        task: Task.toJSON(task) as Record<string, unknown>,
      },
      this.owner,
    );
  }

  /** Newest status first; the SDK has checked the page size (1–100), the state and the timestamp. */
  async list(params: ListTasksRequest, context: ServerCallContext): Promise<ListTasksResponse> {
    if (params.contextId) assertUsableContextId(params.contextId);
    const limit = params.pageSize ?? 50;
    const { items, total } = await this.repository.listTasks(callerOf(context).scope, {
      limit,
      ...(params.contextId ? { contextId: params.contextId } : {}),
      ...(hasStateFilter(params.status) ? { state: taskStateToJSON(params.status) } : {}),
      ...(params.statusTimestampAfter ? { statusAfter: params.statusTimestampAfter } : {}),
      ...(params.pageToken ? { after: decodePageToken(params.pageToken) } : {}),
    });
    const page = items.slice(0, limit);
    const last = page.at(-1);
    return {
      tasks: page.map((record) => {
        const task = Task.fromJSON(record.task);
        return params.includeArtifacts ? task : { ...task, artifacts: [] };
      }),
      nextPageToken: items.length > limit && last ? encodePageToken(last) : '',
      pageSize: limit,
      totalSize: total,
    };
  }
}

/** Unspecified (or, from a loosely parsed query, absent) means every state. */
const hasStateFilter = (status: TaskState | undefined): status is TaskState =>
  status !== undefined && status !== TaskState.TASK_STATE_UNSPECIFIED;

/** Opaque to clients: where the next page starts, as (status instant, task id) of the last task shown. */
function encodePageToken(record: A2ATaskRecord): string {
  return Buffer.from(`${record.statusAt}|${record.id}`).toString('base64url');
}

function decodePageToken(token: unknown): { statusAt: string; id: string } {
  const [statusAt = '', id = ''] = Buffer.from(typeof token === 'string' ? token : '', 'base64url')
    .toString('utf8')
    .split('|');
  if (!UUID.test(id) || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(statusAt)) {
    throw new RequestMalformedError('pageToken is not a token this server gave out');
  }
  return { statusAt, id };
}
