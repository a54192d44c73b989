import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
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
const dir = mkdtempSync(join(tmpdir(), 'agent-fleet-pipelines-'));

const doubler = `# Kept in git: comments and layout survive a round trip.
inputs:
  n: { type: number, required: true }
steps:
  double:
    type: transform
    value: \${{ input.n * 2 }}
`;
const echo = JSON.stringify({ steps: { echo: { type: 'transform', value: 'hi' } } }, null, 2);

beforeAll(async () => {
  t = await createTestApp();
  owner = await t.signupOwner();
  server = createServer(t.app).listen(0, '127.0.0.1');
  await once(server, 'listening');
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  apiKey = (await owner.client.post('/api/v1/api-keys').send({ name: 'git sync', role: 'admin' })).body.key;
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

describe('agent-fleet pipelines push|pull', () => {
  it('pushes files as pipelines, is idempotent, saves a version only for changed text, and pulls sources as written', async () => {
    const source = join(dir, 'source');
    mkdirSync(source);
    writeFileSync(join(source, 'doubler.yml'), doubler);
    writeFileSync(join(source, 'echo.json'), echo);
    writeFileSync(join(source, 'notes.txt'), 'not a pipeline');

    const first = await run(['pipelines', 'push', source]);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('created   doubler.yml (doubler v1)');
    expect(first.stdout).toContain('2 created, 0 updated, 0 unchanged, 0 failed');

    const again = await run(['pipelines', 'push', source]);
    expect(again.stdout).toContain('0 created, 0 updated, 2 unchanged, 0 failed');
    expect((await owner.client.get('/api/v1/pipelines/doubler')).body.latestVersion).toBe(1);

    writeFileSync(join(source, 'doubler.yml'), doubler.replace('* 2', '* 3'));
    const changed = await run(['pipelines', 'push', source]);
    expect(changed.stdout).toContain('updated   doubler.yml (doubler v2)');
    expect(changed.stdout).toContain('0 created, 1 updated, 1 unchanged, 0 failed');

    await owner.client.put('/api/v1/pipelines/doubler/labels/production').send({ version: 1 });
    const latest = join(dir, 'latest');
    const pulled = await run(['pipelines', 'pull', latest]);
    expect(pulled.stdout).toContain('Pulled 2 pipeline(s)');
    expect(readdirSync(latest).sort()).toEqual(['doubler.yaml', 'echo.json']);
    expect(readFileSync(join(latest, 'doubler.yaml'), 'utf8')).toBe(doubler.replace('* 2', '* 3'));
    expect(readFileSync(join(latest, 'echo.json'), 'utf8')).toBe(echo);

    const production = join(dir, 'production');
    const labelled = await run(['pipelines', 'pull', production, '--label', 'production']);
    expect(labelled.stdout).toContain('skipped   echo (no production label)');
    expect(readFileSync(join(production, 'doubler.yaml'), 'utf8')).toBe(doubler);

    // What was pulled pushes back as unchanged.
    expect((await run(['pipelines', 'push', latest])).stdout).toContain('2 unchanged, 0 failed');
    // Bounds on a hang: each of the 7 CLI runs loads the server's modules, 10 s or more through tsx on a loaded machine.
  }, 300_000);

  it('reports an invalid file with its problems and exits non-zero, pushing the others', async () => {
    const source = join(dir, 'mixed');
    mkdirSync(source);
    writeFileSync(join(source, 'broken.yaml'), 'steps:\n  a:\n    type: shell\n');
    writeFileSync(join(source, 'fine.yaml'), 'steps:\n  a: { type: transform, value: 1 }\n');
    const result = await run(['pipelines', 'push', source]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/failed {4}broken\.yaml: .*\n {4}steps\.a\.type: Line 3, column \d+: /);
    expect(result.stdout).toContain('created   fine.yaml (fine v1)');
    expect((await owner.client.get('/api/v1/pipelines/broken')).status).toBe(404);
  }, 120_000);
});
