import { AppError } from '@agent-fleet/core';
import { z } from 'zod';
import { defineRoute, type Route } from '../../http/route.js';

const HealthSchema = z.object({ status: z.literal('ok') }).meta({ id: 'Health' });
const ReadinessSchema = z
  .object({ status: z.literal('ready'), checks: z.object({ database: z.literal('ok'), blobStore: z.literal('ok') }) })
  .meta({ id: 'Readiness' });

export interface HealthDependencies {
  /** Resolves when the database answers. */
  pingDatabase(): Promise<void>;
  /** Resolves when the blob store answers. */
  pingBlobStore(): Promise<void>;
}

export function healthRoutes(deps: HealthDependencies): Route[] {
  return [
    defineRoute({
      method: 'get',
      path: '/healthz',
      operationId: 'liveness',
      permission: 'public',
      summary: 'Liveness: the process is up',
      tags: ['Health'],
      responses: { 200: { description: 'Alive', schema: HealthSchema } },
      handler: async () => ({ status: 200, body: { status: 'ok' as const } }),
    }),
    defineRoute({
      method: 'get',
      path: '/readyz',
      operationId: 'readiness',
      permission: 'public',
      summary: 'Readiness: dependencies answer',
      tags: ['Health'],
      responses: {
        200: { description: 'Ready to serve', schema: ReadinessSchema },
      },
      errors: ['service_unavailable'],
      handler: async () => {
        try {
          await deps.pingDatabase();
        } catch (error) {
          throw new AppError('service_unavailable', 'The database does not answer', { cause: error });
        }
        try {
          await deps.pingBlobStore();
        } catch (error) {
          throw new AppError('service_unavailable', 'The blob store does not answer', { cause: error });
        }
        return { status: 200, body: { status: 'ready' as const, checks: { database: 'ok' as const, blobStore: 'ok' as const } } };
      },
    }),
  ];
}
