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
import { afterEach, describe, expect, it } from 'vitest';
import { cardSkill } from './agent-card.js';
import { RemoteA2AAgent } from './remote-agent.js';
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

interface Remote {
  origin: string;
  /** The credential headers each request carried, in order. */
  seen: { path: string; authorization: string | undefined; apiKey: string | undefined }[];
  close(): Promise<void>;
}

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

async function listen(app: express.Express): Promise<{ server: Server; origin: string }> {
  const server = createServer(app).listen(0, '127.0.0.1');
  servers.push(server);
  await once(server, 'listening');
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** A remote agent; `rpcOrigin` puts its JSON-RPC endpoint on another server (another origin). */
async function startRemote(rpcOrigin?: (remote: Remote) => Promise<string>): Promise<Remote> {
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
const loopbackFetch = () => createGuardedFetch({ allowPrivateNetworks: false, allowedHosts: ['127.0.0.1'] });
const cardUrlOf = (remote: Remote) => `${remote.origin}/.well-known/agent-card.json`;

describe('a remote A2A agent', () => {
  it('fetches the card and sends a message through the guarded fetch, with its bearer credential', async () => {
    const remote = await startRemote();
    const agent = new RemoteA2AAgent({
      cardUrl: cardUrlOf(remote),
      credential: { scheme: 'bearer', value: 'remote-secret' },
      fetch: loopbackFetch(),
    });
    expect(await agent.health()).toMatchObject({ state: 'online', name: 'Remote echo', skills: ['echo'] });
    const reply = await agent.send('hello over there');
    expect(reply).toMatchObject({ state: 'completed', text: 'echo: hello over there' });
    expect(remote.seen.map((seen) => seen.path)).toContain('/rpc');
    expect(remote.seen.every((seen) => seen.authorization === 'Bearer remote-secret')).toBe(true);
  });

  it('sends an API key in its header, and never to another origin the card names', async () => {
    let other: Remote | undefined;
    const remote = await startRemote(async () => {
      other = await startRemote();
      return other.origin;
    });
    const agent = new RemoteA2AAgent({
      cardUrl: cardUrlOf(remote),
      credential: { scheme: 'api-key', value: 'k-123' },
      fetch: loopbackFetch(),
    });
    expect((await agent.send('hi')).text).toBe('echo: hi');
    expect(remote.seen.length).toBeGreaterThan(0);
    expect(remote.seen.every((seen) => seen.apiKey === 'k-123' && seen.authorization === undefined)).toBe(true);
    const rpcCalls = other?.seen.filter((seen) => seen.path === '/rpc') ?? [];
    expect(rpcCalls.length).toBeGreaterThan(0);
    expect(rpcCalls.every((seen) => seen.apiKey === undefined && seen.authorization === undefined)).toBe(true);
  });

  it('is offline when the remote is down, and when the SSRF rules refuse its address', async () => {
    const remote = await startRemote();
    const cardUrl = cardUrlOf(remote);
    await remote.close();
    const down = await new RemoteA2AAgent({ cardUrl, fetch: loopbackFetch() }).health();
    expect(down.state).toBe('offline');

    const refused = await new RemoteA2AAgent({
      cardUrl,
      credential: { scheme: 'bearer', value: 'never-sent' },
      fetch: createGuardedFetch({ allowPrivateNetworks: false, allowedHosts: [] }),
    }).health();
    expect(refused).toMatchObject({ state: 'offline', reason: expect.stringMatching(/refused|not allowed|private|loopback/i) });
  });
});
