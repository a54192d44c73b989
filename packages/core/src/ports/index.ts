export * from './event-bus.js';
export * from './work-queue.js';
