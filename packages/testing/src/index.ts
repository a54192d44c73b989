export * from './agent-factory.js';
export * from './test-database.js';
export * from './fake-llm/fake-llm-server.js';
export * from './blob-store-contract.js';
export * from './s3-test-server.js';
export * from './db-fixtures.js';
export * from './event-loop-stalls.js';
