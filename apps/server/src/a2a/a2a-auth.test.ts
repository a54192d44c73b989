import { Role, TaskState, type Message } from '@a2a-js/sdk';
import { DrizzleA2ARepository } from '@agent-fleet/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignedIn } from '../test-support.js';
import {
  a2aClient,
  agentUrl,
  asTask,
  bearerFetch,
  sendRequest,
  startA2AServer,
  userText,
  type A2AServer,
} from './a2a.test-support.js';

/**
 * Who may reach an agent over A2A, and what it refuses: no credentials is 401, a role without the
 * permission 403, another workspace's agent 404 (as if it did not exist); a paused agent, a context of
 * another agent and a message the database cannot store are A2A errors, and change nothing.
 */

let s: A2AServer;
let other: SignedIn;
let agentId: string;
let otherAgentId: string;

beforeAll(async () => {
  s = await startA2AServer();
  other = await s.t.signupOwner();
  agentId = (await s.createAgent('Guarded')).id;
  otherAgentId = (await s.createAgent('Elsewhere', 'echo', {}, other)).id;
}, 60_000);
afterAll(() => s.close());

/** A raw JSON-RPC 1.0 call, to see the HTTP status the SDK's client turns into an exception. */
const rpc = (key: string | null, id: string, method: string, params: unknown) =>
  bearerFetch(key)(`${s.origin}/a2a/${id}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'A2A-Version': '1.0' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
  });

const sendParams = (text: string, contextId = '') => ({
  message: { messageId: crypto.randomUUID(), role: 'ROLE_USER', parts: [{ text }], ...(contextId ? { contextId } : {}) },
});

const card = (key: string | null, id = agentId) => bearerFetch(key)(`${agentUrl(s.origin, id)}.well-known/agent-card.json`);

describe('A2A authentication and refusals', () => {
  it('refuses anonymous callers with 401 and a bearer challenge, for the card and for calls', async () => {
    const res = await card(null);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(await res.json()).toMatchObject({ code: 'unauthorized' });
    expect((await rpc(null, agentId, 'SendMessage', sendParams('hi'))).status).toBe(401);
    expect((await rpc('af_AAAAAAAA_not-a-real-secret-at-all', agentId, 'SendMessage', sendParams('hi'))).status).toBe(401);
    await expect(a2aClient(s.origin, agentId, null, 'JSONRPC')).rejects.toThrow(/401/);
  });

  it('lets a viewer read the card but not call the agent (403)', async () => {
    const viewer = await s.createKey(s.owner, 'viewer');
    expect((await card(viewer)).status).toBe(200);
    const res = await rpc(viewer, agentId, 'SendMessage', sendParams('hi'));
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ code: 'forbidden', detail: expect.stringMatching(/agents:execute/) });
  });

  it('answers 404 for another workspace’s agent and for ids that are no agent', async () => {
    const otherKey = await s.createKey(other, 'editor');
    expect((await card(otherKey)).status).toBe(404);
    expect((await rpc(otherKey, agentId, 'SendMessage', sendParams('hi'))).status).toBe(404);
    expect((await rpc(s.key, otherAgentId, 'GetTask', { id: crypto.randomUUID() })).status).toBe(404);
    expect((await card(s.key, 'not-an-id')).status).toBe(404);
    // Its own agent is fine.
    expect((await card(otherKey, otherAgentId)).status).toBe(200);
  });

  it('does not show one workspace’s task to another, even by id', async () => {
    const otherKey = await s.createKey(other, 'editor');
    const mine = await a2aClient(s.origin, agentId, s.key, 'JSONRPC');
    const task = asTask(await mine.sendMessage(sendRequest(userText('private'))));
    const theirs = await a2aClient(s.origin, otherAgentId, otherKey, 'JSONRPC');
    await expect(theirs.getTask({ tenant: '', id: task.id })).rejects.toThrow(/not found/i);
    await expect(theirs.cancelTask({ tenant: '', id: task.id, metadata: undefined })).rejects.toThrow(/not found/i);
    const listed = await theirs.listTasks({
      tenant: '',
      contextId: '',
      status: TaskState.TASK_STATE_UNSPECIFIED,
      pageToken: '',
      statusTimestampAfter: undefined,
    });
    expect(listed.tasks.map((t) => t.id)).not.toContain(task.id);
  });

  it('refuses a context id that belongs to another agent or workspace', async () => {
    const mine = await a2aClient(s.origin, agentId, s.key, 'JSONRPC');
    const first = asTask(await mine.sendMessage(sendRequest(userText('hello'))));
    const sibling = await s.createAgent('Sibling');
    const siblingClient = await a2aClient(s.origin, sibling.id, s.key, 'JSONRPC');
    await expect(siblingClient.sendMessage(sendRequest(userText('me too', first.contextId)))).rejects.toThrow(/another agent/);

    const theirs = await a2aClient(s.origin, otherAgentId, await s.createKey(other, 'editor'), 'JSONRPC');
    await expect(theirs.sendMessage(sendRequest(userText('me too', first.contextId)))).rejects.toThrow(/another agent/);
    // Neither made a conversation.
    const conversations = (await s.owner.client.get(`/api/v1/conversations?agentId=${sibling.id}`)).body;
    expect(conversations.items).toEqual([]);
  });

  it('refuses new work for a paused agent with an A2A error, and takes it again once resumed', async () => {
    const paused = await s.createAgent('Napping');
    const pause = await s.owner.client.put(`/api/v1/agents/${paused.id}/admin-state`).send({ adminState: 'paused' });
    expect(pause.status).toBe(200);
    const res = await rpc(s.key, paused.id, 'SendMessage', sendParams('hi'));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ error: { code: -32004, message: expect.stringMatching(/Napping is paused/) } });
    const client = await a2aClient(s.origin, paused.id, s.key, 'JSONRPC');
    await expect(client.sendMessage(sendRequest(userText('hi')))).rejects.toThrow(/paused/);

    await s.owner.client.put(`/api/v1/agents/${paused.id}/admin-state`).send({ adminState: 'active' });
    expect(asTask(await client.sendMessage(sendRequest(userText('hi')))).status?.state).toBe(TaskState.TASK_STATE_COMPLETED);
  });

  it('refuses text the database cannot store, and messages naming a task, storing nothing', async () => {
    const client = await a2aClient(s.origin, agentId, s.key, 'JSONRPC');
    const workspaceId = (await s.owner.client.get('/api/v1/me')).body.memberships[0].workspaceId as string;
    const before = await new DrizzleA2ARepository(s.t.database.db).listTasks({ workspaceId, agentId }, { limit: 100 });

    await expect(client.sendMessage(sendRequest(userText('nul \u0000 byte')))).rejects.toThrow(/cannot be stored/);
    const sneaky: Message = { ...userText('fine'), metadata: { note: 'lone \ud800 surrogate' } };
    await expect(client.sendMessage(sendRequest(sneaky))).rejects.toThrow(/cannot be stored/);
    await expect(client.sendMessage(sendRequest(userText('   ')))).rejects.toThrow(/Message is required/);
    await expect(client.sendMessage(sendRequest(userText('x', 'ctx\u0000')))).rejects.toThrow(/contextId/);
    const followUp: Message = { ...userText('more'), taskId: before.items[0]?.id ?? crypto.randomUUID(), role: Role.ROLE_USER };
    await expect(client.sendMessage(sendRequest(followUp))).rejects.toThrow(/same contextId/);

    const after = await new DrizzleA2ARepository(s.t.database.db).listTasks({ workspaceId, agentId }, { limit: 100 });
    expect(after.total).toBe(before.total);
  });
});
