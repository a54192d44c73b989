import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Role, type Message, type SendMessageRequest, type StreamResponse, type Task, type TaskState } from '@a2a-js/sdk';
import {
  ClientFactory,
  DefaultAgentCardResolver,
  JsonRpcTransportFactory,
  RestTransportFactory,
  type Client,
} from '@a2a-js/sdk/client';
import { expect } from 'vitest';
import { createMockAgent, createTestApp, type SignedIn, type TestApp } from '../test-support.js';

/** The app on a real loopback port, with an owner and an API key of theirs. */
export interface A2AServer {
  t: TestApp;
  owner: SignedIn;
  origin: string;
  /** An editor API key of the owner's workspace. */
  key: string;
  /** A new API key of `who`'s workspace with `role`. */
  createKey(who: SignedIn, role: string): Promise<string>;
  /** A mock agent; `model` sets the mock's behaviour (see mock-options.ts). */
  createAgent(name: string, model?: string, extra?: Record<string, unknown>, who?: SignedIn): Promise<{ id: string }>;
  close(): Promise<void>;
}

export async function startA2AServer(): Promise<A2AServer> {
  const t = await createTestApp({ env: { SIGNUP_OPEN: true } });
  const owner = await t.signupOwner();
  const server: Server = createServer(t.app).listen(0, '127.0.0.1');
  await once(server, 'listening');
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const createKey = async (who: SignedIn, role: string) => {
    const res = await who.client.post('/api/v1/api-keys').send({ name: `a2a ${role}`, role });
    if (res.status !== 201) throw new Error(`creating an API key answered ${res.status}: ${res.text}`);
    return (res.body as { key: string }).key;
  };
  return {
    t,
    owner,
    origin,
    key: await createKey(owner, 'editor'),
    createKey,
    createAgent: (name, model = 'echo', extra = {}, who = owner) => createMockAgent(who, name, model, extra),
    async close() {
      server.closeAllConnections();
      server.close();
      await t.close();
    },
  };
}

/** `fetch` that sends `key` as a bearer credential, as an A2A client configured with our API key does. */
export function bearerFetch(key: string | null): typeof fetch {
  return (input, init) => {
    const headers = new Headers(init?.headers);
    if (key) headers.set('Authorization', `Bearer ${key}`);
    return fetch(input, { ...init, headers });
  };
}

/** The agent's base URL, as a client is given it (the card is below it). */
export const agentUrl = (origin: string, agentId: string): string => `${origin}/a2a/${agentId}/`;

/** The SDK's own client for an agent, from its card, over JSON-RPC or REST. */
export function a2aClient(
  origin: string,
  agentId: string,
  key: string | null,
  binding: 'JSONRPC' | 'HTTP+JSON',
): Promise<Client> {
  const fetchImpl = bearerFetch(key);
  const factory = new ClientFactory({
    transports: [new JsonRpcTransportFactory({ fetchImpl }), new RestTransportFactory({ fetchImpl })],
    preferredTransports: [binding],
    cardResolver: new DefaultAgentCardResolver({ fetchImpl }),
  });
  return factory.createFromUrl(agentUrl(origin, agentId));
}

/** A user's text message, optionally continuing a context. */
export function userText(text: string, contextId = ''): Message {
  return {
    messageId: randomUUID(),
    contextId,
    taskId: '',
    role: Role.ROLE_USER,
    parts: [{ content: { $case: 'text', value: text }, mediaType: 'text/plain', filename: '', metadata: undefined }],
    metadata: undefined,
    extensions: [],
    referenceTaskIds: [],
  };
}

export const sendRequest = (message: Message): SendMessageRequest => ({
  tenant: '',
  message,
  configuration: undefined,
  metadata: undefined,
});

/** The task a blocking send answered with (this server always answers with a task). */
export function asTask(result: Message | Task): Task {
  if (!('status' in result)) throw new Error(`Expected a task, got a message: ${JSON.stringify(result)}`);
  return result;
}

/** The text of the parts of a message or artifact. */
export const textOf = (parts: { content?: { $case: string; value?: unknown } }[] | undefined): string =>
  (parts ?? []).map((part) => (part.content?.$case === 'text' ? String(part.content.value) : '')).join('');

/** The reply the task's artifact holds. */
export const replyOf = (task: Task): string => textOf(task.artifacts[0]?.parts);

/** The state a stream event reports, if it is a task or a status update. */
export function stateOf(event: StreamResponse): TaskState | undefined {
  const payload = event.payload;
  if (payload?.$case === 'task') return payload.value.status?.state;
  if (payload?.$case === 'statusUpdate') return payload.value.status?.state;
  return undefined;
}

/**
 * Reads a stream in the background, collecting its events, so a test can wait for one (`until`) and
 * then act while the stream stays open; `done` is every event once the stream ends.
 */
export function collect(stream: AsyncGenerator<StreamResponse>): {
  events: StreamResponse[];
  until(predicate: (event: StreamResponse) => boolean): Promise<void>;
  done: Promise<StreamResponse[]>;
} {
  const events: StreamResponse[] = [];
  const done = (async () => {
    for await (const event of stream) events.push(event);
    return events;
  })();
  // A test that never awaits `done` still hears of a failed stream through `until` timing out.
  done.catch(() => undefined);
  return {
    events,
    until: (predicate) => expect.poll(() => events.some(predicate), { timeout: 10_000 }).toBe(true),
    done,
  };
}
