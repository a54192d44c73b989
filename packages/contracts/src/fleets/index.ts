export * from './strategy.js';
export * from './fleet.js';
export * from './members.js';
export * from './routing.js';
export * from './task.js';
export * from './metrics.js';
export * from './task-tree.js';
