import type { Agent } from '@agent-fleet/contracts';
import { describe, expect, it } from 'vitest';
import { AppError } from '../app-error.js';
import type { AuditEventInput } from '../security/store.js';
import type { BlobStore } from '../storage/blob-store.js';
import type { Repositories, UnitOfWork } from '../unit-of-work.js';
import type { AgentRepository } from './agent-repository.js';
import { AgentService } from './agent-service.js';

const agent = (overrides: Partial<Agent> = {}): Agent => ({
  id: 'a1',
  kind: 'model',
  remote: null,
  workspaceId: 'w1',
  name: 'A',
  description: '',
  role: '',
  skills: [],
  model: { provider: 'mock', model: 'mock-1', fallbacks: [] },
  systemPrompt: { type: 'inline', text: '' },
  tools: [],
  limits: { maxIterations: 10, maxCostPerTaskUsd: null },
  metadata: {},
  adminState: 'active',
  observedState: 'idle',
  version: 3,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-02T00:00:00.000Z',
  ...overrides,
});

/** A repository whose every write loses the version race, as when another writer got there first. */
const staleRepository = (stored: Agent | null): AgentRepository => ({
  list: async () => ({ items: stored ? [stored] : [], total: stored ? 1 : 0 }),
  findById: async () => stored,
  findByName: async () => stored,
  insert: async () => agent(),
  update: async () => null,
  delete: async () => false,
});

const noTemplates = { refExists: async () => false };
const actor = { principal: null, ip: '127.0.0.1' };

/**
 * The service over `repository`, with a unit of work that keeps audit events only when its work
 * completes (as a rolled-back transaction would), and a blob store that records deleted folders.
 */
function serviceOver(repository: AgentRepository, conversationIds: string[] = []) {
  const audit: AuditEventInput[] = [];
  const deletedFolders: string[] = [];
  const unitOfWork: UnitOfWork = {
    async transaction(work) {
      const pending: AuditEventInput[] = [];
      const repositories = {
        agents: repository,
        conversations: {
          list: async () => ({ items: conversationIds.map((id) => ({ id, lastMessageAt: null, createdAt: '' })), total: 0 }),
        },
        audit: { insert: async (event: AuditEventInput) => void pending.push(event), list: async () => [] },
      } as unknown as Repositories;
      const result = await work(repositories);
      audit.push(...pending);
      return result;
    },
  };
  const blobs = { deletePrefix: async (_w: string, prefix: string) => void deletedFolders.push(prefix) } as unknown as BlobStore;
  return { service: new AgentService(repository, noTemplates, { unitOfWork, blobs }), audit, deletedFolders };
}

const codeOf = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return [(error as AppError).status, (error as AppError).code];
};

describe('AgentService', () => {
  it('answers a lost race with 412 for If-Match and 409 for a body version', async () => {
    const { service, audit } = serviceOver(staleRepository(agent()));
    expect(await codeOf(service.update('w1', 'a1', { role: 'x' }, { source: 'if-match', version: 2 }))).toEqual([
      412,
      'precondition_failed',
    ]);
    expect(await codeOf(service.update('w1', 'a1', { role: 'x', version: 2 }))).toEqual([409, 'version_conflict']);
    expect(await codeOf(service.delete('w1', 'a1', actor, { source: 'if-match', version: 2 }))).toEqual([
      412,
      'precondition_failed',
    ]);
    expect(audit).toEqual([]);
  });

  it('answers 404 when the agent vanished, whatever the precondition', async () => {
    const { service } = serviceOver(staleRepository(null));
    expect(await codeOf(service.update('w1', 'a1', { role: 'x' }))).toEqual([404, 'not_found']);
    expect(await codeOf(service.delete('w1', 'a1', actor))).toEqual([404, 'not_found']);
  });

  it('refuses a body version that disagrees with If-Match', async () => {
    const { service } = serviceOver(staleRepository(agent()));
    expect(await codeOf(service.update('w1', 'a1', { version: 1 }, { source: 'if-match', version: 3 }))).toEqual([
      400,
      'validation_failed',
    ]);
  });

  it('gives a next cursor only when the repository returned more than a page', async () => {
    const items = [agent({ id: 'a1', name: 'A' }), agent({ id: 'a2', name: 'B' })];
    const repository = { ...staleRepository(null), list: async () => ({ items, total: 2 }) };
    const { service } = serviceOver(repository);
    const page = await service.list('w1', { limit: 1, sort: 'name' });
    expect(page.items).toEqual([items[0]]);
    expect(page.nextCursor).toEqual(expect.any(String));
    const full = await service.list('w1', { limit: 2, sort: 'name' });
    expect(full.nextCursor).toBeNull();
  });

  it('deletes the agent and records agent.deleted in one unit of work, and its blobs only after it', async () => {
    const { service, audit, deletedFolders } = serviceOver({ ...staleRepository(agent()), delete: async () => true }, [
      'c1',
      'c2',
    ]);
    await service.delete('w1', 'a1', actor);
    expect(audit).toEqual([expect.objectContaining({ action: 'agent.deleted', targetId: 'a1', metadata: { name: 'A' } })]);
    expect(deletedFolders).toEqual(['conversations/c1/', 'conversations/c2/', 'agents/a1/']);
  });

  it('keeps the transcripts when the delete fails', async () => {
    const { service, deletedFolders } = serviceOver(staleRepository(agent()), ['c1']);
    await codeOf(service.delete('w1', 'a1', actor, { source: 'if-match', version: 2 }));
    expect(deletedFolders).toEqual([]);
  });
});
