import type { Agent } from '@agent-fleet/contracts';
import { jsonSchema, tool, type ToolSet } from 'ai';
import type { AgentRepository } from '../agents/agent-repository.js';

/** Tool ids an agent lists: `agent:<uuid>` lets it ask that agent (same workspace) a question. */
export const AGENT_TOOL_PREFIX = 'agent:';

export const agentToolTarget = (toolId: string): string | null =>
  toolId.startsWith(AGENT_TOOL_PREFIX) ? toolId.slice(AGENT_TOOL_PREFIX.length) : null;

/** Provider tool names allow `[a-zA-Z0-9_-]{1,64}`. */
const toolNameOf = (agent: Agent): string =>
  `ask_${agent.name
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '_')
    .replace(/^_+|_+$/g, '')}`.slice(0, 64);

export interface AgentToolset {
  tools: ToolSet;
  /** The agent each tool name asks. */
  targets: Map<string, Agent>;
}

/**
 * The tools an agent may call in this task: one "ask agent X" tool per agent it lists that still exists.
 * Deleted agents are skipped (the agent form shows them as such). The SDK gets no `execute`: the runner
 * runs each call itself so it can bound, meter and record it.
 */
export async function agentToolset(agents: AgentRepository, workspaceId: string, agent: Agent): Promise<AgentToolset> {
  const targets = new Map<string, Agent>();
  for (const toolId of agent.tools) {
    const id = agentToolTarget(toolId);
    if (!id || id === agent.id) continue;
    const target = await agents.findById(workspaceId, id);
    if (target) targets.set(toolNameOf(target), target);
  }
  const tools: ToolSet = {};
  for (const [name, target] of targets) {
    tools[name] = tool({
      description:
        `${target.name}: ask this agent${target.role ? ` (${target.role})` : ''} a question. ${target.description}`.trim(),
      inputSchema: jsonSchema<{ question: string }>({
        type: 'object',
        properties: { question: { type: 'string', description: 'What to ask, with all the context it needs' } },
        required: ['question'],
        additionalProperties: false,
      }),
    });
  }
  return { tools, targets };
}
