import type { Page, Pipeline, PipelineDetail, PipelineValidation, PipelineVersion } from '@agent-fleet/contracts';

/** A pipeline as the list and label endpoints return it; override what a test cares about. */
export function makePipeline(overrides: Partial<Pipeline> = {}): Pipeline {
  const latestVersion = overrides.latestVersion ?? 1;
  return {
    id: '6a1f0c2e-3b4d-4e5f-8a9b-0c1d2e3f4a5b',
    name: 'ticket-triage',
    description: 'Sorts inbound tickets.',
    latestVersion,
    labels: { latest: latestVersion },
    steps: 2,
    createdAt: '2026-01-10T09:00:00.000Z',
    updatedAt: '2026-01-12T15:30:00.000Z',
    ...overrides,
  };
}

export const TWO_STEP_YAML = `steps:
  fetch:
    type: http
    url: https://example.test/tickets
  classify:
    type: transform
    needs: [fetch]
    value: \${{ steps.fetch.output }}
`;

export function makePipelineVersion(overrides: Partial<PipelineVersion> = {}): PipelineVersion {
  return {
    version: 1,
    format: 'yaml',
    source: TWO_STEP_YAML,
    definition: {
      steps: {
        fetch: { type: 'http', method: 'GET', url: 'https://example.test/tickets' },
        classify: { type: 'transform', needs: ['fetch'], value: '${{ steps.fetch.output }}' },
      },
    },
    commitMessage: 'First draft',
    authorId: '7a4e2c1b-9d3f-4b6a-8e5c-1f2d3a4b5c6d',
    authorName: 'Ada Lovelace',
    createdAt: '2026-01-10T09:00:00.000Z',
    labels: ['latest'],
    ...overrides,
  };
}

/** A pipeline with its newest version, as GET /pipelines/:name returns it. */
export function makePipelineDetail(pipeline: Partial<Pipeline> = {}, latest: Partial<PipelineVersion> = {}): PipelineDetail {
  const base = makePipeline(pipeline);
  return { ...base, latest: makePipelineVersion({ version: base.latestVersion, ...latest }) };
}

export const pipelinePage = (items: Pipeline[], nextCursor: string | null = null): Page<Pipeline> => ({
  items,
  total: items.length,
  nextCursor,
});

export const validation = (overrides: Partial<PipelineValidation> = {}): PipelineValidation => ({
  valid: true,
  issues: [],
  graph: { nodes: [] },
  ...overrides,
});
