import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type SignedIn, type TestApp } from '../test-support.js';
import { cliCommand } from '../cli-command.test-support.js';

let t: TestApp;
let owner: SignedIn;
let server: Server;
let url: string;
let apiKey: string;
const dir = mkdtempSync(join(tmpdir(), 'agent-fleet-prompts-'));

beforeAll(async () => {
  t = await createTestApp();
  owner = await t.signupOwner();
  server = createServer(t.app).listen(0, '127.0.0.1');
  await once(server, 'listening');
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  apiKey = (await owner.client.post('/api/v1/api-keys').send({ name: 'git sync', role: 'admin' })).body.key;
  await owner.client.post('/api/v1/prompts').send({
    name: 'greet',
    category: 'support',
    source: { type: 'text', body: 'Hello {{ who }}' },
    variables: [{ name: 'who', type: 'string' }],
  });
}, 60_000);
afterAll(async () => {
  server.close();
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Runs the CLI asynchronously: the server answering it lives in this process. */
async function run(args: string[]) {
  const child = spawn(...cliCommand(...args), {
    env: { PATH: process.env.PATH, AGENT_FLEET_URL: url, AGENT_FLEET_API_KEY: apiKey },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number];
  return { code, stdout, stderr };
}

describe('agent-fleet prompts export|import', () => {
  it('exports versions to files, and imports edits as new versions only when content changed', async () => {
    const exported = await run(['prompts', 'export', dir]);
    expect(exported.stderr).toBe('');
    expect(exported.stdout).toContain('Exported 1 version file(s)');
    const file = join(dir, 'support/greet/1.prompt');
    expect(readFileSync(file, 'utf8')).toMatch(
      /^---\nname: greet\nversion: 1\ntype: text\ncategory: support\n[\s\S]*---\nHello \{\{ who \}\}$/,
    );

    const unchanged = await run(['prompts', 'import', dir]);
    expect(unchanged.stdout).toContain('0 new version(s), 1 unchanged');

    writeFileSync(
      join(dir, 'support/greet/2.prompt'),
      readFileSync(file, 'utf8').replace('version: 1', 'version: 2').replace('Hello', 'Hi there'),
    );
    const changed = await run(['prompts', 'import', dir]);
    expect(changed.stdout).toContain('created greet v2');
    expect((await owner.client.get('/api/v1/prompts/greet/versions/2')).body.source.body).toBe('Hi there {{ who }}');
    // Bounds on a hang: each CLI run loads the server's modules, 10 s or more through tsx on a loaded machine.
  }, 240_000);

  it('explains a missing API key', async () => {
    const child = spawn(...cliCommand('prompts', 'export', dir), { env: { PATH: process.env.PATH } });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const [code] = (await once(child, 'exit')) as [number];
    expect(code).toBe(1);
    expect(stderr).toContain('AGENT_FLEET_API_KEY');
  }, 120_000);
});
