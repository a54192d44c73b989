import { AGENT_CARD_PATH } from '@a2a-js/sdk';
import { DefaultExecutionEventBusManager } from '@a2a-js/sdk/server';
import { agentCardHandler, jsonRpcHandler, restHandler } from '@a2a-js/sdk/server/express';
import type { AccessService, AgentService, ConversationService, FleetService, FleetTaskService } from '@agent-fleet/core';
import type { DrizzleA2ARepository } from '@agent-fleet/db';
import express, { type Request, type RequestHandler, type Router } from 'express';
import type { Logger } from 'pino';
import { a2aAuthentication, requestCaller } from './a2a-auth.js';
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

export interface A2ARouterOptions {
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

const CARD_PATH = `/${AGENT_CARD_PATH}`;
const legacyCompat = { enabled: true };

/** What a path below the agent's asks for; anything else is no A2A endpoint (404). */
function bindingOf(path: string): 'card' | 'rest' | 'jsonrpc' | null {
  if (path === CARD_PATH) return 'card';
  if (path.startsWith(`${REST_BINDING_PATH}/`)) return 'rest';
  return path === '/' ? 'jsonrpc' : null;
}

/**
 * Every agent and every fleet over A2A, below `/a2a/{id}`: its Agent Card at
 * `/.well-known/agent-card.json`, JSON-RPC at its path and HTTP+JSON (REST) below `/rest`, each
 * speaking A2A 1.0 and, through the SDK's compatibility layer, 0.3 (chosen by the `A2A-Version` header;
 * none means 0.3). Authentication comes first (a2a-auth.ts); then the SDK's handlers serve the call
 * for that agent (one turn of a conversation) or fleet (one fleet task), over one task store, one
 * executor of each kind and one set of event buses shared by all.
 */
export function a2aRouter(options: A2ARouterOptions): Router {
  const tasks = new DatabaseTaskStore(options.repository, options.owner);
  const contexts = new ConversationContexts(options.repository, options.conversations);
  const executor = new ConversationExecutor({ conversations: options.conversations, contexts, logger: options.logger });
  // Buses are per task and live while it runs, so resubscribe and cancel reach a task from any request.
  const buses = new DefaultExecutionEventBusManager();
  const fleetExecutor = new FleetExecutor({ fleetTasks: options.fleetTasks, logger: options.logger });
  const fleetTasks = new FleetTaskStore(tasks, options.fleetTasks, (taskId) => fleetExecutor.isRunning(taskId));
  const actionOf = (req: Request) => (req.method === 'GET' && req.path === CARD_PATH ? 'card' : 'call');
  const handlerFor = (caller: A2ACaller, origin: string) =>
    caller.target.kind === 'agent'
      ? new AgentRequestHandler(agentCard(caller.target.agent, origin), tasks, executor, buses, contexts, options.conversations)
      : new FleetRequestHandler(fleetCard(caller.target.fleet, origin), fleetTasks, fleetExecutor, buses, options.fleetTasks);

  const router = express.Router();
  const authenticate = a2aAuthentication(options.access, options.agents, options.fleets, actionOf) as RequestHandler;
  router.use('/a2a/:targetId', authenticate, (req, res, next) => {
    const binding = bindingOf(req.path);
    if (!binding) return next();
    const caller = requestCaller(res);
    const requestHandler = handlerFor(caller, `${req.protocol}://${req.get('host') ?? 'localhost'}`);
    const userBuilder = async () => caller;
    // The handler is this agent's (or fleet's), so it is made per request; only the binding asked for is built.
    const handler = express.Router();
    if (binding === 'card') {
      // Answers depend on the credential: revalidate, never share (no `public` caching).
      handler.use(CARD_PATH, agentCardHandler({ agentCardProvider: requestHandler, cache: { maxAge: 0 }, legacyCompat }));
    } else if (binding === 'rest') {
      handler.use(REST_BINDING_PATH, restHandler({ requestHandler, userBuilder, legacyCompat }));
    } else {
      handler.use(jsonRpcHandler({ requestHandler, userBuilder, legacyCompat }));
    }
    handler(req, res, next);
  });
  return router;
}
