import { describe, expect, it } from 'vitest';
import type { CallRequest, CallScope, LlmCaller } from '../llm/llm-caller.js';
import { runAction, type ActionContext } from '../pipelines/engine/step-actions.js';
import type { UnitOfWork } from '../unit-of-work.js';
import { createTemplateEngine } from './engine/index.js';
import type { PromptRepository, PromptTemplateRecord, PromptVersionRecord } from './prompt-repository.js';
import { PromptService } from './prompt-service.js';

const template: PromptTemplateRecord = {
  id: 't1',
  name: 'greet',
  category: '',
  tags: [],
  description: '',
  latestVersion: 2,
  labels: { production: 1 },
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};
const versions: PromptVersionRecord[] = [1, 2].map((version) => ({
  version,
  source: { type: 'text', body: `v${version}: hello {{ who }}` },
  variables: [{ name: 'who', type: 'string', required: true }],
  config: { provider: 'mock', model: 'echo' },
  commitMessage: '',
  authorId: null,
  authorName: null,
  createdAt: '2026-01-01T00:00:00.000Z',
}));

/** The registry of one template, counting each call the service makes to it. */
function countingRepository(): { repository: PromptRepository; calls: Record<string, number> } {
  const calls: Record<string, number> = {};
  const stored: Partial<PromptRepository> = {
    findByName: async (_workspaceId, name) => (name === template.name ? template : null),
    findVersion: async (_workspaceId, templateId, version) =>
      (templateId === template.id && versions.find((v) => v.version === version)) || null,
    resolveVersion: async (_workspaceId, name, selector) => {
      if (name !== template.name) return null;
      const number =
        'version' in selector
          ? selector.version
          : selector.label === 'latest'
            ? template.latestVersion
            : template.labels[selector.label];
      const version = versions.find((v) => v.version === number) ?? null;
      const labels = Object.keys(template.labels).filter((label) => template.labels[label] === number);
      return { version, latestVersion: template.latestVersion, labels: version ? labels : [] };
    },
  };
  const repository = new Proxy(stored, {
    get(target, property: string) {
      const method = target[property as keyof PromptRepository] as ((...args: unknown[]) => unknown) | undefined;
      if (!method) throw new Error(`The service called ${property}, which this test does not expect`);
      return (...args: unknown[]) => {
        calls[property] = (calls[property] ?? 0) + 1;
        return method(...args);
      };
    },
  }) as PromptRepository;
  return { repository, calls };
}

describe('PromptService on a prompt step', () => {
  it('looks the step’s version up once and renders that version', async () => {
    const { repository, calls } = countingRepository();
    const service = new PromptService(repository, createTemplateEngine(), {} as UnitOfWork);
    const requests: { scope: CallScope; request: CallRequest }[] = [];
    const caller = {
      call: async (scope: CallScope, request: CallRequest) => {
        requests.push({ scope, request });
        return { text: 'answer' };
      },
    } as unknown as LlmCaller;
    const context: ActionContext = {
      workspaceId: 'w1',
      runId: 'r1',
      stepKey: 'greet',
      render: async (value) => value,
      params: { who: 'Ada' },
      checkBudget: () => Promise.resolve(),
      onLedger: () => undefined,
      signal: new AbortController().signal,
    };
    const result = await runAction({ type: 'prompt', prompt: 'greet@production', with: { who: 'Ada' } } as never, context, {
      prompts: service,
      caller,
      fetch: globalThis.fetch,
    });
    expect(result.output).toBe('answer');
    expect(requests).toHaveLength(1);
    expect(requests[0]?.scope.promptRef).toBe('greet@1');
    expect(requests[0]?.request.messages).toEqual([{ role: 'user', content: 'v1: hello Ada' }]);
    // One call, which the repository answers with one statement.
    expect(calls).toEqual({ resolveVersion: 1 });
  });
});
