import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import express, { type Router } from 'express';
import { z } from 'zod';
import { defineRoute, type Route } from '../../http/route.js';

const OpenApiDocumentSchema = z.object({ openapi: z.string() }).loose().meta({ id: 'OpenApiDocument' });

/** The generated OpenAPI document, built once from the route table. */
export function openApiRoute(document: () => object): Route {
  return defineRoute({
    method: 'get',
    path: '/api/openapi.json',
    operationId: 'openApiDocument',
    permission: 'public',
    summary: 'This API as OpenAPI 3.1',
    tags: ['Docs'],
    responses: { 200: { description: 'The OpenAPI document', schema: OpenApiDocumentSchema } },
    handler: async () => ({ status: 200, body: OpenApiDocumentSchema.parse(document()) }),
  });
}

// Points the bundled Swagger UI at our document instead of its demo. Served as a file, not inline,
// so the Content-Security-Policy needs no 'unsafe-inline' script.
const INITIALIZER = `window.onload = function () {
  window.ui = SwaggerUIBundle({
    url: '/api/openapi.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    layout: 'StandaloneLayout',
  });
};
`;

/** Interactive docs at /api/docs, served from the swagger-ui-dist package so they work offline. */
export function interactiveDocs(): Router {
  const require = createRequire(import.meta.url);
  const assets = dirname(require.resolve('swagger-ui-dist/package.json'));
  const router = express.Router({ strict: true });
  router.get('/api/docs', (_req, res) => res.redirect(301, '/api/docs/'));
  router.get('/api/docs/swagger-initializer.js', (_req, res) => {
    res.type('application/javascript').send(INITIALIZER);
  });
  router.use('/api/docs/', express.static(assets, { index: 'index.html', maxAge: '1h' }));
  return router;
}
