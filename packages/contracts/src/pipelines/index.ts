export * from './definition.js';
export * from './issues.js';
export * from './runs.js';
export * from './registry.js';
