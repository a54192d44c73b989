export * from './event-bus.js';
export * from './provider-limiter.js';
export * from './work-queue.js';
export * from './operational-metrics.js';
export * from './tracing.js';
