import { chmodSync, existsSync, lstatSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The umask of every Agent Fleet process (set first thing by the CLI): files it creates are 0600 and
 * folders 0700, including those a library creates with 0666 (PGlite's database files) or 0777.
 */
export const PRIVATE_UMASK = 0o077;
const PRIVATE_DIR = 0o700;
const PRIVATE_FILE = 0o600;

export interface SecureDataDirOptions {
  /** Create the directory when it does not exist. Default true. */
  create?: boolean;
}

/**
 * Makes DATA_DIR private: creates it (0700) if asked and takes group and other permissions off
 * everything below it, so a data directory written by an older version or under another umask is fixed
 * at start-up. It holds the database, blobs and generated secrets. Symbolic links are left alone (chmod
 * would follow them out of the directory). Returns the paths whose mode could not be changed (owned by
 * another user), for the caller to report.
 */
export function securePrivateDataDir(dataDir: string, { create = true }: SecureDataDirOptions = {}): string[] {
  if (!existsSync(dataDir)) {
    if (!create) return [];
    mkdirSync(dataDir, { recursive: true, mode: PRIVATE_DIR });
  }
  const refused: string[] = [];
  const chmod = (path: string, mode: number) => {
    if ((lstatSync(path).mode & 0o777) === mode) return;
    try {
      chmodSync(path, mode);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EPERM') throw error;
      refused.push(path);
    }
  };
  const pending = [dataDir];
  for (let dir = pending.pop(); dir !== undefined; dir = pending.pop()) {
    chmod(dir, PRIVATE_DIR);
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) pending.push(path);
      else if (entry.isFile()) chmod(path, PRIVATE_FILE);
    }
  }
  return refused;
}
