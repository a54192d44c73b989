export * from './agent-factory.js';
export * from './test-database.js';
