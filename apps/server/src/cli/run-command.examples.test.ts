import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type SignedIn, type TestApp } from '../test-support.js';
import { RUN_EXIT, runPipelineCommand } from './run-command.js';
import { cliCommand } from '../cli-command.test-support.js';

/**
 * The example pipelines in `examples/` load with the CLI (`agent-fleet prompts import examples/prompts`,
 * `agent-fleet pipelines push examples/pipelines`, as the README says) and run to completion on the
 * offline mock provider.
 */
const examples = fileURLToPath(new URL('../../../../examples/', import.meta.url));

let t: TestApp;
let owner: SignedIn;
let server: Server;
let url: string;
let apiKey: string;

/** Runs the real CLI in a child process against the in-process server. */
async function agentFleet(args: string[]) {
  const child = spawn(...cliCommand(...args), {
    env: { PATH: process.env.PATH, AGENT_FLEET_URL: url, AGENT_FLEET_API_KEY: apiKey },
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number];
  return { code, output };
}

beforeAll(async () => {
  t = await createTestApp();
  owner = await t.signupOwner();
  server = createServer(t.app).listen(0, '127.0.0.1');
  await once(server, 'listening');
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  apiKey = (await owner.client.post('/api/v1/api-keys').send({ name: 'examples', role: 'admin' })).body.key as string;
  const prompts = await agentFleet(['prompts', 'import', join(examples, 'prompts')]);
  expect(prompts.code, prompts.output).toBe(0);
  expect(prompts.output).toContain('8 new version(s), 0 unchanged');
  const pipelines = await agentFleet(['pipelines', 'push', join(examples, 'pipelines')]);
  expect(pipelines.code, pipelines.output).toBe(0);
  expect(pipelines.output).toContain('3 created, 0 updated, 0 unchanged, 0 failed');
}, 180_000);
afterAll(async () => {
  server.close();
  await t.close();
});

const start = async (pipeline: string, input: Record<string, unknown>) => {
  const res = await owner.client.post('/api/v1/runs').send({ pipeline, input });
  expect(res.status, res.text).toBe(201);
  return res.body.id as string;
};

/** Polls the run until it reaches one of `statuses` (the engine works in the background). */
const runReaching = async (id: string, statuses = ['succeeded', 'failed', 'cancelled']) => {
  let run: Record<string, unknown> = {};
  await expect
    .poll(
      async () => {
        run = (await owner.client.get(`/api/v1/runs/${id}`)).body;
        return statuses.includes(run.status as string);
      },
      { timeout: 90_000, interval: 50 },
    )
    .toBe(true);
  return run as {
    status: string;
    outputs: Record<string, unknown>;
    error: unknown;
    steps: { key: string; status: string }[];
  } & Record<string, unknown>;
};

const stepStatuses = (run: { steps: { key: string; status: string }[] }) =>
  Object.fromEntries(run.steps.map((step) => [step.key, step.status]));

// Bounds on a hang: each run waits on the engine in the background, which took over 30 s at a load of 20.
describe('example pipelines on the mock provider', { timeout: 120_000 }, () => {
  it('every example file has a description saying what it shows', async () => {
    const list = (await owner.client.get('/api/v1/pipelines?limit=100')).body.items as { name: string; description: string }[];
    expect(list.map((pipeline) => pipeline.name).sort()).toEqual(['prompt-chain', 'research-summary', 'ticket-triage']);
    for (const pipeline of list) expect(pipeline.description.length, pipeline.name).toBeGreaterThan(40);
  });

  it('research-summary maps a prompt over each source in order, then reduces the notes to one summary', async () => {
    const sources = ['Owls hunt at night.', 'Owls can turn their heads 270 degrees.', 'Some owls nest in cacti.'];
    const run = await runReaching(await start('research-summary', { topic: 'owls', sources }));
    expect(run.status, JSON.stringify(run.error)).toBe('succeeded');
    const notes = run.outputs.notes as string[];
    expect(notes).toHaveLength(3);
    // The mock echoes the rendered prompt, so each note shows it read its own source, in item order.
    sources.forEach((source, index) => expect(notes[index]).toContain(source));
    expect(run.outputs.summary).toEqual(expect.stringContaining('owls'));
    expect(run.outputs.sources).toBe(3);
    expect(run.llmCalls).toBe(4);
  });

  it('ticket-triage routes an urgent ticket through the approval to an escalation, skipping the reply', async () => {
    const id = await start('ticket-triage', { ticket: 'The site is down for every customer!' });
    await runReaching(id, ['running']);
    await expect
      .poll(async () => (await owner.client.get('/api/v1/approvals')).body.items.map((item: { step: string }) => item.step), {
        timeout: 90_000,
      })
      .toEqual(['approve']);
    const decided = await owner.client
      .post(`/api/v1/runs/${id}/approvals/approve`)
      .send({ decision: 'approve', comment: 'Paging Sam' });
    expect(decided.status, decided.text).toBe(200);
    const run = await runReaching(id);
    expect(run.status, JSON.stringify(run.error)).toBe('succeeded');
    expect(run.outputs).toMatchObject({ severity: 'urgent', reply: null });
    expect(run.outputs.escalation).toEqual(expect.stringContaining('Paging Sam'));
    expect(stepStatuses(run)).toMatchObject({ approve: 'succeeded', escalate: 'succeeded', reply: 'skipped' });
  });

  it('ticket-triage sends a normal ticket (severity input) straight to a reply, with no approval', async () => {
    const run = await runReaching(await start('ticket-triage', { ticket: 'How do I change my email?', severity: 'normal' }));
    expect(run.status, JSON.stringify(run.error)).toBe('succeeded');
    expect(run.outputs).toMatchObject({ severity: 'normal', escalation: null });
    expect(run.outputs.reply).toEqual(expect.stringContaining('friendly reply'));
    expect(stepStatuses(run)).toMatchObject({ approve: 'skipped', escalate: 'skipped', reply: 'succeeded' });
  });

  it('prompt-chain falls back to another model when the draft model fails, and polishes the fallback’s draft', async () => {
    const run = await runReaching(await start('prompt-chain', { topic: 'tide pools' }));
    expect(run.status, JSON.stringify(run.error)).toBe('succeeded');
    expect(stepStatuses(run)).toMatchObject({ outline: 'succeeded', draft_fallback: 'succeeded', polish: 'succeeded' });
    const draft = run.steps.find((step) => step.key === 'draft') as unknown as { error: { message: string } | null };
    expect(draft.error?.message).toMatch(/500/);
    expect(run.outputs.outline).toEqual(expect.stringContaining('tide pools'));
    expect(run.outputs).toMatchObject({ title: expect.any(String), body: expect.any(String) });
  });

  it('prompt-chain through `agent-fleet run`: the fallback shows as a line, then the outputs', async () => {
    const token = (await owner.client.post('/api/v1/api-keys').send({ name: 'runner', role: 'editor' })).body.key as string;
    let stdout = '';
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        stdout += chunk.toString();
        done();
      },
    });
    const code = await runPipelineCommand({
      url,
      token,
      pipeline: 'prompt-chain@latest',
      sets: ['topic=tide pools'],
      detach: false,
      stdout: sink,
      stderr: sink,
      colour: false,
    });
    expect(code, stdout).toBe(RUN_EXIT.succeeded);
    expect(stdout).toMatch(/↪ draft +fallback +→ draft_fallback · server_error: /);
    expect(stdout).toMatch(/✓ draft_fallback +succeeded +attempt 1/);
    expect(stdout).toMatch(/✓ polish +succeeded/);
    // Three tries of the failing model (LLM_MAX_ATTEMPTS) are counted with the three answered calls: a provider may bill them.
    expect(stdout).toMatch(/Run succeeded · .* · 6 LLM call\(s\) · tokens \d+ in \/ \d+ out · cost \$/);
    expect(stdout).toContain('"title": ');
  });
});
