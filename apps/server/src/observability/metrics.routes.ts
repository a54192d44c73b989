import { createHash, timingSafeEqual } from 'node:crypto';
import { TextSchema } from '@agent-fleet/contracts';
import { AppError } from '@agent-fleet/core';
import { z } from 'zod';
import { defineRoute, type Route } from '../http/route.js';

/** What `/metrics` serves when enabled: the token a scraper must present and the exposition. */
export interface MetricsEndpoint {
  /** `METRICS_TOKEN`. */
  token: string;
  /** The exposition in the Prometheus text format 0.0.4. */
  scrape(): Promise<string>;
}

const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

/**
 * Whether `authorization` is `Bearer <token>`. Both sides are hashed first so the comparison takes the
 * same time whatever the length or content of the guess.
 */
export function bearerMatches(authorization: string | undefined, token: string): boolean {
  const match = /^Bearer (.+)$/i.exec(authorization ?? '');
  return timingSafeEqual(digest(match?.[1] ?? ''), digest(token)) && match !== null;
}

/**
 * `GET /metrics` for Prometheus (docs/observability.md). Public in the route table, since a scraper has no
 * user or API key: it presents `METRICS_TOKEN` as a bearer token instead. Without `METRICS_TOKEN` the
 * endpoint is off and answers 404 as an unknown path would.
 */
export function metricsRoute(endpoint: MetricsEndpoint | null): Route {
  return defineRoute({
    method: 'get',
    path: '/metrics',
    operationId: 'prometheusMetrics',
    permission: 'public',
    summary: 'Operational metrics in the Prometheus text format',
    description:
      'Off unless the server sets `METRICS_TOKEN`; then it needs `Authorization: Bearer <METRICS_TOKEN>`. Series are listed in docs/observability.md.',
    tags: ['Health'],
    request: { headers: z.object({ authorization: TextSchema.optional() }) },
    responses: {
      200: {
        description: 'Every series, in the Prometheus text exposition format 0.0.4',
        schema: z.string(),
        contentType: 'text/plain; version=0.0.4; charset=utf-8',
      },
    },
    errors: ['unauthorized', 'route_not_found'],
    handler: async ({ headers }) => {
      if (!endpoint) throw new AppError('route_not_found', 'No route for GET /metrics');
      if (!bearerMatches(headers.authorization, endpoint.token)) {
        throw new AppError('unauthorized', 'Send the metrics token as Authorization: Bearer <METRICS_TOKEN>');
      }
      return { status: 200, body: await endpoint.scrape() };
    },
  });
}
