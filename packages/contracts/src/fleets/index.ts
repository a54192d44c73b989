export * from './strategy.js';
export * from './routing.js';
