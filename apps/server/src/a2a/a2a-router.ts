import { AGENT_CARD_PATH } from '@a2a-js/sdk';
import { DefaultExecutionEventBusManager } from '@a2a-js/sdk/server';
import { agentCardHandler, jsonRpcHandler, restHandler } from '@a2a-js/sdk/server/express';
import type { AccessService, AgentService, ConversationService } from '@agent-fleet/core';
import type { DrizzleA2ARepository } from '@agent-fleet/db';
import express, { type Request, type Router } from 'express';
import type { Logger } from 'pino';
import { A2A_CALL_PERMISSION, A2A_CARD_PERMISSION, a2aAuthentication, requestCaller } from './a2a-auth.js';
import { agentCard, REST_BINDING_PATH } from './agent-card.js';
import { AgentRequestHandler } from './agent-request-handler.js';
import { ConversationContexts } from './conversation-contexts.js';
import { ConversationExecutor } from './conversation-executor.js';
import { DatabaseTaskStore } from './database-task-store.js';

export interface A2ARouterOptions {
  access: AccessService;
  agents: AgentService;
  conversations: ConversationService;
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
 * Every agent over A2A, below `/a2a/{agentId}`: its Agent Card at `/.well-known/agent-card.json`,
 * JSON-RPC at the agent's path and HTTP+JSON (REST) below `/rest`, each speaking A2A 1.0 and, through
 * the SDK's compatibility layer, 0.3 (chosen by the `A2A-Version` header; none means 0.3).
 * Authentication comes first (a2a-auth.ts); then the SDK's handlers serve the call for that agent,
 * over one task store, one executor and one set of event buses shared by all agents.
 */
export function a2aRouter(options: A2ARouterOptions): Router {
  const tasks = new DatabaseTaskStore(options.repository, options.owner);
  const contexts = new ConversationContexts(options.repository, options.conversations);
  const executor = new ConversationExecutor({ conversations: options.conversations, contexts, logger: options.logger });
  // Buses are per task and live while it runs, so resubscribe and cancel reach a task from any request.
  const buses = new DefaultExecutionEventBusManager();
  const permissionFor = (req: Request) =>
    req.method === 'GET' && req.path === CARD_PATH ? A2A_CARD_PERMISSION : A2A_CALL_PERMISSION;

  const router = express.Router();
  router.use('/a2a/:agentId', a2aAuthentication(options.access, options.agents, permissionFor), (req, res, next) => {
    const binding = bindingOf(req.path);
    if (!binding) return next();
    const caller = requestCaller(res);
    const card = agentCard(caller.agent, `${req.protocol}://${req.get('host') ?? 'localhost'}`);
    const requestHandler = new AgentRequestHandler(card, tasks, executor, buses, contexts, options.conversations);
    const userBuilder = async () => caller;
    // The handler is this agent's, so it is made per request; only the binding asked for is built.
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
