export * from './run-dto.js';
export * from './run-service.js';
