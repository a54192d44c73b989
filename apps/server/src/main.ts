import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  AccessCache,
  AccessService,
  AppError,
  TaskRunner,
  AgentService,
  RemoteAgentService,
  AgentLifecycleService,
  AgentTaskService,
  ApiKeyService,
  AuditService,
  AuthService,
  ConversationService,
  DashboardService,
  FleetDispatcher,
  FleetService,
  FleetTaskService,
  PipelineFleetSteps,
  MetricsService,
  LiveEvents,
  LlmCaller,
  LoginThrottle,
  MemberService,
  memberPrices,
  ModelService,
  PipelineEngine,
  PipelineService,
  PromptService,
  PromptTransfer,
  ProviderService,
  TokenService,
  TurnRegistry,
  RunService,
  UsageService,
  agentStepRunner,
  sharedIsolatedExpressionEvaluator,
  sharedIsolatedTemplateEngine,
  NO_OPERATIONAL_METRICS,
  type BlobStore,
  type EventBus,
  type ExpressionEvaluator,
  type OperationalMetrics,
  type SecretBox,
  type SignupInput,
  type TemplateEngine,
} from '@agent-fleet/core';
import type { User } from '@agent-fleet/contracts';
import {
  DrizzleA2ARepository,
  DrizzleAgentRepository,
  DrizzleAgentLifecycleRepository,
  DrizzleAgentTaskRepository,
  DrizzleConversationRepository,
  DrizzleDashboardRepository,
  DrizzleDelegationTripRepository,
  DrizzleLlmCallRepository,
  DrizzleMessageRepository,
  DrizzleModelPriceRepository,
  DrizzleFleetRepository,
  DrizzleFleetTaskRepository,
  DrizzleFleetStepLinks,
  DrizzleRootTaskSpend,
  DrizzleMetricsRepository,
  DrizzlePipelineRepository,
  DrizzlePromptRepository,
  DrizzleProviderSettingsRepository,
  DrizzleQueueDepthReader,
  DrizzleRunStore,
  DrizzleRunTransactions,
  DrizzleSecurityStore,
  DrizzleUnitOfWork,
  DrizzleWsTicketRepository,
  openDatabase,
  StepOutputBlobs,
  type DatabaseHandle,
} from '@agent-fleet/db';
import { InProcessEventBus, InProcessProviderLimiter, InProcessWorkQueue } from '@agent-fleet/adapters';
import type { Express } from 'express';
import type { Logger } from 'pino';
import { securePrivateDataDir } from './data-dir.js';
import type { Env } from './env.js';
import { A2AGateway } from './a2a/a2a-router.js';
import { A2ARemoteAgents } from './a2a/remote-agents-adapter.js';
import { createApp } from './http/app.js';
import { ResponseCache } from './http/response-cache.js';
import { environmentProviders, outboundFetch, type OutboundEnv, type ProviderEnv } from './infrastructure.js';
import { buildOpenApiDocument } from './http/openapi.js';
import { interactiveDocs } from './modules/docs/docs.routes.js';
import { RealtimeGateway, type RealtimeGatewayOptions } from './realtime/realtime-gateway.js';
import { TicketStore } from './realtime/ticket-store.js';
import { countingRunEnds } from './observability/run-end-metrics.js';
import { tracingRunEnds } from './observability/run-end-traces.js';
import { tracedFetch } from './observability/traced-fetch.js';
import { PrometheusMetrics } from './observability/prometheus-metrics.js';
import { type AppTracing } from './observability/otel-tracing.js';
import { TurnDeltaPublisher } from './modules/conversations/turn-delta-publisher.js';
import { routeTable } from './routes.js';
import { SERVER_VERSION } from './version.js';

/** The web UI built by `npm run build`, relative to this file in both src/ and dist/. */
const DEFAULT_WEB_DIST = fileURLToPath(new URL('../../web/dist', import.meta.url));

export { createLogger } from './logger.js';

/** Opens the database the config names: PostgreSQL when DATABASE_URL is set, else PGlite in DATA_DIR. */
export async function openConfiguredDatabase(env: Env): Promise<DatabaseHandle> {
  // DATA_DIR holds the embedded database, blobs and generated secrets: owner-only, fixed on every start.
  // Again once PGlite is open: it unpacks a new database with world-readable modes whatever the umask
  // (files it creates later follow the umask the CLI sets).
  const makePrivate = () => {
    const refused = securePrivateDataDir(env.DATA_DIR, { create: !env.DATABASE_URL });
    if (refused.length > 0) {
      process.emitWarning(
        `Could not make ${refused.length} path(s) under DATA_DIR private (owned by another user): ${refused.slice(0, 5).join(', ')}`,
      );
    }
  };
  makePrivate();
  const database = await openDatabase(
    env.DATABASE_URL
      ? { driver: 'postgres', url: env.DATABASE_URL, poolSize: env.DATABASE_POOL_SIZE }
      : { driver: 'pglite', dataDir: join(env.DATA_DIR, 'pglite') },
  );
  makePrivate();
  return database;
}

export type AppEnv = Pick<
  Env,
  | 'BODY_LIMIT_BYTES'
  | 'WEB_DIST_DIR'
  | 'ACCESS_TOKEN_TTL_SECONDS'
  | 'SESSION_DAYS'
  | 'SIGNUP_OPEN'
  | 'LOGIN_MAX_ATTEMPTS'
  | 'COOKIE_SECURE'
  | 'TRUST_PROXY'
  | 'LLM_MAX_CONCURRENCY'
  | 'LLM_REQUESTS_PER_MINUTE'
  | 'LLM_FIRST_TOKEN_TIMEOUT_MS'
  | 'LLM_IDLE_TIMEOUT_MS'
  | 'LLM_TOTAL_TIMEOUT_MS'
  | 'LLM_MAX_ATTEMPTS'
  | 'MESSAGE_INLINE_LIMIT_BYTES'
  | 'STEP_OUTPUT_INLINE_LIMIT_BYTES'
  | 'API_CACHE_TTL_MS'
  | 'PIPELINE_SLOTS'
  | 'PIPELINE_WORKER_STALE_MS'
  | 'METRICS_TOKEN'
> &
  OutboundEnv &
  ProviderEnv;

export interface AppDependencies {
  database: DatabaseHandle;
  logger: Logger;
  env: AppEnv;
  /** The access-token signing key (see auth-secret.ts). */
  authSecret: Uint8Array;
  /** Encrypts provider keys at rest (see secrets-key.ts). */
  secrets: SecretBox;
  blobs: BlobStore;
  /**
   * Renders and analyses prompt templates off the event loop (a worker pool). Default: the process's
   * shared pool, whose idle workers never keep it alive (test apps); `startServer` passes its own and closes it.
   */
  templates?: TemplateEngine;
  /** Evaluates pipeline expressions, unbounded ones in workers. Default: the process's shared evaluator. */
  expressions?: ExpressionEvaluator;
  /**
   * This process's registered instance id (`ServerInstance`), which the rows of its running work name.
   * Default: an unregistered id of its own (test apps, where nothing recovers work).
   */
  instanceId?: string;
  /** Events between servers (chat turn stops, run events). Default: an in-process bus of its own. */
  bus?: EventBus;
  /** The WebSocket gateway's settings (docs/realtime.md); defaults as RealtimeGatewayOptions says. */
  realtime?: Pick<RealtimeGatewayOptions, 'allowedOrigins' | 'pingIntervalMs' | 'recheckIntervalMs' | 'maxBufferedBytes'>;
  /** Traces (OpenTelemetry) when `OTEL_EXPORTER_OTLP_ENDPOINT` is set; `startServer` starts it. Default: none. */
  tracing?: AppTracing;
  /** Where authentication reads are reused (tests pass one with their own clock). Default: an AccessCache of 5 s. */
  accessCache?: AccessCache;
}

/** The HTTP app and the pipeline engine behind it, which the caller starts and stops. */
export interface BuiltApp {
  app: Express;
  engine: PipelineEngine;
  /** Agents' admin states; `startServer` runs its drain sweep. */
  lifecycle: AgentLifecycleService;
  /** Places and runs fleet tasks; started and stopped with the engine. */
  fleetDispatcher: FleetDispatcher;
  /** a2a agents; `startServer` runs their periodic health check. */
  remoteAgents: RemoteAgentService;
  /** The WebSocket gateway; the caller attaches it to its HTTP server and closes it. */
  realtime: RealtimeGateway;
}

/** Wires repositories → services → route table → HTTP app. Tests call this with a test database. */
export function buildApp({
  database,
  logger,
  env,
  authSecret,
  secrets,
  blobs,
  templates,
  expressions,
  instanceId = `app:${process.pid}:${crypto.randomUUID().slice(0, 8)}`,
  bus = new InProcessEventBus(),
  realtime = { allowedOrigins: [] },
  tracing,
  accessCache = new AccessCache(),
}: AppDependencies): BuiltApp {
  // The AI SDK prints provider warnings to the console; route them to the structured log instead.
  (globalThis as { AI_SDK_LOG_WARNINGS?: unknown }).AI_SDK_LOG_WARNINGS = (details: {
    warnings: unknown[];
    provider: string;
    model: string;
  }) => logger.warn({ provider: details.provider, model: details.model, warnings: details.warnings }, 'LLM provider warning');
  // Authentication reads are reused for a few seconds; writes through `store` that change access clear them.
  const store = accessCache.watch(new DrizzleSecurityStore(database.db));
  // Writes that belong together (a change and its audit event) commit through it, in one transaction.
  const unitOfWork = new DrizzleUnitOfWork(database.db);
  // Services tell live views (the WebSocket gateway) what changed, once it has committed.
  const live = new LiveEvents(bus);
  const tokens = new TokenService({ secret: authSecret, ttlSeconds: env.ACCESS_TOKEN_TTL_SECONDS });
  const audit = new AuditService(store);
  const members = new MemberService(store, audit);
  const auth = new AuthService(store, tokens, new LoginThrottle({ perAccount: env.LOGIN_MAX_ATTEMPTS }), audit, {
    signupOpen: env.SIGNUP_OPEN,
    sessionDays: env.SESSION_DAYS,
  });
  const promptRepository = new DrizzlePromptRepository(database.db);
  const prompts = new PromptService(promptRepository, templates ?? sharedIsolatedTemplateEngine(), unitOfWork);
  // `fleet` pipeline steps: fleet tasks joined to the steps waiting for them.
  const fleetStepLinks = new DrizzleFleetStepLinks(database.db);
  const pipelines = new PipelineService({
    pipelines: new DrizzlePipelineRepository(database.db),
    prompts: promptRepository,
    unitOfWork,
    fleetExists: async (workspaceId, name) => (await fleetStepLinks.fleetIdByName(workspaceId, name)) !== null,
  });
  const agentRepository = new DrizzleAgentRepository(database.db);
  const agents = new AgentService(agentRepository, prompts, { unitOfWork, blobs, live, secrets });
  const lifecycle = new AgentLifecycleService({
    agents: agentRepository,
    lifecycle: new DrizzleAgentLifecycleRepository(database.db),
    unitOfWork,
    live,
  });

  // Operators' counters (Prometheus at /metrics) only when METRICS_TOKEN turns them on; else nothing is counted.
  const prometheus: PrometheusMetrics | null = env.METRICS_TOKEN
    ? new PrometheusMetrics({
        queueDepth: () => new DrizzleQueueDepthReader(database.db).queueDepth(),
        // Read at scrape time, when the gateway below exists.
        wsConnections: (): number => gateway.size,
      })
    : null;
  const operatorMetrics: OperationalMetrics = prometheus ?? NO_OPERATIONAL_METRICS;

  const fetch = outboundFetch(env);
  // a2a agents' tasks and health checks go to their remote through the same guarded fetch.
  const remoteAgents = new RemoteAgentService({ store: agentRepository, remotes: new A2ARemoteAgents(fetch), secrets });
  const providers = new ProviderService({
    environment: environmentProviders(env),
    settings: new DrizzleProviderSettingsRepository(database.db),
    secrets,
    fetch,
    unitOfWork,
  });
  const models = new ModelService(new DrizzleModelPriceRepository(database.db), unitOfWork);
  const ledger = new DrizzleLlmCallRepository(database.db, instanceId);
  const taskRepository = new DrizzleAgentTaskRepository(database.db);
  const caller = new LlmCaller({
    providers,
    models,
    ledger,
    limiter: new InProcessProviderLimiter({
      maxConcurrency: env.LLM_MAX_CONCURRENCY,
      requestsPerMinute: env.LLM_REQUESTS_PER_MINUTE,
    }),
    fetch,
    live,
    retry: {
      maxAttempts: env.LLM_MAX_ATTEMPTS,
      firstTokenTimeoutMs: env.LLM_FIRST_TOKEN_TIMEOUT_MS,
      idleTimeoutMs: env.LLM_IDLE_TIMEOUT_MS,
      totalTimeoutMs: env.LLM_TOTAL_TIMEOUT_MS,
    },
    metrics: operatorMetrics,
    ...(tracing ? { tracing } : {}),
  });
  const runner = new TaskRunner({
    agents: agentRepository,
    tasks: taskRepository,
    trips: new DrizzleDelegationTripRepository(database.db),
    prompts,
    caller,
    owner: instanceId,
    // Counted from the rows, so a drain pauses when its agent's last task on any server ends.
    onTaskEnded: (workspaceId, agentId) => lifecycle.settleDrain(workspaceId, agentId),
    remoteAgents,
    unitOfWork,
    blobs,
    live,
    metrics: operatorMetrics,
    ...(tracing ? { tracing } : {}),
  });
  const conversationRepository = new DrizzleConversationRepository(database.db);
  const conversations = new ConversationService({
    conversations: conversationRepository,
    messages: new DrizzleMessageRepository(database.db),
    agents: agentRepository,
    runner,
    turns: new TurnRegistry({ conversations: conversationRepository, bus, owner: instanceId }),
    blobs,
    inlineContentLimit: env.MESSAGE_INLINE_LIMIT_BYTES,
    unitOfWork,
    live,
  });

  const stepOutputs = new StepOutputBlobs(blobs, env.STEP_OUTPUT_INLINE_LIMIT_BYTES);
  const runStore = new DrizzleRunStore(database.db, stepOutputs);
  // One queue carries pipeline steps and fleet tasks alike.
  const queue = new InProcessWorkQueue();
  const fleetTaskRepository = new DrizzleFleetTaskRepository(database.db);
  const fleetSteps = new PipelineFleetSteps({ links: fleetStepLinks, tasks: fleetTaskRepository, log: logger });
  const engine = new PipelineEngine({
    transactions: tracingRunEnds(
      countingRunEnds(new DrizzleRunTransactions(database.db, stepOutputs), operatorMetrics),
      tracing,
      runStore,
      logger,
    ),
    store: runStore,
    queue,
    bus,
    evaluator: expressions ?? sharedIsolatedExpressionEvaluator(),
    actions: {
      prompts,
      caller,
      fetch: tracing ? tracedFetch(fetch, tracing) : fetch,
      runAgentTask: agentStepRunner(agentRepository, runner),
      fleetSteps,
    },
    versions: { resolve: (workspaceId, ref) => pipelines.resolveVersion(workspaceId, ref) },
    slots: env.PIPELINE_SLOTS,
    staleMs: env.PIPELINE_WORKER_STALE_MS,
    // Three of the pool's connections (10 by default) at most; the rest stay for requests.
    ...(database.driver === 'postgres' ? { commitParallel: 3 } : {}),
    log: logger,
    ...(tracing ? { tracing } : {}),
  });
  const fleetRepository = new DrizzleFleetRepository(database.db);
  const fleetDispatcher = new FleetDispatcher({
    workerId: instanceId,
    unitOfWork,
    tasks: fleetTaskRepository,
    fleets: fleetRepository,
    queue,
    agents: agentRepository,
    runner,
    // A fleet task's budget is summed from the ledger, across its attempts and processes.
    rootSpend: new DrizzleRootTaskSpend(database.db),
    prices: (workspaceId, members) => memberPrices(models, workspaceId, members),
    leaseMs: env.PIPELINE_WORKER_STALE_MS,
    log: logger,
    live,
    onTaskEnded: (workspaceId, task) => fleetSteps.taskEnded(workspaceId, task),
    onSweep: () => fleetSteps.reconcile(),
    ...(tracing ? { tracing } : {}),
  });

  const access = new AccessService(store, tokens, accessCache);
  const runs = new RunService({
    engine,
    store: runStore,
    versions: { resolve: (workspaceId, ref) => pipelines.resolveVersion(workspaceId, ref) },
    bus,
  });
  const fleets = new FleetService({
    fleets: fleetRepository,
    unitOfWork,
    // A resumed fleet's waiting tasks are placed at once rather than on the next sweep.
    onActivated: (fleetId) => fleetDispatcher.kick(fleetId),
    live,
  });
  // In the database, so any server redeems a ticket another issued.
  const wsTickets = new TicketStore({ rows: new DrizzleWsTicketRepository(database.db), secrets });
  const gateway = new RealtimeGateway({
    ...realtime,
    access,
    tickets: wsTickets,
    bus,
    resources: {
      agent: (workspaceId, id) => agents.get(workspaceId, id),
      fleet: (workspaceId, id) => fleets.get(workspaceId, id),
      conversation: (workspaceId, id) => conversations.get(workspaceId, id),
      run: async (workspaceId, id) => {
        if (!(await runStore.getRun(workspaceId, id))) throw new AppError('not_found', `Run ${id} does not exist`);
      },
    },
    runLog: (workspaceId, id) => (after, limit) => runs.events(workspaceId, id, after, limit),
    log: logger,
    metrics: operatorMetrics,
  });
  let document: object | undefined;
  const fleetTasks = new FleetTaskService({
    unitOfWork,
    tasks: fleetTaskRepository,
    fleets: fleetRepository,
    dispatcher: fleetDispatcher,
    live,
    onTaskEnded: (workspaceId, task) => fleetSteps.taskEnded(workspaceId, task),
    ...(tracing ? { tracing } : {}),
  });
  fleetSteps.attach(engine, fleetTasks);
  const usage = new UsageService(ledger, agentRepository);
  const a2a = new A2AGateway({
    access,
    agents,
    conversations,
    fleets,
    fleetTasks,
    repository: new DrizzleA2ARepository(database.db),
    owner: instanceId,
    logger,
  });
  const routes = routeTable({
    agents,
    agentTasks: new AgentTaskService(taskRepository, agents, blobs),
    agentLifecycle: lifecycle,
    conversations,
    turnDeltas: new TurnDeltaPublisher({ bus, log: logger }),
    providers,
    models,
    usage,
    auth,
    members,
    apiKeys: new ApiKeyService(store, members, audit),
    audit,
    prompts,
    promptTransfer: new PromptTransfer(promptRepository, prompts),
    pipelines,
    runs,
    fleets,
    fleetTasks,
    metrics: new MetricsService({
      metrics: new DrizzleMetricsRepository(database.db),
      fleets: fleetRepository,
      agents: agentRepository,
    }),
    dashboard: new DashboardService({
      dashboard: new DrizzleDashboardRepository(database.db),
      usage,
      providers,
      server: { version: SERVER_VERSION, database: database.driver, uptimeSeconds: () => process.uptime() },
    }),
    access,
    wsTickets,
    a2a,
    operatorMetrics: prometheus && env.METRICS_TOKEN ? { token: env.METRICS_TOKEN, scrape: () => prometheus.scrape() } : null,
    pingDatabase: () => database.ping(),
    pingBlobStore: () => blobs.check(),
    openApiDocument: () => (document ??= buildOpenApiDocument(routes, SERVER_VERSION)),
  });
  const app = createApp({
    routes,
    extraRouters: [interactiveDocs()],
    logger,
    bodyLimitBytes: env.BODY_LIMIT_BYTES,
    webDistDir: env.WEB_DIST_DIR ?? DEFAULT_WEB_DIST,
    trustProxy: env.TRUST_PROXY,
    ...(tracing ? { requestTracing: tracing.requests } : {}),
    access,
    cookieSecure: env.COOKIE_SECURE,
    ...(env.API_CACHE_TTL_MS > 0
      ? { responseCache: new ResponseCache({ ttlMs: env.API_CACHE_TTL_MS, version: () => database.writes.version }) }
      : {}),
  });
  return { app, engine, lifecycle, fleetDispatcher, remoteAgents, realtime: gateway };
}

/** The first owner, created outside HTTP (the `create-owner` command). */
export function createFirstOwner(database: DatabaseHandle, input: SignupInput): Promise<User> {
  const store = new DrizzleSecurityStore(database.db);
  // Nothing is signed here; the service only needs a key to exist.
  const tokens = new TokenService({ secret: randomBytes(32) });
  const auth = new AuthService(store, tokens, new LoginThrottle(), new AuditService(store), { signupOpen: false });
  return auth.createFirstOwner(input, { principal: null, ip: null });
}
