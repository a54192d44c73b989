import type { Request, RequestHandler, Response } from 'express';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * Helmet's options for this server. HTTPS upgrades and HSTS belong to the TLS-terminating proxy: on
 * plain HTTP (a LAN address, a container port) they would break every asset.
 */
export const HELMET_OPTIONS: HelmetOptions = {
  contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } },
  strictTransportSecurity: false,
};

/**
 * Helmet's response headers, worked out once and set by one middleware. With these options they do
 * not depend on the request (no nonces), and helmet's thirteen middlewares cost more per request than
 * the route they guard. Its one removal, `X-Powered-By`, is off in the app itself.
 */
export function securityHeaders(): RequestHandler {
  const headers: [string, string][] = [];
  const recorder = {
    setHeader: (name: string, value: string | number) => headers.push([name, String(value)]),
    removeHeader: () => undefined,
  };
  helmet(HELMET_OPTIONS)({} as Request, recorder as unknown as Response, (error?: unknown) => {
    if (error) throw error as Error;
  });
  return (_req, res, next) => {
    for (const [name, value] of headers) res.setHeader(name, value);
    next();
  };
}
