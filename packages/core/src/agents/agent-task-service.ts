import type { AgentTask, AgentTaskListQuery, Page } from '@agent-fleet/contracts';
import { notFound } from '../app-error.js';
import { loadTaskSystemPrompt } from '../conversations/task-system-prompt.js';
import { decodeCursor, pageAfter } from '../cursor.js';
import type { AgentTaskRecord, AgentTaskRepository } from '../llm/llm-ports.js';
import type { BlobStore } from '../storage/blob-store.js';
import type { AgentService } from './agent-service.js';

const TASK_SORT = '-startedAt';

/** An agent's task history, newest first, and single tasks with their rendered system prompt. */
export class AgentTaskService {
  constructor(
    private readonly tasks: AgentTaskRepository,
    private readonly agents: AgentService,
    /** Where large system prompts live; without it they read back empty. */
    private readonly blobs?: BlobStore,
  ) {}

  async list(workspaceId: string, agentId: string, query: AgentTaskListQuery): Promise<Page<AgentTask>> {
    await this.agents.get(workspaceId, agentId);
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, TASK_SORT, 'timestamp');
    const { items, ...total } = await this.tasks.list(workspaceId, agentId, {
      limit: query.limit,
      ...(query.status ? { status: query.status } : {}),
      ...(after ? { after } : {}),
    });
    const page = pageAfter(items, query.limit, TASK_SORT, (task) => task.startedAt);
    return { ...page, items: await Promise.all(page.items.map((task) => this.toTask(workspaceId, task))), ...total };
  }

  async get(workspaceId: string, agentId: string, taskId: string): Promise<AgentTask> {
    await this.agents.get(workspaceId, agentId);
    const task = await this.tasks.find(workspaceId, agentId, taskId);
    if (!task) throw notFound('Task', taskId);
    return this.toTask(workspaceId, task);
  }

  private async toTask(workspaceId: string, task: AgentTaskRecord): Promise<AgentTask> {
    return { ...task, systemPrompt: await loadTaskSystemPrompt(this.blobs, workspaceId, task) };
  }
}
