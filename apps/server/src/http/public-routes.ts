/**
 * The only operations reachable without credentials. A route declared `public` that is not listed
 * here stops the server at start-up, so no route can become public by accident.
 */
export const PUBLIC_OPERATIONS: ReadonlySet<string> = new Set([
  'liveness',
  'readiness',
  'openApiDocument',
  'setupStatus',
  'signup',
  'login',
  'refresh',
  // Prometheus scrapers: the handler checks METRICS_TOKEN itself (a scraper is neither a user nor an API key).
  'prometheusMetrics',
]);
