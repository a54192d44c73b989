import { randomUUID } from 'node:crypto';
import { AgentCreateSchema, type LlmCall } from '@agent-fleet/contracts';
import { storedModelAgent, type CursorPosition, type LlmCallInsert } from '@agent-fleet/core';
import { buildAgentInput, createTestDatabase, insertWorkspace } from '@agent-fleet/testing';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DrizzleAgentRepository } from './agent-repository.js';
import type { Database, DatabaseHandle } from './database.js';
import { DrizzleLlmCallRepository } from './llm-call-repository.js';
import { llmCalls } from './schema.js';

let handle: DatabaseHandle;
let db: Database;
let ledger: DrizzleLlmCallRepository;

beforeAll(async () => {
  handle = await createTestDatabase();
  db = handle.db;
  ledger = new DrizzleLlmCallRepository(db);
});
afterAll(() => handle.close());

async function newWorkspace(): Promise<string> {
  return insertWorkspace(db, 'Usage');
}

const call = (overrides: Partial<LlmCallInsert> = {}): LlmCallInsert => ({
  provider: 'openai',
  model: 'gpt-4o',
  mock: false,
  usage: { inputTokens: 0, outputTokens: 0, cachedInputTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 },
  costUsd: 0,
  latencyMs: 100,
  timeToFirstTokenMs: null,
  outcome: 'success',
  errorClass: null,
  errorMessage: null,
  attempt: 1,
  fallback: false,
  agentId: null,
  conversationId: null,
  taskId: null,
  runId: null,
  stepId: null,
  promptRef: null,
  estimated: false,
  unpriced: false,
  ...overrides,
});

/** Inserts a call and moves it to `at`, which the repository otherwise sets to now. */
async function callAt(workspaceId: string, at: string, overrides: Partial<LlmCallInsert> = {}): Promise<LlmCall> {
  const row = await ledger.insert(workspaceId, call(overrides));
  await db
    .update(llmCalls)
    .set({ createdAt: new Date(at) })
    .where(eq(llmCalls.id, row.id));
  return { ...row, createdAt: new Date(at).toISOString() };
}

describe('DrizzleLlmCallRepository.insert', () => {
  it('stores every field of a call and reads it back', async () => {
    const workspaceId = await newWorkspace();
    const input = call({
      provider: 'anthropic',
      model: 'claude-sonnet',
      usage: { inputTokens: 1200, outputTokens: 300, cachedInputTokens: 1000, cacheWriteTokens: 100, reasoningTokens: 50 },
      costUsd: 0.0000125,
      timeToFirstTokenMs: 42,
      outcome: 'error',
      errorClass: 'rate_limited',
      errorMessage: 'Slow down',
      attempt: 2,
      fallback: true,
      agentId: randomUUID(),
      conversationId: randomUUID(),
      taskId: randomUUID(),
      runId: randomUUID(),
      stepId: 'summarise',
      promptRef: 'triage@3',
    });
    const stored = await ledger.insert(workspaceId, input);
    expect(stored).toMatchObject(input);
    expect(stored.costUsd).toBe(0.0000125);
    const { items } = await ledger.list(workspaceId, { limit: 10 });
    expect(items).toEqual([stored]);
  });
});

describe('DrizzleLlmCallRepository.list', () => {
  it('pages newest first through equal timestamps without gaps or duplicates', async () => {
    const workspaceId = await newWorkspace();
    const times = [
      '2026-03-01T10:00:00.000Z',
      '2026-03-01T10:00:00.000Z',
      '2026-03-01T10:00:00.000Z',
      '2026-03-01T11:00:00.000Z',
      '2026-03-01T11:00:00.000Z',
      '2026-03-01T09:00:00.000Z',
      '2026-03-01T12:00:00.000Z',
    ];
    const calls = await Promise.all(times.map((at) => callAt(workspaceId, at)));
    const expected = [...calls]
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id))
      .map((row) => row.id);

    const seen: string[] = [];
    let after: CursorPosition | undefined;
    for (let page = 0; page < 10; page += 1) {
      const { items, total } = await ledger.list(workspaceId, { limit: 2, ...(after ? { after } : {}) });
      expect(total).toBe(7);
      seen.push(...items.slice(0, 2).map((row) => row.id));
      const last = items[1];
      if (items.length <= 2 || !last) break;
      after = { sort: '-createdAt', value: last.createdAt, id: last.id };
    }
    expect(seen).toEqual(expected);
  });

  it('shows nothing of another workspace', async () => {
    const workspaceId = await newWorkspace();
    await ledger.insert(workspaceId, call());
    const other = await newWorkspace();
    expect(await ledger.list(other, { limit: 10 })).toEqual({ items: [], total: 0 });
    const summary = await ledger.summarize(other, { groupBy: 'model' });
    expect(summary.rows).toEqual([]);
    expect(summary.totals.calls).toBe(0);
  });

  it('filters by range (to exclusive), agent, provider, model, conversation, task and outcome', async () => {
    const workspaceId = await newWorkspace();
    const agentId = randomUUID();
    const conversationId = randomUUID();
    const taskId = randomUUID();
    const early = await callAt(workspaceId, '2026-03-01T00:00:00.000Z');
    const inside = await callAt(workspaceId, '2026-03-02T00:00:00.000Z', { agentId, conversationId, taskId, outcome: 'error' });
    const boundary = await callAt(workspaceId, '2026-03-03T00:00:00.000Z', { provider: 'anthropic', model: 'claude' });
    const ids = async (query: Parameters<DrizzleLlmCallRepository['list']>[1]) => {
      const { items, total } = await ledger.list(workspaceId, query);
      expect(total).toBe(items.length);
      return items.map((row) => row.id);
    };

    expect(await ids({ limit: 10, from: '2026-03-02T00:00:00.000Z', to: '2026-03-03T00:00:00.000Z' })).toEqual([inside.id]);
    expect(await ids({ limit: 10, from: '2026-03-02T00:00:00.000Z' })).toEqual([boundary.id, inside.id]);
    expect(await ids({ limit: 10, to: '2026-03-02T00:00:00.000Z' })).toEqual([early.id]);
    expect(await ids({ limit: 10, agentId })).toEqual([inside.id]);
    expect(await ids({ limit: 10, conversationId })).toEqual([inside.id]);
    expect(await ids({ limit: 10, taskId })).toEqual([inside.id]);
    expect(await ids({ limit: 10, outcome: 'error' })).toEqual([inside.id]);
    expect(await ids({ limit: 10, provider: 'anthropic' })).toEqual([boundary.id]);
    expect(await ids({ limit: 10, model: 'gpt-4o' })).toEqual([inside.id, early.id]);
  });
});

describe('DrizzleLlmCallRepository.summarize', () => {
  const usage = (
    inputTokens: number,
    outputTokens: number,
    cachedInputTokens: number,
    cacheWriteTokens: number,
    reasoningTokens: number,
  ) => ({
    inputTokens,
    outputTokens,
    cachedInputTokens,
    cacheWriteTokens,
    reasoningTokens,
  });

  /** Five calls in January (one cancelled: a call, not an error) plus one outside the range. */
  async function seed() {
    const workspaceId = await newWorkspace();
    const agents = new DrizzleAgentRepository(db);
    const triage = await agents.insert(workspaceId, storedModelAgent(AgentCreateSchema.parse(buildAgentInput())));
    const writer = await agents.insert(workspaceId, storedModelAgent(AgentCreateSchema.parse(buildAgentInput())));
    await callAt(workspaceId, '2026-01-01T08:00:00.000Z', {
      agentId: triage.id,
      promptRef: 'triage@3',
      usage: usage(1000, 200, 800, 0, 50),
      costUsd: 0.0000125,
    });
    await callAt(workspaceId, '2026-01-01T23:59:59.999Z', {
      agentId: triage.id,
      promptRef: 'triage@3',
      usage: usage(500, 100, 0, 500, 0),
      costUsd: 0.0000125,
      outcome: 'error',
      errorClass: 'timeout',
    });
    await callAt(workspaceId, '2026-01-02T00:00:00.000Z', {
      agentId: writer.id,
      provider: 'anthropic',
      model: 'claude-sonnet',
      usage: usage(300, 700, 100, 0, 400),
      costUsd: 0.1,
    });
    await callAt(workspaceId, '2026-01-02T06:00:00.000Z', {
      agentId: writer.id,
      provider: 'anthropic',
      model: 'claude-sonnet',
      outcome: 'cancelled',
      errorClass: 'aborted',
    });
    await callAt(workspaceId, '2026-01-02T12:00:00.000Z', {
      provider: 'anthropic',
      model: 'claude-sonnet',
      usage: usage(10, 20, 0, 0, 0),
      costUsd: 0.2,
      outcome: 'error',
      errorClass: 'server_error',
    });
    await callAt(workspaceId, '2026-02-01T00:00:00.000Z', { agentId: triage.id, usage: usage(9, 9, 9, 9, 9), costUsd: 9 });
    const range = { from: '2026-01-01T00:00:00.000Z', to: '2026-02-01T00:00:00.000Z' };
    return { workspaceId, triage, writer, range };
  }

  it('groups by agent with exact sums, most expensive first, no agent as an empty key', async () => {
    const { workspaceId, triage, writer, range } = await seed();
    const { rows, totals } = await ledger.summarize(workspaceId, { ...range, groupBy: 'agent' });
    expect(rows).toEqual([
      {
        key: '',
        label: '',
        calls: 1,
        errors: 1,
        inputTokens: 10,
        outputTokens: 20,
        cachedInputTokens: 0,
        cacheWriteTokens: 0,
        reasoningTokens: 0,
        costUsd: 0.2,
      },
      {
        key: writer.id,
        label: writer.id,
        calls: 2,
        errors: 0,
        inputTokens: 300,
        outputTokens: 700,
        cachedInputTokens: 100,
        cacheWriteTokens: 0,
        reasoningTokens: 400,
        costUsd: 0.1,
      },
      {
        key: triage.id,
        label: triage.id,
        calls: 2,
        errors: 1,
        inputTokens: 1500,
        outputTokens: 300,
        cachedInputTokens: 800,
        cacheWriteTokens: 500,
        reasoningTokens: 50,
        costUsd: 0.000025,
      },
    ]);
    // Summed in SQL numeric: 0.1 + 0.2 is exactly 0.3 here, where JS doubles would say 0.30000000000000004.
    expect(totals).toEqual({
      calls: 5,
      errors: 2,
      inputTokens: 1810,
      outputTokens: 1020,
      cachedInputTokens: 900,
      cacheWriteTokens: 500,
      reasoningTokens: 450,
      costUsd: 0.300025,
    });
  });

  it('groups by model, provider and prompt', async () => {
    const { workspaceId, range } = await seed();
    const byModel = await ledger.summarize(workspaceId, { ...range, groupBy: 'model' });
    expect(byModel.rows.map((row) => [row.key, row.calls, row.errors, row.inputTokens, row.reasoningTokens])).toEqual([
      ['anthropic/claude-sonnet', 3, 1, 310, 400],
      ['openai/gpt-4o', 2, 1, 1500, 50],
    ]);
    expect(byModel.rows[0]?.costUsd).toBeCloseTo(0.3, 12);
    expect(Math.abs((byModel.rows[1]?.costUsd ?? 0) - 0.000025)).toBeLessThan(1e-12);

    const byProvider = await ledger.summarize(workspaceId, { ...range, groupBy: 'provider' });
    expect(byProvider.rows.map((row) => [row.key, row.calls, row.outputTokens, row.cachedInputTokens])).toEqual([
      ['anthropic', 3, 720, 100],
      ['openai', 2, 300, 800],
    ]);

    const byPrompt = await ledger.summarize(workspaceId, { ...range, groupBy: 'prompt' });
    expect(byPrompt.rows.map((row) => [row.key, row.calls, row.cacheWriteTokens, row.costUsd])).toEqual([
      ['', 3, 0, 0.3],
      ['triage@3', 2, 500, 0.000025],
    ]);
  });

  it('groups by UTC day in date order and honours the agent, provider and model filters', async () => {
    const { workspaceId, triage, range } = await seed();
    const byDay = await ledger.summarize(workspaceId, { ...range, groupBy: 'day' });
    expect(byDay.rows.map((row) => [row.key, row.calls, row.inputTokens, row.costUsd])).toEqual([
      ['2026-01-01', 2, 1500, 0.000025],
      ['2026-01-02', 3, 310, 0.3],
    ]);

    // Days are UTC days whatever the session's time zone.
    const inAuckland = await db.transaction(async (tx) => {
      await tx.execute(sql`set local time zone 'Pacific/Auckland'`);
      return new DrizzleLlmCallRepository(tx).summarize(workspaceId, { ...range, groupBy: 'day' });
    });
    expect(inAuckland.rows).toEqual(byDay.rows);

    const all = await ledger.summarize(workspaceId, { groupBy: 'day' });
    expect(all.rows.map((row) => row.key)).toEqual(['2026-01-01', '2026-01-02', '2026-02-01']);
    expect(all.totals.costUsd).toBe(9.300025);

    const triageOnly = await ledger.summarize(workspaceId, { groupBy: 'day', agentId: triage.id, to: range.to });
    expect(triageOnly.totals).toMatchObject({ calls: 2, inputTokens: 1500, costUsd: 0.000025 });
    const anthropic = await ledger.summarize(workspaceId, { groupBy: 'model', provider: 'anthropic', model: 'claude-sonnet' });
    expect(anthropic.rows.map((row) => row.key)).toEqual(['anthropic/claude-sonnet']);
    expect(anthropic.totals).toMatchObject({ calls: 3, errors: 1 });
  });
});
