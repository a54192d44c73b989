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
  return a2aCard(origin, {
    id: agent.id,
    name: agent.name,
    description: agent.description || (agent.role ? `${agent.name}: ${agent.role}` : `The agent ${agent.name}`),
    version: agent.version,
    skills: skillsOf(agent),
    permission: "agents:execute in the agent's workspace",
  });
}

/** What a card says of what it serves; the rest (bindings, security, modes) is the same for every card. */
export interface CardSubject {
  id: string;
  name: string;
  description: string;
  version: number;
  skills: AgentSkill[];
  /** The permission calls need, in words for the security scheme's description. */
  permission: string;
}

/** The card of an agent or a fleet served below `/a2a/{id}`. */
export function a2aCard(origin: string, subject: CardSubject): AgentCard {
  const url = `${origin}${agentA2aPath(subject.id)}`;
  const binding = (protocolBinding: string, bindingUrl: string) => ({
    url: bindingUrl,
    protocolBinding,
    tenant: '',
    protocolVersion: A2A_PROTOCOL_VERSION,
  });
  return {
    name: subject.name,
    description: subject.description,
    supportedInterfaces: duplicateInterfacesForLegacy(
      [binding('JSONRPC', url), binding('HTTP+JSON', `${url}${REST_BINDING_PATH}`)],
      ['JSONRPC', 'HTTP+JSON'],
    ),
    provider: { organization: 'Agent Fleet', url: origin },
    version: `${subject.version}`,
    documentationUrl: `${origin}/api/docs/`,
    capabilities: { streaming: true, pushNotifications: false, extensions: [], extendedAgentCard: false },
    securitySchemes: {
      [A2A_SECURITY_SCHEME]: {
        scheme: {
          $case: 'httpAuthSecurityScheme',
          value: {
            description: `An Agent Fleet API key (af_…) with the permission ${subject.permission}`,
            scheme: 'bearer',
            bearerFormat: '',
          },
        },
      },
    },
    securityRequirements: [{ schemes: { [A2A_SECURITY_SCHEME]: { list: [] } } }],
    defaultInputModes: INPUT_MODES,
    defaultOutputModes: OUTPUT_MODES,
    skills: subject.skills,
    signatures: [],
  };
}

/** A skill of a card, taking text and JSON and answering text. */
export const cardSkill = (id: string, name: string, description: string, tags: string[]): AgentSkill => ({
  id,
  name,
  description,
  tags,
  examples: [],
  inputModes: INPUT_MODES,
  outputModes: OUTPUT_MODES,
  securityRequirements: [],
});

/** One skill per skill the agent lists; an agent that lists none offers one: talking to it. */
function skillsOf(agent: Agent): AgentSkill[] {
  if (agent.skills.length === 0) {
    return [cardSkill('conversation', agent.role || agent.name, agent.description || `Talk to ${agent.name}`, ['conversation'])];
  }
  return agent.skills.map((name) => cardSkill(name, name, `${agent.name} can help with ${name}`, [name]));
}
