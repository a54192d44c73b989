/** The pipeline registry's operations (see routes.ts): zod-free. */
export const PIPELINE_ROUTES = {
  listPipelines: { method: 'GET', path: '/api/v1/pipelines' },
  createPipeline: { method: 'POST', path: '/api/v1/pipelines' },
  validatePipeline: { method: 'POST', path: '/api/v1/pipelines/validate' },
  getPipeline: { method: 'GET', path: '/api/v1/pipelines/:name' },
  deletePipeline: { method: 'DELETE', path: '/api/v1/pipelines/:name' },
  listPipelineVersions: { method: 'GET', path: '/api/v1/pipelines/:name/versions' },
  createPipelineVersion: { method: 'POST', path: '/api/v1/pipelines/:name/versions' },
  getPipelineVersion: { method: 'GET', path: '/api/v1/pipelines/:name/versions/:selector' },
  diffPipelineVersions: { method: 'GET', path: '/api/v1/pipelines/:name/diff' },
  movePipelineLabel: { method: 'PUT', path: '/api/v1/pipelines/:name/labels/:label' },
  deletePipelineLabel: { method: 'DELETE', path: '/api/v1/pipelines/:name/labels/:label' },
} as const;
