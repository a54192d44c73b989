import { createRequire } from 'node:module';

const pkg = createRequire(import.meta.url)('../package.json') as { version: string };

/** The server's release, as in its package.json. */
export const SERVER_VERSION: string = pkg.version;
