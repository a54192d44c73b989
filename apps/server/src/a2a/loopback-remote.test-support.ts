import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { A2A_PROTOCOL_VERSION, TaskState, type AgentCard } from '@a2a-js/sdk';
import {
  AgentEvent,
  DefaultRequestHandler,
  InMemoryTaskStore,
  type AgentExecutor,
  type ExecutionEventBus,
  type RequestContext,
} from '@a2a-js/sdk/server';
import { agentCardHandler, jsonRpcHandler, UserBuilder } from '@a2a-js/sdk/server/express';
import { createGuardedFetch } from '@agent-fleet/adapters';
import express from 'express';
import { cardSkill } from './agent-card.js';
import { agentMessage, replyArtifact } from './task-publisher.js';

/**
 * A remote A2A agent played by a loopback server built from the SDK's own server pieces: an echo
 * executor behind its card and JSON-RPC handlers, which records the credentials each request carried.
 */

/** Echoes the message's text as the task's reply. */
class EchoExecutor implements AgentExecutor {
  async execute(request: RequestContext, bus: ExecutionEventBus): Promise<void> {
    const text = request.userMessage.parts.map((part) => (part.content?.$case === 'text' ? part.content.value : '')).join('');
    const { taskId, contextId } = request;
    bus.publish(
      AgentEvent.task({
        id: taskId,
        contextId,
        status: { state: TaskState.TASK_STATE_SUBMITTED, message: undefined, timestamp: new Date().toISOString() },
        history: [request.userMessage],
        artifacts: [],
        metadata: {},
      }),
    );
    bus.publish(
      AgentEvent.artifactUpdate({
        taskId,
        contextId,
        artifact: replyArtifact(`echo: ${text}`),
        append: false,
        lastChunk: true,
        metadata: undefined,
      }),
    );
    bus.publish(
      AgentEvent.statusUpdate({
        taskId,
        contextId,
        status: {
          state: TaskState.TASK_STATE_COMPLETED,
          message: agentMessage(taskId, contextId, `echo: ${text}`),
          timestamp: new Date().toISOString(),
        },
        metadata: undefined,
      }),
    );
  }
  async cancelTask(): Promise<void> {
    // The echo answers at once: nothing runs long enough to stop.
  }
}

export interface Remote {
  origin: string;
  /** The credential headers each request carried, in order. */
  seen: { path: string; authorization: string | undefined; apiKey: string | undefined }[];
  close(): Promise<void>;
}

const servers: Server[] = [];

/** Closes every remote the tests started (call it in `afterEach`). */
export async function closeRemotes(): Promise<void> {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

async function listen(app: express.Express): Promise<{ server: Server; origin: string }> {
  const server = createServer(app).listen(0, '127.0.0.1');
  servers.push(server);
  await once(server, 'listening');
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** A remote agent; `rpcOrigin` puts its JSON-RPC endpoint on another server (another origin). */
export async function startRemote(rpcOrigin?: (remote: Remote) => Promise<string>): Promise<Remote> {
  const app = express();
  const remote: Remote = { origin: '', seen: [], close: async () => undefined };
  app.use((req, _res, next) => {
    remote.seen.push({ path: req.path, authorization: req.get('authorization'), apiKey: req.get('x-api-key') });
    next();
  });
  const { server, origin } = await listen(app);
  remote.origin = origin;
  remote.close = async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  };
  const rpcUrl = rpcOrigin ? `${await rpcOrigin(remote)}/rpc` : `${origin}/rpc`;
  const card: AgentCard = {
    name: 'Remote echo',
    description: 'Echoes what it is sent',
    supportedInterfaces: [{ url: rpcUrl, protocolBinding: 'JSONRPC', tenant: '', protocolVersion: A2A_PROTOCOL_VERSION }],
    provider: undefined,
    version: '1',
    documentationUrl: undefined,
    capabilities: { streaming: false, pushNotifications: false, extensions: [], extendedAgentCard: false },
    securitySchemes: {},
    securityRequirements: [],
    defaultInputModes: ['text/plain'],
    defaultOutputModes: ['text/plain'],
    skills: [cardSkill('echo', 'echo', 'Echoes', ['echo'])],
    signatures: [],
  };
  const requestHandler = new DefaultRequestHandler(card, new InMemoryTaskStore(), new EchoExecutor());
  app.use('/.well-known/agent-card.json', agentCardHandler({ agentCardProvider: requestHandler }));
  app.use('/rpc', jsonRpcHandler({ requestHandler, userBuilder: UserBuilder.noAuthentication }));
  return remote;
}

/** The guarded fetch as tests allow it: loopback only, as other tests do. */
export const loopbackFetch = () => createGuardedFetch({ allowPrivateNetworks: false, allowedHosts: ['127.0.0.1'] });
export const cardUrlOf = (remote: Remote) => `${remote.origin}/.well-known/agent-card.json`;
