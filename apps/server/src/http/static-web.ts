import { existsSync, readdirSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import express, { type Request, type Response, type Router } from 'express';

export interface StaticWebOptions {
  /** The built web UI (`apps/web/dist`); nothing is served when it holds no `index.html`. */
  distDir: string;
  /** Serve `*.map` files. Default false: source maps reveal the source and are for debugging only. */
  serveSourceMaps?: boolean;
}

/** Files under `assets/` carry a content hash in their name, so a cached copy never goes stale. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Unhashed files (favicon): cache briefly, revalidate after. */
const SHORT = 'public, max-age=3600';
/** The app shell names the current hashed assets: always revalidate it. */
const REVALIDATE = 'no-cache';

/** Encodings the build precompresses (see apps/web/vite.config.ts), best first. */
const ENCODINGS = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
] as const;

/** Every file of the build, by URL path ("/assets/index-abc.js"), read once at start-up. */
function listFiles(root: string): Set<string> {
  const files = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      // Dot folders (`.vite/manifest.json`) are build metadata, not part of the site.
      if (entry.name.startsWith('.')) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) files.add('/' + relative(root, path).split(sep).join('/'));
    }
  };
  walk(root);
  return files;
}

/**
 * Serves the built web UI: precompressed `.br`/`.gz` siblings when the client accepts them (with
 * `Vary: Accept-Encoding`), hashed assets as immutable, and the app shell (`index.html`, never cached
 * without revalidation) for every other GET that accepts HTML, so client-side routes load.
 * Only files that existed at start-up are served: a request path is looked up in that list, never
 * joined onto the disk path, so traversal is impossible by construction.
 */
export function staticWeb(options: StaticWebOptions): Router | undefined {
  const root = options.distDir;
  if (!existsSync(join(root, 'index.html'))) return undefined;
  const files = listFiles(root);
  const router = express.Router();

  const send = (req: Request, res: Response, path: string, cacheControl: string) => {
    const variants = ENCODINGS.filter((encoding) => files.has(path + encoding.suffix));
    let file = path;
    if (variants.length > 0) {
      res.vary('Accept-Encoding');
      // Our order, not the client's: brotli is smaller, and clients list encodings at equal weight.
      const chosen = variants.find((variant) => req.acceptsEncodings(variant.name) === variant.name);
      if (chosen) {
        file = path + chosen.suffix;
        res.setHeader('Content-Encoding', chosen.name);
      }
    }
    // The type of the original file, not of its `.br` sibling.
    res.type(extname(path));
    res.setHeader('Cache-Control', cacheControl);
    res.sendFile(join(root, file), { cacheControl: false, dotfiles: 'deny' });
  };

  const servable = (path: string): boolean =>
    files.has(path) &&
    !path.endsWith('.br') &&
    !path.endsWith('.gz') &&
    path !== '/index.html' &&
    (options.serveSourceMaps === true || !path.endsWith('.map'));

  router.use((req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    let path: string;
    try {
      path = decodeURIComponent(req.path);
    } catch {
      return next();
    }
    if (servable(path)) return send(req, res, path, path.startsWith('/assets/') ? IMMUTABLE : SHORT);
    // Client-side routes: any other GET that accepts HTML gets the app shell. A missing asset does
    // not: it falls through to the 404 problem instead of an HTML page with the wrong type.
    if (path.startsWith('/assets/') || !req.accepts('html')) return next();
    send(req, res, '/index.html', REVALIDATE);
  });
  return router;
}
