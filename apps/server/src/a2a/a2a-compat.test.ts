import { TaskState } from '@a2a-js/sdk';
import {
  ClientFactory,
  DefaultAgentCardResolver,
  JsonRpcTransportFactory,
  RestTransportFactory,
  type Client,
} from '@a2a-js/sdk/client';
import { isLegacyAgentCard, parseLegacyAgentCard } from '@a2a-js/sdk/compat/v0_3/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  agentUrl,
  asTask,
  bearerFetch,
  collect,
  replyOf,
  sendRequest,
  startA2AServer,
  stateOf,
  userText,
  type A2AServer,
} from './a2a.test-support.js';

/**
 * A2A 0.3 clients: the card as a 0.3 client asks for it (no `A2A-Version`), and the SDK's 0.3
 * compatibility transports (JSON-RPC and REST) against the same endpoints.
 */

let s: A2AServer;

beforeAll(async () => {
  s = await startA2AServer();
}, 60_000);
afterAll(() => s.close());

/**
 * A 0.3 client: the SDK's factory with its compatibility layer on, given the interfaces the card offers
 * at 0.3, so it speaks the 0.3 wire protocol (its Legacy transports).
 */
async function legacyClient(agentId: string, binding: 'JSONRPC' | 'HTTP+JSON'): Promise<Client> {
  const fetchImpl = bearerFetch(s.key);
  const card = await new DefaultAgentCardResolver({ fetchImpl }).resolve(agentUrl(s.origin, agentId));
  const factory = new ClientFactory({
    transports: [
      new JsonRpcTransportFactory({ fetchImpl, legacyCompat: { enabled: true } }),
      new RestTransportFactory({ fetchImpl, legacyCompat: { enabled: true } }),
    ],
    preferredTransports: [binding],
  });
  return factory.createFromAgentCard({
    ...card,
    supportedInterfaces: card.supportedInterfaces.filter((intf) => intf.protocolVersion === '0.3'),
  });
}

describe('A2A 0.3 compatibility', () => {
  it('serves a 0.3 card to a client that names no version', async () => {
    const agent = await s.createAgent('Old friend');
    const raw: unknown = await (await bearerFetch(s.key)(`${agentUrl(s.origin, agent.id)}.well-known/agent-card.json`)).json();
    const endpoint = `${s.origin}/a2a/${agent.id}`;
    expect(raw).toMatchObject({
      name: 'Old friend',
      url: endpoint,
      preferredTransport: 'JSONRPC',
      protocolVersion: '0.3',
      additionalInterfaces: [{ url: `${endpoint}/rest`, transport: 'HTTP+JSON' }],
      security: [expect.anything()],
    });
    // What a 0.3 client reads of it is a card the SDK takes for 0.3.
    const { supportedInterfaces: _v1, ...legacy } = raw as Record<string, unknown>;
    expect(isLegacyAgentCard(legacy)).toBe(true);
    expect(parseLegacyAgentCard(legacy).supportedInterfaces.map((intf) => intf.protocolVersion)).toEqual(['0.3', '0.3']);
  });

  for (const binding of ['JSONRPC', 'HTTP+JSON'] as const) {
    it(`sends, streams and gets tasks with the 0.3 ${binding} client`, async () => {
      const agent = await s.createAgent(`Legacy ${binding === 'JSONRPC' ? 'rpc' : 'rest'}`);
      const client = await legacyClient(agent.id, binding);
      expect(client.transport.protocolVersion).toBe('0.3');

      const task = asTask(await client.sendMessage(sendRequest(userText('Hello from 0.3'))));
      expect(task.status?.state).toBe(TaskState.TASK_STATE_COMPLETED);
      expect(replyOf(task)).toMatch(/^Mock reply to "Hello from 0.3"/);

      const events = await collect(client.sendMessageStream(sendRequest(userText('Stream it', task.contextId)))).done;
      expect(stateOf(events.at(-1) ?? {})).toBe(TaskState.TASK_STATE_COMPLETED);
      expect(replyOf(await client.getTask({ tenant: '', id: task.id }))).toBe(replyOf(task));
    });
  }

  it('cancels and resubscribes to a running task with the 0.3 JSON-RPC client', async () => {
    const agent = await s.createAgent('Legacy sleeper', 'echo?latencyMs=60000');
    const client = await legacyClient(agent.id, 'JSONRPC');
    const stream = collect(client.sendMessageStream(sendRequest(userText('Later'))));
    await stream.until((event) => stateOf(event) === TaskState.TASK_STATE_WORKING);
    const first = stream.events[0]?.payload;
    const taskId = first?.$case === 'task' ? first.value.id : '';

    const resubscribed = collect(client.resubscribeTask({ tenant: '', id: taskId }));
    await resubscribed.until((event) => stateOf(event) === TaskState.TASK_STATE_WORKING);
    expect((await client.cancelTask({ tenant: '', id: taskId, metadata: undefined })).status?.state).toBe(
      TaskState.TASK_STATE_CANCELED,
    );
    expect(stateOf((await resubscribed.done).at(-1) ?? {})).toBe(TaskState.TASK_STATE_CANCELED);
    expect(stateOf((await stream.done).at(-1) ?? {})).toBe(TaskState.TASK_STATE_CANCELED);
  });
});
