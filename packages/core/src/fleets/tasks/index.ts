export * from './fleet-dispatcher.js';
export * from './fleet-task-repository.js';
export * from './fleet-task-service.js';
export * from './placement.js';
export * from './task-execution.js';
export * from './member-prices.js';
export * from './manager-chooser.js';
export * from './task-tree.js';
