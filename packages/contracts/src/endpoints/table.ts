import type { z } from 'zod';
import { FLEET_SCHEMAS } from './fleet-table.js';
import { PIPELINE_SCHEMAS } from './pipeline-table.js';
import { RUN_SCHEMAS } from './run-table.js';
import {
  AgentAdminStateChangeSchema,
  AgentCreateSchema,
  AgentPageSchema,
  AgentSchema,
  AgentStateChangePageSchema,
  AgentUpdateSchema,
} from '../agents.js';
import { ApiKeyCreatedSchema, ApiKeyCreateSchema, ApiKeyListSchema } from '../api-keys.js';
import { AuditEventPageSchema } from '../audit.js';
import {
  LoginSchema,
  LogoutSchema,
  MeSchema,
  PasswordChangeSchema,
  ProfileUpdateSchema,
  SessionSchema,
  SetupStatusSchema,
  SignupSchema,
  UserSchema,
} from '../auth.js';
import {
  AbortResultSchema,
  ConversationCreateSchema,
  ConversationPageSchema,
  ConversationSchema,
  ConversationUpdateSchema,
  MessagePageSchema,
  SendMessageSchema,
  TurnResultSchema,
} from '../conversations.js';
import {
  ModelInfoSchema,
  ModelListSchema,
  ModelPriceOverrideSchema,
  ProviderListSchema,
  ProviderSchema,
  ProviderTestResultSchema,
  ProviderUpsertSchema,
} from '../llm.js';
import {
  InvitationAcceptSchema,
  InvitationCreatedSchema,
  InvitationCreateSchema,
  InvitationListSchema,
  MemberListSchema,
  MemberSchema,
  MemberUpdateSchema,
  WorkspaceCreateSchema,
  WorkspaceSchema,
} from '../members.js';
import {
  AnalyzeRequestSchema,
  DiagnosticsSchema,
  LabelMoveSchema,
  PreviewRequestSchema,
  PromptCreateSchema,
  PromptDetailSchema,
  PromptPageSchema,
  PromptTemplateSchema,
  PromptUpdateSchema,
  PromptUsageSchema,
  PromptVersionListSchema,
  PromptVersionSchema,
  RenderRequestSchema,
  RenderResultSchema,
  VersionDiffSchema,
  VersionInputSchema,
} from '../prompts.js';
import { RoleCreateSchema, RoleListSchema, RoleSchema, RoleUpdateSchema } from '../rbac.js';
import { AgentTaskPageSchema, AgentTaskSchema } from '../tasks.js';
import { LlmCallPageSchema, UsageSummarySchema } from '../usage.js';
import { DashboardSchema } from '../dashboard.js';
import { ENDPOINT_ROUTES, type EndpointName } from './routes.js';

/**
 * What an operation takes and answers; `response` is absent for 204 replies. Zod's core base type, not
 * `z.ZodType`: checking every schema against the classic type's methods took 2 s of every type-check.
 */
export interface EndpointSchemas {
  body?: z.core.$ZodType;
  response?: z.core.$ZodType;
}

/**
 * The schemas of every operation the web client calls: the very objects the server's routes declare
 * (a server test checks each against the route table), so a client's types cannot drift from the API.
 */
const SCHEMAS = {
  setupStatus: { response: SetupStatusSchema },
  signup: { body: SignupSchema, response: SessionSchema },
  login: { body: LoginSchema, response: SessionSchema },
  // The server takes an empty object or nothing.
  logout: { body: LogoutSchema },
  getMe: { response: MeSchema },
  updateProfile: { body: ProfileUpdateSchema, response: UserSchema },
  changePassword: { body: PasswordChangeSchema },
  createWorkspace: { body: WorkspaceCreateSchema, response: WorkspaceSchema },

  listMembers: { response: MemberListSchema },
  updateMember: { body: MemberUpdateSchema, response: MemberSchema },
  removeMember: {},
  listInvitations: { response: InvitationListSchema },
  createInvitation: { body: InvitationCreateSchema, response: InvitationCreatedSchema },
  revokeInvitation: {},
  acceptInvitation: { body: InvitationAcceptSchema, response: WorkspaceSchema },
  listRoles: { response: RoleListSchema },
  createRole: { body: RoleCreateSchema, response: RoleSchema },
  updateRole: { body: RoleUpdateSchema, response: RoleSchema },
  deleteRole: {},

  listApiKeys: { response: ApiKeyListSchema },
  createApiKey: { body: ApiKeyCreateSchema, response: ApiKeyCreatedSchema },
  revokeApiKey: {},
  listAuditEvents: { response: AuditEventPageSchema },

  listAgents: { response: AgentPageSchema },
  createAgent: { body: AgentCreateSchema, response: AgentSchema },
  getAgent: { response: AgentSchema },
  updateAgent: { body: AgentUpdateSchema, response: AgentSchema },
  deleteAgent: {},
  listAgentTasks: { response: AgentTaskPageSchema },
  getAgentTask: { response: AgentTaskSchema },
  setAgentAdminState: { body: AgentAdminStateChangeSchema, response: AgentSchema },
  listAgentStateHistory: { response: AgentStateChangePageSchema },

  listConversations: { response: ConversationPageSchema },
  createConversation: { body: ConversationCreateSchema, response: ConversationSchema },
  getConversation: { response: ConversationSchema },
  updateConversation: { body: ConversationUpdateSchema, response: ConversationSchema },
  deleteConversation: {},
  listMessages: { response: MessagePageSchema },
  sendMessage: { body: SendMessageSchema, response: TurnResultSchema },
  abortTurn: { response: AbortResultSchema },

  listProviders: { response: ProviderListSchema },
  upsertProvider: { body: ProviderUpsertSchema, response: ProviderSchema },
  deleteProvider: {},
  testProvider: { response: ProviderTestResultSchema },
  listModels: { response: ModelListSchema },
  overrideModelPrices: { body: ModelPriceOverrideSchema, response: ModelInfoSchema },
  resetModelPrices: {},

  listLlmCalls: { response: LlmCallPageSchema },
  summarizeUsage: { response: UsageSummarySchema },
  getDashboard: { response: DashboardSchema },

  listPrompts: { response: PromptPageSchema },
  createPrompt: { body: PromptCreateSchema, response: PromptDetailSchema },
  analyzePrompt: { body: AnalyzeRequestSchema, response: DiagnosticsSchema },
  previewPrompt: { body: PreviewRequestSchema, response: RenderResultSchema },
  getPrompt: { response: PromptDetailSchema },
  updatePrompt: { body: PromptUpdateSchema, response: PromptTemplateSchema },
  deletePrompt: {},
  listPromptVersions: { response: PromptVersionListSchema },
  createPromptVersion: { body: VersionInputSchema, response: PromptDetailSchema },
  getPromptVersion: { response: PromptVersionSchema },
  diffPromptVersions: { response: VersionDiffSchema },
  movePromptLabel: { body: LabelMoveSchema, response: PromptTemplateSchema },
  deletePromptLabel: {},
  renderPrompt: { body: RenderRequestSchema, response: RenderResultSchema },
  promptUsage: { response: PromptUsageSchema },

  ...PIPELINE_SCHEMAS,
  ...RUN_SCHEMAS,
  ...FLEET_SCHEMAS,
} as const satisfies Record<EndpointName, EndpointSchemas>;

type Endpoints = { [N in EndpointName]: (typeof ENDPOINT_ROUTES)[N] & (typeof SCHEMAS)[N] };

/**
 * Every operation the web client calls: method, path, request body and success response schemas.
 * Cast through `unknown`: a direct cast made the checker compare the record Object.fromEntries returns
 * with every operation's schema types, which took 10 of the 14 s this file cost each type-check.
 */
export const ENDPOINTS = Object.fromEntries(
  Object.entries(ENDPOINT_ROUTES).map(([name, route]) => [name, { ...route, ...SCHEMAS[name as EndpointName] }]),
) as unknown as Endpoints;

/** What an operation answers on success, as parsed JSON; undefined for a 204. */
export type EndpointResponse<N extends EndpointName> = Endpoints[N] extends { response: infer S extends z.ZodType }
  ? z.output<S>
  : undefined;

/** The JSON body an operation takes; undefined when it takes none. */
export type EndpointBody<N extends EndpointName> = Endpoints[N] extends { body: infer S extends z.ZodType }
  ? z.input<S>
  : undefined;
