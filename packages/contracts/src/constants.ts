/**
 * `@agent-fleet/contracts/constants`: the contract's plain values, without its schemas. Importing them
 * does not bring zod, which the web app's shell and its lighter pages would otherwise download for a
 * few lists. Everything here is also exported by the package's main entry.
 */
export * from './permissions.js';
export * from './labels.js';
export * from './prompt-names.js';
export * from './pipelines/run-statuses.js';
