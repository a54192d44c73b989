import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type SignedIn, type TestApp } from '../test-support.js';
import { RUN_EXIT, runPipelineCommand, type RunCommandOptions } from './run-command.js';
import { cliCommand } from '../cli-command.test-support.js';

const dir = mkdtempSync(join(tmpdir(), 'agent-fleet-run-'));
let t: TestApp;
let owner: SignedIn;
let server: Server;
let url: string;
let apiKey: string;
/** Per test: how the server in front of the app treats event-stream requests. */
let onEventStream: ((req: IncomingMessage, res: ServerResponse) => void) | null = null;

beforeAll(async () => {
  // One try per model, so a failing mock model fails its step at once.
  t = await createTestApp({ env: { LLM_MAX_ATTEMPTS: 1 } });
  owner = await t.signupOwner();
  server = createServer((req, res) => {
    if (req.url?.includes('/events') && req.headers.accept === 'text/event-stream') onEventStream?.(req, res);
    void t.app(req, res);
  }).listen(0, '127.0.0.1');
  await once(server, 'listening');
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  apiKey = (await owner.client.post('/api/v1/api-keys').send({ name: 'cli', role: 'admin' })).body.key;
  const prompt = await owner.client.post('/api/v1/prompts').send({
    name: 'greet',
    source: { type: 'text', body: 'Say hello to {{ who }}' },
    variables: [{ name: 'who', type: 'string', required: true }],
    config: { provider: 'mock', model: 'echo' },
  });
  expect(prompt.status, prompt.text).toBe(201);
  const pipelines: Record<string, string> = {
    greeter: `inputs:
  name: { type: string, required: true }
outputs:
  greeting: \${{ steps.greet.output }}
  shout: \${{ steps.shout.output }}
steps:
  greet: { type: prompt, prompt: greet, with: { who: '\${{ input.name }}' } }
  shout: { type: transform, needs: [greet], value: '\${{ input.name + "!" }}' }
`,
    broken: `steps:
  ask: { type: prompt, prompt: greet, model: { provider: mock, model: 'down?fail=500' }, with: { who: x } }
`,
    typed: `inputs:
  n: { type: number, required: true }
  code: { type: string, required: true }
  flag: { type: boolean }
  tags: { type: list }
outputs:
  doubled: \${{ input.n * 2 }}
  code: \${{ input.code }}
  flag: \${{ input.flag }}
  tags: \${{ input.tags }}
steps:
  noop: { type: transform, value: 1 }
`,
    gated: `steps:
  gate: { type: approval, message: Ship it?, assignees: { roles: [operator] } }
`,
  };
  for (const [name, source] of Object.entries(pipelines)) {
    const res = await owner.client.post('/api/v1/pipelines').send({ name, format: 'yaml', source });
    expect(res.status, `${name}: ${res.text}`).toBe(201);
  }
}, 90_000);
afterAll(async () => {
  server.close();
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  onEventStream = null;
});

/** A writable that keeps what was written, and can wait for a line. */
function capture() {
  let text = '';
  const waiters: { pattern: RegExp; resolve: () => void }[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString();
      for (const waiter of waiters.filter((w) => w.pattern.test(text))) waiter.resolve();
      done();
    },
  });
  return {
    stream,
    get text() {
      return text;
    },
    until: (pattern: RegExp) =>
      pattern.test(text) ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ pattern, resolve })),
  };
}

async function runCli(pipeline: string, extra: Partial<RunCommandOptions> = {}) {
  const stdout = capture();
  const stderr = capture();
  const code = await runPipelineCommand({
    url,
    token: apiKey,
    pipeline,
    sets: [],
    detach: false,
    stdout: stdout.stream,
    stderr: stderr.stream,
    colour: false,
    ...extra,
  });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

const runCount = async () => (await owner.client.get('/api/v1/runs')).body.total as number;

describe('agent-fleet run', () => {
  it('follows a successful run: a line per step event, then outputs, tokens and cost, exit 0', async () => {
    const result = await runCli('greeter', { sets: ['name=Ada'] });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(RUN_EXIT.succeeded);
    expect(result.stdout).toMatch(/^Run [0-9a-f-]{36} of greeter v1 \(latest\) · priority 0\n/);
    expect(result.stdout).toMatch(/▸ greet +started +attempt 1\n/);
    // A step's duration reads "840 ms" or, on a loaded machine, "1.3 s".
    expect(result.stdout).toMatch(/✓ greet +succeeded +attempt 1 · (\d+ ms|\d+\.\d s)\n/);
    expect(result.stdout).toMatch(/✓ shout +succeeded +attempt 1 · (\d+ ms|\d+\.\d s)\n/);
    expect(result.stdout).toMatch(
      /Run succeeded · .*1 LLM call\(s\) · tokens [1-9]\d* in \/ [1-9]\d* out · cost \$\d+\.\d{4,6}\n/,
    );
    const outputs = JSON.parse(result.stdout.slice(result.stdout.indexOf('Outputs:\n') + 'Outputs:\n'.length));
    expect(outputs).toEqual({ greeting: expect.stringContaining('Say hello to Ada'), shout: 'Ada!' });
    // The step lines come in the order the events happened.
    expect(result.stdout.indexOf('✓ greet')).toBeLessThan(result.stdout.indexOf('▸ shout'));
  });

  it('exits 1 when the run fails, showing the failed step and the run error', async () => {
    const result = await runCli('broken');
    expect(result.code).toBe(RUN_EXIT.failed);
    expect(result.stdout).toMatch(/✗ ask +failed +attempt 1 · (\d+ ms|\d+\.\d s) · server_error: .*500/);
    expect(result.stdout).toMatch(/Run failed · .*\nError: \[server_error\] Step "ask" failed: /);
  });

  it('exits 3 when the run is cancelled while it waits for an approval', async () => {
    const stdout = capture();
    const pending = runPipelineCommand({
      url,
      token: apiKey,
      pipeline: 'gated',
      sets: [],
      detach: false,
      stdout: stdout.stream,
      stderr: capture().stream,
      colour: false,
    });
    await stdout.until(/\? gate +approval +Ship it\? · for operator\n/);
    const id = /^Run ([0-9a-f-]{36})/.exec(stdout.text)?.[1];
    expect((await owner.client.post(`/api/v1/runs/${id}/cancel`)).status).toBe(200);
    expect(await pending).toBe(RUN_EXIT.cancelled);
    expect(stdout.text).toContain(`POST ${url}/api/v1/runs/${id}/approvals/gate`);
    expect(stdout.text).toMatch(/Run cancelled · /);
  });

  it('--detach prints the run id and URL and exits 0; the same idempotency key does not start a second run', async () => {
    const before = await runCount();
    const first = await runCli('greeter', { sets: ['name=Bo'], detach: true, idempotencyKey: 'ci-build-7' });
    expect(first.code).toBe(RUN_EXIT.succeeded);
    const [id, second] = first.stdout.split('\n');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(second).toContain(`${url}/api/v1/runs/${id}`);
    expect(first.stdout).not.toContain('Outputs:');
    const again = await runCli('greeter', { sets: ['name=Bo'], detach: true, idempotencyKey: 'ci-build-7' });
    expect(again.stdout.split('\n')[0]).toBe(id);
    expect(await runCount()).toBe(before + 1);
    expect((await owner.client.get(`/api/v1/runs/${id}`)).body).toMatchObject({ input: { name: 'Bo' }, trigger: 'cli' });
  });

  it('types --set values by the pipeline’s inputs and applies them over --input', async () => {
    const file = join(dir, 'input.json');
    writeFileSync(file, JSON.stringify({ n: 1, code: 'from-file', flag: false }));
    const result = await runCli('typed', { inputFile: file, sets: ['n=21', 'code=007', 'flag=true', 'tags=["a", 2]'] });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(RUN_EXIT.succeeded);
    const outputs = JSON.parse(result.stdout.slice(result.stdout.indexOf('Outputs:\n') + 'Outputs:\n'.length));
    expect(outputs).toEqual({ doubled: 42, code: '007', flag: true, tags: ['a', 2] });
  });

  it('shows the server’s field errors for invalid input, exits 2 and starts nothing', async () => {
    const before = await runCount();
    const result = await runCli('typed', { sets: ['n=many', 'extra=1'] });
    expect(result.code).toBe(RUN_EXIT.refused);
    expect(result.stderr).toMatch(/\(400 validation_failed\)/);
    expect(result.stderr).toMatch(/^ {2}input\.n: Expected a number$/m);
    expect(result.stderr).toMatch(/^ {2}input\.code: The input "code" is required$/m);
    expect(result.stderr).toMatch(/^ {2}input\.extra: The pipeline has no input "extra"$/m);
    expect(await runCount()).toBe(before);
    const unknown = await runCli('nope@production');
    expect(unknown.code).toBe(RUN_EXIT.refused);
    expect(unknown.stderr).toMatch(/404 not_found/);
    const badSet = await runCli('typed', { sets: ['novalue'] });
    expect([badSet.code, badSet.stderr]).toEqual([RUN_EXIT.refused, '--set expects name=value, got "novalue"\n']);
  });

  it('reconnects with Last-Event-ID when the stream drops, printing every step event exactly once', async () => {
    const lastEventIds: (string | undefined)[] = [];
    onEventStream = (req, res) => {
      lastEventIds.push(req.headers['last-event-id'] as string | undefined);
      if (lastEventIds.length > 1) return;
      // The first stream is cut once its first event has been handed to the socket; later events are dropped.
      const write = res.write.bind(res) as (chunk: unknown, done?: () => void) => boolean;
      let cut = false;
      res.write = ((chunk: unknown) => {
        if (cut) return true;
        if (!String(chunk).includes('id: ')) return write(chunk);
        cut = true;
        return write(chunk, () => res.socket?.destroy());
      }) as typeof res.write;
    };
    // The run waits for an approval, so it is still going when the stream drops: the CLI must resume
    // the live stream, not read a finished log.
    const stdout = capture();
    const pending = runPipelineCommand({
      url,
      token: apiKey,
      pipeline: 'gated',
      sets: [],
      detach: false,
      stdout: stdout.stream,
      stderr: capture().stream,
      colour: false,
      follow: { reconnectDelayMs: 10 },
    });
    await stdout.until(/\? gate +approval/);
    expect(lastEventIds).toEqual([undefined, '1']);
    const id = /^Run ([0-9a-f-]{36})/.exec(stdout.text)?.[1];
    expect((await owner.client.post(`/api/v1/runs/${id}/approvals/gate`).send({ decision: 'approve' })).status).toBe(200);
    expect(await pending).toBe(RUN_EXIT.succeeded);
    expect(lastEventIds).toHaveLength(2);
    for (const line of [
      /▸ gate +started/g,
      /\? gate +approval/g,
      /! gate +approved +by user\d+@example\.test/g,
      /Run succeeded/g,
    ])
      expect(stdout.text.match(line)).toHaveLength(1);
  });

  it('is wired into the agent-fleet CLI with its exit codes in --help', async () => {
    const child = spawn(...cliCommand('run', 'greeter', '--set', 'name=Di'), {
      env: { PATH: process.env.PATH, AGENT_FLEET_URL: url, AGENT_FLEET_API_KEY: apiKey },
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const [code] = (await once(child, 'exit')) as [number];
    expect(stdout).toContain('"shout": "Di!"');
    expect(code).toBe(0);
    const help = spawn(...cliCommand('run', '--help'));
    let helpText = '';
    help.stdout.on('data', (chunk: Buffer) => (helpText += chunk.toString()));
    await once(help, 'exit');
    expect(helpText).toMatch(/Exit codes:\n {2}0 {2}the run succeeded[\s\S]* {2}3 {2}the run was cancelled/);
  }, 120_000);
});
