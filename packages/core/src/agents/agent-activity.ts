import type { AgentRepository } from '../agents/agent-repository.js';

/**
 * Shows an agent as `busy` while any of its tasks runs in this process, and sets it back when the last
 * one ends: `idle`, or `error` when that task failed (the next success clears it).
 */
export class AgentActivity {
  private readonly running = new Map<string, number>();

  constructor(
    private readonly agents: AgentRepository,
    /**
     * Called when the agent's last task in this process ended (a draining agent may now pause). Its
     * failure never fails the task: the drain sweep catches up. Default: nothing.
     */
    private readonly onIdle?: (workspaceId: string, agentId: string) => Promise<unknown>,
  ) {}

  async enter(workspaceId: string, agentId: string): Promise<void> {
    const count = (this.running.get(agentId) ?? 0) + 1;
    this.running.set(agentId, count);
    if (count === 1) await this.agents.setRuntimeStatus(workspaceId, agentId, 'busy');
  }

  async leave(workspaceId: string, agentId: string, failed: boolean): Promise<void> {
    const count = (this.running.get(agentId) ?? 1) - 1;
    if (count > 0) {
      this.running.set(agentId, count);
      return;
    }
    this.running.delete(agentId);
    await this.agents.setRuntimeStatus(workspaceId, agentId, failed ? 'error' : 'idle');
    await this.onIdle?.(workspaceId, agentId).catch(() => undefined);
  }
}
