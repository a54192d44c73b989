import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
/** What the built CLI is made of: each workspace's sources and the file its build writes them to. */
const BUILDS = [
  { src: 'apps/server/src', built: 'apps/server/dist/cli.js' },
  ...['contracts', 'core', 'db', 'adapters'].map((name) => ({
    src: `packages/${name}/src`,
    built: `packages/${name}/dist/index.js`,
  })),
];

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (/\.tsx?$/.test(entry.name) && !/\.test(-support)?\.tsx?$/.test(entry.name)) {
      newest = Math.max(newest, statSync(path).mtimeMs);
    }
  }
  return newest;
}

/** Whether every workspace the CLI loads was built after its sources last changed (`npm test` builds first). */
function builtIsCurrent(): boolean {
  try {
    return BUILDS.every(({ src, built }) => statSync(join(ROOT, built)).mtimeMs >= newestSource(join(ROOT, src)));
  } catch {
    return false;
  }
}

let current: boolean | undefined;

/**
 * The command line that runs `agent-fleet <args>` in a child process: the built CLI when the build is
 * current, as `npm test` leaves it, else the TypeScript sources through tsx, so a test run straight after an
 * edit never tries a stale build. Loading the built CLI saves a few seconds of CPU per start over tsx,
 * and the suite starts it about fifty times.
 */
export function cliCommand(...args: string[]): [string, string[]] {
  current ??= builtIsCurrent();
  const entry = current
    ? [join(ROOT, 'apps/server/dist/cli.js')]
    : ['--conditions=@agent-fleet/source', '--import', 'tsx', join(ROOT, 'apps/server/src/cli.ts')];
  return [process.execPath, [...entry, ...args]];
}
