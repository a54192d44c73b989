export * from './compile.js';
export * from './expression.js';
export * from './expression-evaluator.js';
export * from './isolated-expressions.js';
export * from './pipeline-graph.js';
export * from './pipeline-yaml.js';
export * from './run-input.js';
export * from './templates.js';
