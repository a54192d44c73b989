import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type SignedIn, type TestApp } from '../test-support.js';
import { runChatSession } from './chat-command.js';

let t: TestApp;
let owner: SignedIn;
let server: Server;
let url: string;
let apiKey: string;

beforeAll(async () => {
  t = await createTestApp();
  owner = await t.signupOwner();
  server = createServer(t.app).listen(0, '127.0.0.1');
  await once(server, 'listening');
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  apiKey = (await owner.client.post('/api/v1/api-keys').send({ name: 'terminal', role: 'editor' })).body.key;
  await owner.client.post('/api/v1/agents').send({ name: 'Terminal helper', model: { provider: 'mock', model: 'echo' } });
}, 60_000);
afterAll(async () => {
  server.close();
  await t.close();
});

/** Runs a chat session fed with `lines`, returning everything it printed. */
async function chat(agent: string, lines: string[]) {
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = '';
  output.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  const session = runChatSession({ url, token: apiKey, agent, input, output, interactive: false });
  for (const line of lines) input.write(`${line}\n`);
  input.end();
  const code = await session;
  return { code, printed };
}

describe('agent-fleet chat', () => {
  it('streams replies to each line, with the model, tokens and cost, over the HTTP API', async () => {
    const { code, printed } = await chat('terminal helper', ['Hello there', '/new', 'Second question', '/exit', 'never sent']);
    expect(code).toBe(0);
    expect(printed).toContain('Chatting with Terminal helper (mock/echo)');
    expect(printed).toMatch(/Terminal helper › Mock reply to "Hello there" \([0-9a-f]{8}\)\./);
    expect(printed).toMatch(/\(mock · \d+ in \/ \d+ out · \$0\.\d{6}\)/);
    expect(printed).toContain('Started a new conversation.');
    expect(printed).toContain('Mock reply to "Second question"');
    expect(printed).not.toContain('never sent');
    const conversations = (await owner.client.get('/api/v1/conversations')).body.items;
    expect(conversations.map((c: { messageCount: number }) => c.messageCount).sort()).toEqual([2, 2]);
  });

  it('reports an unknown agent clearly', async () => {
    await expect(chat('nobody', [])).rejects.toThrow('No agent named "nobody"');
  });
});
