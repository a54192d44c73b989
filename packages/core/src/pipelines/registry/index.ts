export * from './pipeline-cycles.js';
export * from './pipeline-ref.js';
export * from './pipeline-repository.js';
export * from './pipeline-service.js';
export * from './registry-lookup.js';
export * from './validation-graph.js';
