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
  /** The tools offered to the model. */
  tools: ToolSet;
  /**
   * The agent each tool name asks: those offered, and also those the agent names but may not ask (itself,
   * an agent outside its allowed delegates, any agent past the depth limit), so that a call the model makes
   * up anyway is refused with the limit it breaks rather than as an unknown tool.
   */
  targets: Map<string, Agent>;
}

/** Which agents the toolset names and which of them it offers. */
export interface AgentToolsetOptions {
  /** Agent ids the agent may also ask besides its `agent:<id>` tools (a fleet member's delegates). Default none. */
  extraTargetIds?: Iterable<string>;
  /** Whether a tool asking this agent is offered. Default: every agent but itself. */
  offers?: (target: Agent) => boolean;
}

/**
 * The tools an agent may call in this task: one "ask agent X" tool per agent it may ask that still exists.
 * Deleted agents are skipped (the agent form shows them as such). The SDK gets no `execute`: the runner
 * runs each call itself so it can bound, meter and record it.
 */
export async function agentToolset(
  agents: Pick<AgentRepository, 'findById'>,
  workspaceId: string,
  agent: Agent,
  options: AgentToolsetOptions = {},
): Promise<AgentToolset> {
  const offers = options.offers ?? ((target: Agent) => target.id !== agent.id);
  const ids = new Set([...agent.tools.flatMap((toolId) => agentToolTarget(toolId) ?? []), ...(options.extraTargetIds ?? [])]);
  ids.delete(agent.id);
  const targets = new Map<string, Agent>([[toolNameOf(agent), agent]]);
  const tools: ToolSet = {};
  for (const id of ids) {
    const target = await agents.findById(workspaceId, id);
    if (!target) continue;
    const name = toolNameOf(target);
    targets.set(name, target);
    if (!offers(target)) continue;
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
