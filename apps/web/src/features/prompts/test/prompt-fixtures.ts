import type { Page, PromptDetail, PromptTemplate, PromptVersion } from '@agent-fleet/contracts';
import type { RenderResult } from '../types';

/** A template as the list and label endpoints return it; override what a test cares about. */
export function makePrompt(overrides: Partial<PromptTemplate> = {}): PromptTemplate {
  const latestVersion = overrides.latestVersion ?? 1;
  return {
    id: '3f1c2b4a-5d6e-4f70-8a9b-0c1d2e3f4a5b',
    name: 'support-reply',
    category: 'support/triage',
    tags: ['email'],
    description: 'Answers a customer ticket.',
    latestVersion,
    labels: { latest: latestVersion },
    createdAt: '2026-01-10T09:00:00.000Z',
    updatedAt: '2026-01-12T15:30:00.000Z',
    ...overrides,
  };
}

export function makeVersion(overrides: Partial<PromptVersion> = {}): PromptVersion {
  return {
    version: 1,
    source: { type: 'text', body: 'Hello {{ name }}' },
    variables: [{ name: 'name', type: 'string', required: true }],
    config: {},
    commitMessage: 'First draft',
    authorId: '7a4e2c1b-9d3f-4b6a-8e5c-1f2d3a4b5c6d',
    authorName: 'Ada Lovelace',
    createdAt: '2026-01-10T09:00:00.000Z',
    labels: ['latest'],
    ...overrides,
  };
}

/** A template with its newest version, as GET /prompts/:name returns it. */
export function makeDetail(template: Partial<PromptTemplate> = {}, latest: Partial<PromptVersion> = {}): PromptDetail {
  const prompt = makePrompt(template);
  return {
    ...prompt,
    latest: makeVersion({ version: prompt.latestVersion, ...latest }),
    diagnostics: [],
  };
}

export const promptPage = (items: PromptTemplate[], overrides: Partial<Page<PromptTemplate>> = {}): Page<PromptTemplate> => ({
  items,
  nextCursor: null,
  total: items.length,
  ...overrides,
});

export const textResult = (text: string, tokens = 3): RenderResult => ({ version: 1, type: 'text', text, includes: [], tokens });
