export * from './agent-repository.js';
export * from './database.js';
export * from './migrate.js';
export * as schema from './schema.js';
export * from './security-store.js';
export * from './prompt-repository.js';
