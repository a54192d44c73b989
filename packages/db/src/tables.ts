/**
 * Every table, whichever file defines it: what `schema` means to Drizzle's relational queries and to
 * anything that walks all tables (a test comparing every row of a workspace before and after).
 * Domain areas keep their tables in their own files (`fleet-schema.ts`...) and are added here.
 */
export * from './schema.js';
export * from './pipeline-schema.js';
export * from './fleet-schema.js';
export * from './agent-lifecycle-schema.js';
export * from './a2a-schema.js';
export * from './delegation-trip-schema.js';
export * from './ws-ticket-schema.js';
