import { FLEET_ROUTES } from './fleet-routes.js';
import { PIPELINE_ROUTES } from './pipeline-routes.js';
import { RUN_ROUTES } from './run-routes.js';

/**
 * Where each API operation the web client calls lives: its method and path, by operation id. Kept
 * free of schemas (and of zod), so the sign-in page can call the API without downloading them; the
 * schemas of each operation are in `ENDPOINTS` (table.ts), which the server's routes are checked against.
 */
export const ENDPOINT_ROUTES = {
  setupStatus: { method: 'GET', path: '/api/v1/auth/setup' },
  signup: { method: 'POST', path: '/api/v1/auth/signup' },
  login: { method: 'POST', path: '/api/v1/auth/login' },
  logout: { method: 'POST', path: '/api/v1/auth/logout' },
  getMe: { method: 'GET', path: '/api/v1/me' },
  updateProfile: { method: 'PATCH', path: '/api/v1/me' },
  changePassword: { method: 'POST', path: '/api/v1/me/password' },
  createWorkspace: { method: 'POST', path: '/api/v1/workspaces' },

  listMembers: { method: 'GET', path: '/api/v1/members' },
  updateMember: { method: 'PATCH', path: '/api/v1/members/:userId' },
  removeMember: { method: 'DELETE', path: '/api/v1/members/:userId' },
  listInvitations: { method: 'GET', path: '/api/v1/invitations' },
  createInvitation: { method: 'POST', path: '/api/v1/invitations' },
  revokeInvitation: { method: 'DELETE', path: '/api/v1/invitations/:id' },
  acceptInvitation: { method: 'POST', path: '/api/v1/invitations/accept' },
  listRoles: { method: 'GET', path: '/api/v1/roles' },
  createRole: { method: 'POST', path: '/api/v1/roles' },
  updateRole: { method: 'PATCH', path: '/api/v1/roles/:id' },
  deleteRole: { method: 'DELETE', path: '/api/v1/roles/:id' },

  listApiKeys: { method: 'GET', path: '/api/v1/api-keys' },
  createApiKey: { method: 'POST', path: '/api/v1/api-keys' },
  revokeApiKey: { method: 'DELETE', path: '/api/v1/api-keys/:id' },
  listAuditEvents: { method: 'GET', path: '/api/v1/audit-events' },

  listAgents: { method: 'GET', path: '/api/v1/agents' },
  createAgent: { method: 'POST', path: '/api/v1/agents' },
  getAgent: { method: 'GET', path: '/api/v1/agents/:id' },
  updateAgent: { method: 'PATCH', path: '/api/v1/agents/:id' },
  deleteAgent: { method: 'DELETE', path: '/api/v1/agents/:id' },
  listAgentTasks: { method: 'GET', path: '/api/v1/agents/:id/tasks' },
  getAgentTask: { method: 'GET', path: '/api/v1/agents/:id/tasks/:taskId' },
  setAgentAdminState: { method: 'PUT', path: '/api/v1/agents/:id/admin-state' },
  listAgentStateHistory: { method: 'GET', path: '/api/v1/agents/:id/state-history' },

  listConversations: { method: 'GET', path: '/api/v1/conversations' },
  createConversation: { method: 'POST', path: '/api/v1/conversations' },
  getConversation: { method: 'GET', path: '/api/v1/conversations/:id' },
  updateConversation: { method: 'PATCH', path: '/api/v1/conversations/:id' },
  deleteConversation: { method: 'DELETE', path: '/api/v1/conversations/:id' },
  listMessages: { method: 'GET', path: '/api/v1/conversations/:id/messages' },
  sendMessage: { method: 'POST', path: '/api/v1/conversations/:id/messages' },
  abortTurn: { method: 'POST', path: '/api/v1/conversations/:id/abort' },

  listProviders: { method: 'GET', path: '/api/v1/providers' },
  upsertProvider: { method: 'PUT', path: '/api/v1/providers/:id' },
  deleteProvider: { method: 'DELETE', path: '/api/v1/providers/:id' },
  testProvider: { method: 'POST', path: '/api/v1/providers/:id/test' },
  listModels: { method: 'GET', path: '/api/v1/models' },
  overrideModelPrices: { method: 'PUT', path: '/api/v1/model-prices' },
  resetModelPrices: { method: 'DELETE', path: '/api/v1/model-prices' },

  listLlmCalls: { method: 'GET', path: '/api/v1/usage/calls' },
  summarizeUsage: { method: 'GET', path: '/api/v1/usage/summary' },
  getDashboard: { method: 'GET', path: '/api/v1/dashboard' },

  listPrompts: { method: 'GET', path: '/api/v1/prompts' },
  createPrompt: { method: 'POST', path: '/api/v1/prompts' },
  analyzePrompt: { method: 'POST', path: '/api/v1/prompts/analyze' },
  previewPrompt: { method: 'POST', path: '/api/v1/prompts/preview' },
  getPrompt: { method: 'GET', path: '/api/v1/prompts/:name' },
  updatePrompt: { method: 'PATCH', path: '/api/v1/prompts/:name' },
  deletePrompt: { method: 'DELETE', path: '/api/v1/prompts/:name' },
  listPromptVersions: { method: 'GET', path: '/api/v1/prompts/:name/versions' },
  createPromptVersion: { method: 'POST', path: '/api/v1/prompts/:name/versions' },
  getPromptVersion: { method: 'GET', path: '/api/v1/prompts/:name/versions/:selector' },
  diffPromptVersions: { method: 'GET', path: '/api/v1/prompts/:name/diff' },
  movePromptLabel: { method: 'PUT', path: '/api/v1/prompts/:name/labels/:label' },
  deletePromptLabel: { method: 'DELETE', path: '/api/v1/prompts/:name/labels/:label' },
  renderPrompt: { method: 'POST', path: '/api/v1/prompts/:name/render' },
  promptUsage: { method: 'GET', path: '/api/v1/prompts/:name/usage' },

  ...PIPELINE_ROUTES,
  ...RUN_ROUTES,
  ...FLEET_ROUTES,
} as const satisfies Record<string, { method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'; path: string }>;

/** An operation the web client calls, named by the server's operation id. */
export type EndpointName = keyof typeof ENDPOINT_ROUTES;

type ParamsOf<Path extends string> = Path extends `${string}:${infer Name}/${infer Rest}`
  ? Record<Name, string | number> & ParamsOf<`/${Rest}`>
  : Path extends `${string}:${infer Name}`
    ? Record<Name, string | number>
    : unknown;

/** The path parameters of an operation, one per `:name` in its path. */
export type EndpointParams<N extends EndpointName> = ParamsOf<(typeof ENDPOINT_ROUTES)[N]['path']>;
