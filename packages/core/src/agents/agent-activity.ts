/**
 * Counts each agent's tasks running in this process and calls `onIdle` when its last one ends (a
 * draining agent may now pause). Whether an agent is busy is derived from its tasks when read (its
 * observed state), so nothing is written here.
 */
export class AgentActivity {
  private readonly running = new Map<string, number>();

  constructor(
    /**
     * Called when the agent's last task in this process ended. Its failure never fails the task: the
     * drain sweep catches up. Default: nothing.
     */
    private readonly onIdle?: (workspaceId: string, agentId: string) => Promise<unknown>,
  ) {}

  enter(agentId: string): void {
    this.running.set(agentId, (this.running.get(agentId) ?? 0) + 1);
  }

  async leave(workspaceId: string, agentId: string): Promise<void> {
    const count = (this.running.get(agentId) ?? 1) - 1;
    if (count > 0) {
      this.running.set(agentId, count);
      return;
    }
    this.running.delete(agentId);
    await this.onIdle?.(workspaceId, agentId).catch(() => undefined);
  }
}
