import { once } from 'node:events';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, relative, sep } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type SignedIn, type TestApp } from '../test-support.js';
import { RUN_EXIT, runPipelineCommand } from './run-command.js';

/**
 * The example pipelines in `examples/` load and run to completion on the offline mock provider. The files
 * are sent exactly as `agent-fleet prompts import examples/prompts` and `agent-fleet pipelines push
 * examples/pipelines` send them (the import endpoint, one pipeline per file).
 */
const examples = fileURLToPath(new URL('../../../../examples/', import.meta.url));

let t: TestApp;
let owner: SignedIn;
let server: Server;

const filesUnder = (dir: string): string[] =>
  readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });

beforeAll(async () => {
  t = await createTestApp();
  owner = await t.signupOwner();
  const promptRoot = join(examples, 'prompts');
  const files = filesUnder(promptRoot)
    .filter((path) => path.endsWith('.prompt'))
    .map((path) => ({ path: relative(promptRoot, path).split(sep).join('/'), content: readFileSync(path, 'utf8') }));
  const imported = await owner.client.post('/api/v1/prompts/import').send({ files });
  expect(imported.status, imported.text).toBe(200);
  const pipelineRoot = join(examples, 'pipelines');
  for (const file of readdirSync(pipelineRoot).filter((entry) => ['.yaml', '.yml'].includes(extname(entry)))) {
    const name = file.slice(0, -extname(file).length);
    const source = readFileSync(join(pipelineRoot, file), 'utf8');
    const created = await owner.client.post('/api/v1/pipelines').send({ name, format: 'yaml', source });
    expect(created.status, `${file}: ${created.text}`).toBe(201);
  }
}, 90_000);
afterAll(async () => {
  server?.close();
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
      { timeout: 30_000, interval: 50 },
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

describe('example pipelines on the mock provider', () => {
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
        timeout: 30_000,
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
    server = createServer(t.app).listen(0, '127.0.0.1');
    await once(server, 'listening');
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const token = (await owner.client.post('/api/v1/api-keys').send({ name: 'examples', role: 'editor' })).body.key as string;
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
