import { DefaultExecutionEventBusManager } from '@a2a-js/sdk/server';
import { agentCardHandler, jsonRpcHandler, restHandler } from '@a2a-js/sdk/server/express';
import type {
  AccessService,
  AgentService,
  ConversationService,
  FleetService,
  FleetTaskService,
  WorkspaceAccess,
} from '@agent-fleet/core';
import type { DrizzleA2ARepository } from '@agent-fleet/db';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import type { RouteContext } from '../http/route.js';
import { findA2ACaller, type A2AAction } from './a2a-auth.js';
import type { A2ACaller } from './a2a-caller.js';
import { agentCard, REST_BINDING_PATH } from './agent-card.js';
import { AgentRequestHandler } from './agent-request-handler.js';
import { ConversationContexts } from './conversation-contexts.js';
import { ConversationExecutor } from './conversation-executor.js';
import { DatabaseTaskStore } from './database-task-store.js';
import { fleetCard } from './fleet-card.js';
import { FleetExecutor } from './fleet-executor.js';
import { FleetRequestHandler } from './fleet-request-handler.js';
import { FleetTaskStore } from './fleet-task-store.js';

export interface A2AGatewayOptions {
  access: AccessService;
  agents: AgentService;
  conversations: ConversationService;
  fleets: FleetService;
  fleetTasks: FleetTaskService;
  repository: DrizzleA2ARepository;
  /** This server instance's id: the owner of the tasks it runs. */
  owner: string;
  logger: Logger;
}

/** Which of the SDK's handlers serves a request: the card, JSON-RPC or HTTP+JSON (REST). */
export type A2ABinding = 'card' | 'jsonrpc' | 'rest';

const legacyCompat = { enabled: true };

/** What `serve` needs of a route's context: who asks, in which workspace, about which id. */
type A2AContext = Pick<RouteContext<{ id: string }, unknown, undefined>, 'params' | 'principal' | 'access'>;

/**
 * Every agent and every fleet over A2A, below `/a2a/{id}` (the routes are declared in a2a.routes.ts, so
 * they are authenticated and authorized as every route is): its Agent Card at
 * `/.well-known/agent-card.json`, JSON-RPC at its path and HTTP+JSON (REST) below `/rest`, each speaking
 * A2A 1.0 and, through the SDK's compatibility layer, 0.3 (chosen by the `A2A-Version` header; none
 * means 0.3). The SDK's handlers serve the call for that agent (one turn of a conversation) or fleet
 * (one fleet task), over one task store, one executor of each kind and one set of event buses.
 */
export class A2AGateway {
  private readonly tasks: DatabaseTaskStore;
  private readonly contexts: ConversationContexts;
  private readonly executor: ConversationExecutor;
  private readonly fleetExecutor: FleetExecutor;
  private readonly fleetTaskStore: FleetTaskStore;
  // Buses are per task and live while it runs, so resubscribe and cancel reach a task from any request.
  private readonly buses = new DefaultExecutionEventBusManager();

  constructor(private readonly options: A2AGatewayOptions) {
    this.tasks = new DatabaseTaskStore(options.repository, options.owner);
    this.contexts = new ConversationContexts(options.repository, options.conversations);
    this.executor = new ConversationExecutor({
      conversations: options.conversations,
      contexts: this.contexts,
      logger: options.logger,
    });
    this.fleetExecutor = new FleetExecutor({ fleetTasks: options.fleetTasks, logger: options.logger });
    this.fleetTaskStore = new FleetTaskStore(this.tasks, options.fleetTasks, (taskId) => this.fleetExecutor.isRunning(taskId));
  }

  /** Serves an authorized request to `/a2a/{id}…` for `action` with the SDK's handler for `binding`. */
  async serve(
    binding: A2ABinding,
    action: A2AAction,
    context: A2AContext,
    req: Request,
    res: Response,
    next: NextFunction,
  ): Promise<void> {
    const caller = await findA2ACaller(
      this.options,
      { principal: principalOf(context), access: accessOf(context), ip: req.ip ?? null },
      context.params.id,
      action,
    );
    const requestHandler = this.handlerFor(caller, `${req.protocol}://${req.get('host') ?? 'localhost'}`);
    const userBuilder = async () => caller;
    // The handler is this agent's (or fleet's), so it is made per request; only the binding asked for is built.
    const base = `/a2a/${context.params.id}`;
    const handler = express.Router();
    if (binding === 'card') {
      // Answers depend on the credential: revalidate, never share (no `public` caching).
      handler.use(
        `${base}/.well-known/agent-card.json`,
        agentCardHandler({ agentCardProvider: requestHandler, cache: { maxAge: 0 }, legacyCompat }),
      );
    } else if (binding === 'rest') {
      handler.use(`${base}${REST_BINDING_PATH}`, restHandler({ requestHandler, userBuilder, legacyCompat }));
    } else {
      handler.use(base, jsonRpcHandler({ requestHandler, userBuilder, legacyCompat }));
    }
    handler(req, res, next);
  }

  private handlerFor(caller: A2ACaller, origin: string) {
    const { target } = caller;
    return target.kind === 'agent'
      ? new AgentRequestHandler(
          agentCard(target.agent, origin),
          this.tasks,
          this.executor,
          this.buses,
          this.contexts,
          this.options.conversations,
        )
      : new FleetRequestHandler(
          fleetCard(target.fleet, origin),
          this.fleetTaskStore,
          this.fleetExecutor,
          this.buses,
          this.options.fleetTasks,
        );
  }
}

function principalOf(context: A2AContext) {
  if (!context.principal) throw new Error('An A2A route reached the gateway without a caller');
  return context.principal;
}

function accessOf(context: A2AContext): WorkspaceAccess {
  if (!context.access) throw new Error('An A2A route reached the gateway without a workspace');
  return context.access;
}
