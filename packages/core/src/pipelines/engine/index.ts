export * from './advance.js';
export * from './durations.js';
export * from './engine.js';
export * from './run-store.js';
export * from './step-actions.js';
export * from './step-failure.js';
export * from './step-runner.js';
export * from './agent-step.js';
