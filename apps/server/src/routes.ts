import type {
  AccessService,
  AgentLifecycleService,
  AgentService,
  AgentTaskService,
  ApiKeyService,
  AuditService,
  AuthService,
  DashboardService,
  ConversationService,
  FleetService,
  FleetTaskService,
  MemberService,
  MetricsService,
  ModelService,
  PipelineService,
  RunService,
  PromptService,
  PromptTransfer,
  ProviderService,
  UsageService,
} from '@agent-fleet/core';
import type { A2AGateway } from './a2a/a2a-router.js';
import { a2aRoutes } from './a2a/a2a.routes.js';
import type { Route } from './http/route.js';
import { agentLifecycleRoutes } from './modules/agents/agent-lifecycle.routes.js';
import { agentTaskRoutes } from './modules/agents/agent-tasks.routes.js';
import { agentRoutes } from './modules/agents/agents.routes.js';
import { apiKeyRoutes } from './modules/api-keys/api-keys.routes.js';
import { auditRoutes } from './modules/audit/audit.routes.js';
import { authRoutes } from './modules/auth/auth.routes.js';
import { dashboardRoutes } from './modules/dashboard/dashboard.routes.js';
import { openApiRoute } from './modules/docs/docs.routes.js';
import { healthRoutes, type HealthDependencies } from './modules/health/health.routes.js';
import { memberRoutes } from './modules/members/members.routes.js';
import { conversationRoutes } from './modules/conversations/conversations.routes.js';
import type { TurnDeltaPublisher } from './modules/conversations/turn-delta-publisher.js';
import { fleetTaskRoutes } from './modules/fleets/fleet-tasks.routes.js';
import { fleetRoutes } from './modules/fleets/fleets.routes.js';
import { metricsRoutes } from './modules/fleets/fleet-metrics.routes.js';
import { pipelineRoutes } from './modules/pipelines/pipelines.routes.js';
import { runRoutes } from './modules/runs/runs.routes.js';
import { promptRoutes } from './modules/prompts/prompts.routes.js';
import { providerRoutes } from './modules/providers/providers.routes.js';
import { usageRoutes } from './modules/usage/usage.routes.js';
import { wsTicketRoutes } from './modules/realtime/ws-ticket.routes.js';
import type { TicketStore } from './realtime/ticket-store.js';
import { metricsRoute, type MetricsEndpoint } from './observability/metrics.routes.js';

export interface RouteTableDependencies extends HealthDependencies {
  agents: AgentService;
  agentTasks: AgentTaskService;
  agentLifecycle: AgentLifecycleService;
  conversations: ConversationService;
  /** Streams chat turns' text to `conversation:<id>` watchers. */
  turnDeltas: TurnDeltaPublisher;
  providers: ProviderService;
  models: ModelService;
  usage: UsageService;
  auth: AuthService;
  members: MemberService;
  apiKeys: ApiKeyService;
  audit: AuditService;
  prompts: PromptService;
  promptTransfer: PromptTransfer;
  pipelines: PipelineService;
  runs: RunService;
  fleets: FleetService;
  fleetTasks: FleetTaskService;
  metrics: MetricsService;
  dashboard: DashboardService;
  access: AccessService;
  wsTickets: TicketStore;
  /** Every agent and fleet over A2A (`/a2a/{id}`). */
  a2a: A2AGateway;
  /** `GET /metrics`; null when `METRICS_TOKEN` is unset (the route answers 404). */
  operatorMetrics: MetricsEndpoint | null;
  openApiDocument(): object;
}

/**
 * The route table: every HTTP route of the API, each with the permission it needs, in one place.
 * `route-permissions.json` beside the tests pins it; a change here must change that file too.
 */
export function routeTable(deps: RouteTableDependencies): Route[] {
  return [
    ...healthRoutes(deps),
    metricsRoute(deps.operatorMetrics),
    openApiRoute(deps.openApiDocument),
    ...authRoutes(deps.auth, deps.members),
    ...memberRoutes(deps.members),
    ...apiKeyRoutes(deps.apiKeys),
    ...auditRoutes(deps.audit),
    ...agentRoutes(deps.agents),
    ...agentTaskRoutes(deps.agentTasks),
    ...agentLifecycleRoutes(deps.agentLifecycle),
    ...conversationRoutes(deps.conversations, deps.turnDeltas),
    ...providerRoutes(deps.providers, deps.models),
    ...usageRoutes(deps.usage),
    ...promptRoutes(deps.prompts, deps.promptTransfer),
    ...pipelineRoutes(deps.pipelines),
    ...runRoutes(deps.runs),
    ...fleetRoutes(deps.fleets),
    ...fleetTaskRoutes(deps.fleetTasks),
    ...metricsRoutes(deps.metrics),
    ...dashboardRoutes(deps.dashboard),
    ...wsTicketRoutes(deps.access, deps.wsTickets),
    ...a2aRoutes(deps.a2a),
  ];
}
