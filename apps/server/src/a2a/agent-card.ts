import { A2A_PROTOCOL_VERSION, type AgentCard, type AgentSkill } from '@a2a-js/sdk';
import { duplicateInterfacesForLegacy } from '@a2a-js/sdk/compat/v0_3';
import type { Agent } from '@agent-fleet/contracts';

/** The name of the security scheme the card declares: a bearer API key (or access token). */
export const A2A_SECURITY_SCHEME = 'agentFleetApiKey';

/** Where an agent's A2A endpoints live below the server's origin. */
export const agentA2aPath = (agentId: string): string => `/a2a/${agentId}`;

/** The REST (HTTP+JSON) binding's base, below the agent's path; JSON-RPC answers at the agent's path itself. */
export const REST_BINDING_PATH = '/rest';

/** Text and JSON in, text out: what the executor turns into a chat turn and its reply. */
const INPUT_MODES = ['text/plain', 'application/json'];
const OUTPUT_MODES = ['text/plain'];

/**
 * The Agent Card of one agent: what it is called and does, where its JSON-RPC and REST bindings answer
 * (each at A2A 1.0 and at 0.3, the SDK's compatibility layer), and that calls need a bearer API key.
 * It says nothing of how the agent works: no system prompt, model, tools or limits.
 */
export function agentCard(agent: Agent, origin: string): AgentCard {
  const url = `${origin}${agentA2aPath(agent.id)}`;
  const binding = (protocolBinding: string, bindingUrl: string) => ({
    url: bindingUrl,
    protocolBinding,
    tenant: '',
    protocolVersion: A2A_PROTOCOL_VERSION,
  });
  return {
    name: agent.name,
    description: agent.description || (agent.role ? `${agent.name}: ${agent.role}` : `The agent ${agent.name}`),
    supportedInterfaces: duplicateInterfacesForLegacy(
      [binding('JSONRPC', url), binding('HTTP+JSON', `${url}${REST_BINDING_PATH}`)],
      ['JSONRPC', 'HTTP+JSON'],
    ),
    provider: { organization: 'Agent Fleet', url: origin },
    version: `${agent.version}`,
    documentationUrl: `${origin}/api/docs/`,
    capabilities: { streaming: true, pushNotifications: false, extensions: [], extendedAgentCard: false },
    securitySchemes: {
      [A2A_SECURITY_SCHEME]: {
        scheme: {
          $case: 'httpAuthSecurityScheme',
          value: {
            description: "An Agent Fleet API key (af_…) with the permission agents:execute in the agent's workspace",
            scheme: 'bearer',
            bearerFormat: '',
          },
        },
      },
    },
    securityRequirements: [{ schemes: { [A2A_SECURITY_SCHEME]: { list: [] } } }],
    defaultInputModes: INPUT_MODES,
    defaultOutputModes: OUTPUT_MODES,
    skills: skillsOf(agent),
    signatures: [],
  };
}

/** One skill per skill the agent lists; an agent that lists none offers one: talking to it. */
function skillsOf(agent: Agent): AgentSkill[] {
  const skill = (id: string, name: string, description: string, tags: string[]): AgentSkill => ({
    id,
    name,
    description,
    tags,
    examples: [],
    inputModes: INPUT_MODES,
    outputModes: OUTPUT_MODES,
    securityRequirements: [],
  });
  if (agent.skills.length === 0) {
    return [skill('conversation', agent.role || agent.name, agent.description || `Talk to ${agent.name}`, ['conversation'])];
  }
  return agent.skills.map((name) => skill(name, name, `${agent.name} can help with ${name}`, [name]));
}
