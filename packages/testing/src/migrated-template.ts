import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { migrationsFolder } from '@agent-fleet/db';

// The package does not export its package.json; read it beside the resolved entry point.
const PGLITE_VERSION = (
  JSON.parse(
    readFileSync(join(dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite')), '..', 'package.json'), 'utf8'),
  ) as { version: string }
).version;

/** A digest of the migration files: templates are rebuilt when the schema changes. */
export function migrationsHash(): string {
  const hash = createHash('sha256');
  for (const file of readdirSync(migrationsFolder)
    .filter((f) => f.endsWith('.sql'))
    .sort()) {
    hash.update(file).update(readFileSync(join(migrationsFolder, file)));
  }
  return hash.digest('hex').slice(0, 16);
}

/**
 * Where a cached template of the migrated schema lives: in the temp folder, under a name that changes
 * whenever a migration or the PGlite version does, so a stale template is never used.
 */
export function migratedTemplatePath(kind: 'tar' | 'dir'): string {
  const name = `agent-fleet-pglite-${migrationsHash()}-${PGLITE_VERSION}`;
  return join(tmpdir(), kind === 'tar' ? `${name}.tar` : name);
}
