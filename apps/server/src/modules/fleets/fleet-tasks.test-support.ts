import { expect, vi } from 'vitest';
import { createMockAgent, type SignedIn } from '../../test-support.js';

export interface TaskBody {
  id: string;
  status: string;
  attempt: number;
  agentIds: string[];
  agentTaskIds: string[];
  waitingReason: string | null;
  output: string | null;
  error: { code: string; message: string } | null;
  startedAt: string | null;
  finishedAt: string | null;
  llmCalls: number;
  usage: { inputTokens: number; outputTokens: number };
  routing?: RoutingBody[];
}

export interface RoutingBody {
  taskId: string;
  attempt: number;
  strategy: string;
  candidates: {
    agentId: string;
    eligible: boolean;
    excluded: string[];
    score: number | null;
    rank: number | null;
    note: string;
  }[];
  chosen: string[];
  aggregator: string | null;
  reason: string;
  decisionMs: number;
}

/** Fleet-task calls of one signed-in owner. */
export function fleetTaskClient(owner: SignedIn) {
  const base = '/api/v1/fleets';
  return {
    async fleet(body: Record<string, unknown> = {}): Promise<string> {
      const res = await owner.client.post(base).send({ name: `Fleet ${Math.random().toString(36).slice(2, 8)}`, ...body });
      expect(res.status, res.text).toBe(201);
      return res.body.id as string;
    },
    /** A mock agent, added to the fleet with `member` settings. */
    async member(fleetId: string, name: string, model = 'echo', member: Record<string, unknown> = {}): Promise<string> {
      const agent = await createMockAgent(owner, name, model);
      const res = await owner.client.post(`${base}/${fleetId}/members`).send({ agentId: agent.id, ...member });
      expect(res.status, res.text).toBe(201);
      return agent.id;
    },
    submit(fleetId: string, body: Record<string, unknown>) {
      return owner.client.post(`${base}/${fleetId}/tasks`).send(body);
    },
    async task(fleetId: string, taskId: string): Promise<TaskBody> {
      const res = await owner.client.get(`${base}/${fleetId}/tasks/${taskId}`);
      expect(res.status, res.text).toBe(200);
      return res.body as TaskBody;
    },
    /** Reads the task until its status is one of `statuses` (ended, by default). */
    waitFor(
      fleetId: string,
      taskId: string,
      statuses: readonly string[] = ['succeeded', 'failed', 'cancelled'],
      timeout = 30_000,
    ) {
      return vi.waitFor(
        async () => {
          const task = await this.task(fleetId, taskId);
          if (!statuses.includes(task.status)) throw new Error(`task ${taskId} stayed ${task.status}`);
          return task;
        },
        { timeout, interval: 20 },
      );
    },
    setState(kind: 'fleets' | 'agents', id: string, adminState: string) {
      return owner.client.put(`/api/v1/${kind}/${id}/admin-state`).send({ adminState });
    },
  };
}
