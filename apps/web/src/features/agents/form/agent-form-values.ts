import type { Agent, AgentKind } from '@agent-fleet/contracts';
import { prettyJson } from '../../../lib/json';

export interface FallbackValue {
  /** Stable React key; never sent to the server. */
  key: string;
  provider: string;
  model: string;
}

export type PromptType = 'inline' | 'template';

/** How a remote agent's credential is sent; `none` sends none. */
export type CredentialType = 'none' | 'bearer' | 'apiKey';

/**
 * What the form edits. Numbers are kept as the strings the user typed so a half-typed "0." or an
 * emptied field survives re-renders; validation turns them into numbers.
 */
export interface AgentFormValues {
  name: string;
  description: string;
  role: string;
  /** Comma-separated. */
  skills: string;
  /** `model` runs on a model; `a2a` hands its tasks to a remote A2A agent (fixed once created). */
  kind: AgentKind;
  /** The remote's Agent Card URL (a2a only). */
  cardUrl: string;
  credentialType: CredentialType;
  /** The API key's header (apiKey only); blank means `X-API-Key`. */
  credentialHeader: string;
  /** Write-only: typed to set or replace the secret, blank keeps the stored one. */
  credentialSecret: string;
  /** Whether the server keeps a secret for this agent (it never sends the secret back). */
  credentialStored: boolean;
  provider: string;
  model: string;
  temperature: string;
  maxTokens: string;
  topP: string;
  fallbacks: FallbackValue[];
  promptType: PromptType;
  /** Both prompt kinds are kept so switching back and forth loses nothing. */
  promptText: string;
  promptRef: string;
  /** Tool ids; today `agent:<id>`, another agent this one may ask. */
  tools: string[];
  maxIterations: string;
  maxCostPerTaskUsd: string;
  /** JSON text. */
  metadata: string;
}

/** Default model for new agents: the built-in offline provider's echo model, always available. */
export const DEFAULT_PROVIDER = 'mock';
export const DEFAULT_MODEL = 'echo';

/** Suggested providers; any lowercase slug is accepted. */
export const PROVIDER_SUGGESTIONS = [
  { value: 'mock', label: 'Mock (offline, always available)' },
  { value: 'openai', label: 'OpenAI' },
  { value: 'anthropic', label: 'Anthropic' },
  { value: 'openai-compatible', label: 'OpenAI-compatible endpoint' },
] as const;

let keySequence = 0;
export const newFallbackKey = (): string => `fallback-${++keySequence}`;

export const emptyAgentFormValues = (): AgentFormValues => ({
  name: '',
  description: '',
  role: '',
  skills: '',
  kind: 'model',
  cardUrl: '',
  credentialType: 'none',
  credentialHeader: '',
  credentialSecret: '',
  credentialStored: false,
  provider: DEFAULT_PROVIDER,
  model: DEFAULT_MODEL,
  temperature: '',
  maxTokens: '',
  topP: '',
  fallbacks: [],
  promptType: 'inline',
  promptText: '',
  promptRef: '',
  tools: [],
  maxIterations: '10',
  maxCostPerTaskUsd: '',
  metadata: '{}',
});

const numberText = (value: number | null | undefined): string => (value === null || value === undefined ? '' : String(value));

/** The form values that show an existing agent. */
export function agentToFormValues(agent: Agent): AgentFormValues {
  const { model, systemPrompt, limits } = agent;
  const credential = agent.remote?.credential ?? null;
  return {
    name: agent.name,
    description: agent.description,
    role: agent.role,
    skills: agent.skills.join(', '),
    kind: agent.kind,
    cardUrl: agent.remote?.cardUrl ?? '',
    credentialType: credential?.type ?? 'none',
    credentialHeader: credential?.headerName ?? '',
    credentialSecret: '',
    credentialStored: credential?.stored ?? false,
    provider: model.provider,
    model: model.model,
    temperature: numberText(model.temperature),
    maxTokens: numberText(model.maxTokens),
    topP: numberText(model.topP),
    fallbacks: (model.fallbacks ?? []).map((fallback) => ({ key: newFallbackKey(), ...fallback })),
    promptType: systemPrompt.type,
    promptText: systemPrompt.type === 'inline' ? systemPrompt.text : '',
    promptRef: systemPrompt.type === 'template' ? systemPrompt.ref : '',
    tools: agent.tools,
    maxIterations: numberText(limits.maxIterations),
    maxCostPerTaskUsd: numberText(limits.maxCostPerTaskUsd),
    metadata: Object.keys(agent.metadata).length === 0 ? '{}' : prettyJson(agent.metadata),
  };
}

/** Splits the comma-separated skills text; blanks between commas are ignored. */
export const parseSkills = (text: string): string[] =>
  text
    .split(',')
    .map((skill) => skill.trim())
    .filter((skill) => skill !== '');
