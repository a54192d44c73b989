import { cpSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Copies a migrated PGlite directory (`migratedDataDirTemplate()`) in as `dataDir`'s database, unless it
 * has one. File system calls only, so a browser-test file can import it without loading the database layer.
 */
export function copyDataDirTemplate(template: string, dataDir: string): void {
  if (existsSync(join(dataDir, 'pglite'))) return;
  mkdirSync(dataDir, { recursive: true });
  cpSync(template, join(dataDir, 'pglite'), { recursive: true });
}
