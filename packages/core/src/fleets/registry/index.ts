export * from './fleet-readiness.js';
export * from './fleet-repository.js';
export * from './fleet-service.js';
