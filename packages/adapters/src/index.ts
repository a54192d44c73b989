export * from './blob/blob-key.js';
export * from './blob/fs-blob-store.js';
export * from './blob/s3-blob-store.js';
export * from './http/guarded-fetch.js';
export * from './http/outbound-policy.js';
export * from './http/outbound-request-refused-error.js';
export * from './http/private-address.js';
