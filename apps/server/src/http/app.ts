import express, { type Express, type Request, type RequestHandler, type Router } from 'express';
import type { Logger } from 'pino';
import { responseCompression } from './compression.js';
import { noStoreByDefault } from './no-store.js';
import { oneLayer } from './one-layer.js';
import { errorTranslator, sendProblem } from './problem.js';
import { requestLog } from './request-log.js';
import { mountRoutes, type MountOptions, type Route } from './route.js';
import { securityHeaders } from './security-headers.js';
import { staticWeb } from './static-web.js';

export interface AppOptions extends MountOptions {
  routes: readonly Route[];
  /** Routers mounted beside the route table (static docs assets). */
  extraRouters?: Router[];
  logger: Logger;
  /** Largest accepted JSON body in bytes. */
  bodyLimitBytes: number;
  /** Express "trust proxy" hops in front of the server. */
  trustProxy: number;
  /** Built web UI; the UI is not served when absent. */
  webDistDir?: string;
  /** Puts each request in a trace span (after body parsing, so the handler runs inside it). Default: none. */
  requestTracing?: RequestHandler;
}

/** The HTTP application: middleware, the route table, the web UI and the error translator. */
export function createApp(options: AppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.set('trust proxy', options.trustProxy);
  const json = express.json({ limit: options.bodyLimitBytes, type: ['application/json', 'application/*+json'] });
  app.use(
    oneLayer(
      requestLog(options.logger),
      securityHeaders(),
      noStoreByDefault(),
      responseCompression(),
      // The parser's own test, made before it is called: most requests (every GET) have no body.
      (req, res, next) => (hasBody(req) ? json(req, res, next) : next()),
    ),
  );
  if (options.requestTracing) app.use(options.requestTracing);

  // On the app itself, not on a router mounted in it: one router fewer for every request to pass.
  mountRoutes(app, options.routes, options);
  for (const router of options.extraRouters ?? []) app.use(router);
  app.use('/api', (req, res) => sendProblem(res, 404, 'route_not_found', `No route for ${req.method} ${req.originalUrl}`));

  const web = options.webDistDir ? staticWeb({ distDir: options.webDistDir }) : undefined;
  if (web) app.use(web);
  app.use((req, res) => sendProblem(res, 404, 'route_not_found', `No route for ${req.method} ${req.originalUrl}`));
  app.use(errorTranslator);
  return app;
}

/** What body-parser checks before reading: a request has a body when it announces one. */
const hasBody = (req: Request): boolean =>
  req.headers['transfer-encoding'] !== undefined || req.headers['content-length'] !== undefined;
