import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import type { TestProject } from 'vitest/node';
// By path: Vitest's own process resolves workspace packages to their builds, which e2e needs anyway.
import { migratedDataDirTemplate } from '../packages/testing/src/seed-data-dir.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A migrated PGlite directory each product copies in as its database (see seedMigratedDataDir). */
    pgliteTemplate: string;
    /** The shared Chromium's WebSocket endpoint, which each browser-test file connects to. */
    browserEndpoint: string;
  }
}

const CHROMIUM = '/usr/bin/chromium';

/**
 * Runs once, in Vitest's own process: importing the testing package (the database layer, PGlite, pg) in
 * every browser-test file took about 6 s each, more than the copy it was for. One Chromium serves every
 * file: each file works in browser contexts of its own, which share nothing (cookies, storage, cache),
 * and a launch costs about a second of CPU that twelve files paid each.
 */
export async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!existsSync(CHROMIUM)) throw new Error(`Browser tests need Debian's Chromium at ${CHROMIUM}: apt-get install -y chromium`);
  const [template, browser] = await Promise.all([
    migratedDataDirTemplate(),
    chromium.launchServer({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    }),
  ]);
  project.provide('pgliteTemplate', template);
  project.provide('browserEndpoint', browser.wsEndpoint());
  return () => browser.close();
}
