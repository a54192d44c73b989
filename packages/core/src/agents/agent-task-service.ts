import type { AgentTask, AgentTaskListQuery, Page } from '@agent-fleet/contracts';
import { decodeCursor, pageAfter } from '../cursor.js';
import type { AgentTaskRepository } from '../llm/llm-ports.js';
import type { AgentService } from './agent-service.js';

const TASK_SORT = '-startedAt';

/** An agent's task history, newest first. */
export class AgentTaskService {
  constructor(
    private readonly tasks: AgentTaskRepository,
    private readonly agents: AgentService,
  ) {}

  async list(workspaceId: string, agentId: string, query: AgentTaskListQuery): Promise<Page<AgentTask>> {
    await this.agents.get(workspaceId, agentId);
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, TASK_SORT, 'timestamp');
    const { items, total } = await this.tasks.list(workspaceId, agentId, {
      limit: query.limit,
      ...(query.status ? { status: query.status } : {}),
      ...(after ? { after } : {}),
    });
    return { ...pageAfter(items, query.limit, TASK_SORT, (task) => task.startedAt), total };
  }
}
