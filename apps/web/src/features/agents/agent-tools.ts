/** An agent's tool that asks another agent of the workspace: `agent:<uuid>`. */
const AGENT_TOOL_PREFIX = 'agent:';

export const agentTool = (agentId: string): string => `${AGENT_TOOL_PREFIX}${agentId}`;

/** The agent id an `agent:<id>` tool names, or null for any other tool id. */
export const agentIdOfTool = (tool: string): string | null =>
  tool.startsWith(AGENT_TOOL_PREFIX) && tool.length > AGENT_TOOL_PREFIX.length ? tool.slice(AGENT_TOOL_PREFIX.length) : null;

/** The agent ids among `tools`, in order. */
export const agentIdsOfTools = (tools: readonly string[]): string[] =>
  tools.flatMap((tool) => {
    const id = agentIdOfTool(tool);
    return id === null ? [] : [id];
  });
