import { describe, expect, it } from 'vitest';
import { AgentCreateSchema, AgentListQuerySchema, AgentUpdateSchema, TemplateRefSchema } from './agents.js';

const minimal = { name: 'Triage', model: { provider: 'mock', model: 'mock-1' } };

describe('AgentCreateSchema', () => {
  it('fills documented defaults', () => {
    expect(AgentCreateSchema.parse(minimal)).toEqual({
      ...minimal,
      kind: 'model',
      model: { ...minimal.model, fallbacks: [] },
      description: '',
      role: '',
      skills: [],
      systemPrompt: { type: 'inline', text: '' },
      tools: [],
      limits: { maxIterations: 10, maxCostPerTaskUsd: null },
      metadata: {},
    });
  });

  it('trims names and lowercases skills', () => {
    const parsed = AgentCreateSchema.parse({ ...minimal, name: '  Triage  ', skills: [' Search '] });
    expect(parsed.name).toBe('Triage');
    expect(parsed.skills).toEqual(['search']);
  });

  it('rejects duplicate skills, unknown keys and out-of-range model parameters', () => {
    const result = AgentCreateSchema.safeParse({
      ...minimal,
      skills: ['a', 'A'],
      model: { ...minimal.model, topP: 1.5, maxTokens: 0 },
      extra: true,
    });
    expect(result.success).toBe(false);
    const paths = result.error?.issues.map((issue) => issue.path.join('.')).sort();
    expect(paths).toEqual(['', 'model.maxTokens', 'model.topP', 'skills']);
  });

  it('reports a single "required" message for an empty name', () => {
    const result = AgentCreateSchema.safeParse({ ...minimal, name: '' });
    expect(result.error?.issues.map((issue) => issue.message)).toEqual(['Name is required']);
  });

  it('caps metadata at 16 KiB of JSON', () => {
    expect(AgentCreateSchema.safeParse({ ...minimal, metadata: { blob: 'x'.repeat(17_000) } }).success).toBe(false);
    expect(AgentCreateSchema.safeParse({ ...minimal, metadata: { blob: 'x'.repeat(1_000) } }).success).toBe(true);
  });
});

describe('TemplateRefSchema', () => {
  it.each(['triage@production', 'triage@3', 'a.b-c_d@staging'])('accepts %s', (ref) => {
    expect(TemplateRefSchema.safeParse(ref).success).toBe(true);
  });
  it.each(['triage', '@production', 'triage@', 'a@b@c', '../x@1', 'support/triage@1'])('rejects %s', (ref) => {
    expect(TemplateRefSchema.safeParse(ref).success).toBe(false);
  });
});

describe('AgentUpdateSchema', () => {
  it('accepts an empty patch but not the retired status (the admin state has its own endpoint)', () => {
    expect(AgentUpdateSchema.parse({})).toEqual({});
    expect(AgentUpdateSchema.safeParse({ status: 'paused' }).success).toBe(false);
    expect(AgentUpdateSchema.safeParse({ adminState: 'paused' }).success).toBe(false);
  });
});

describe('AgentListQuerySchema', () => {
  it('coerces query strings and splits state lists', () => {
    expect(AgentListQuerySchema.parse({ limit: '5', observedState: 'idle,busy', adminState: 'paused' })).toEqual({
      limit: 5,
      observedState: ['idle', 'busy'],
      adminState: ['paused'],
      sort: '-createdAt',
    });
    expect(AgentListQuerySchema.parse({ observedState: ['idle', 'error'] }).observedState).toEqual(['idle', 'error']);
    expect(AgentListQuerySchema.safeParse({ observedState: 'paused' }).success).toBe(false);
    expect(AgentListQuerySchema.safeParse({ status: 'idle' }).success).toBe(false);
  });
});
