export * from './definition.js';
export * from './issues.js';
