import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { copyDataDirTemplate } from '@agent-fleet/testing/copy-data-dir';
import { chromium, type Browser, type Page } from 'playwright-core';
import { inject } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const ARTIFACTS = join(ROOT, 'test-results', 'e2e');

export interface Product {
  url: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts the built product the way the README's `npm start` does after building (`npm run serve`),
 * on a free port with an empty data directory, and resolves once it prints its URL.
 */
export async function startProduct(): Promise<Product> {
  if (!existsSync(join(ROOT, 'apps/server/dist/cli.js')) || !existsSync(join(ROOT, 'apps/web/dist/index.html'))) {
    throw new Error('Build first: npm run build (npm test does it)');
  }
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'agent-fleet-e2e-'));
  // A migrated database, as the first start leaves it: the first start itself is tested in serve.int.test.ts.
  copyDataDirTemplate(inject('pgliteTemplate'), dataDir);
  const child: ChildProcess = spawn('npm', ['run', 'serve', '--silent'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    // A bound on a hang: on a loaded machine creating the embedded database alone can take a minute.
    const timer = setTimeout(() => reject(new Error(`The product did not start in 180 s:\n${output}`)), 180_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Agent Fleet is running at (http:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1].replace('localhost', '127.0.0.1'));
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The product exited with ${code}:\n${output}`));
    });
  });
  return {
    url,
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      // npm runs the server as a child: signal the whole process group.
      if (child.pid) process.kill(-child.pid, 'SIGTERM');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A connection to the Chromium the global setup started; closing it closes the contexts it opened. */
export function connectBrowser(): Promise<Browser> {
  return chromium.connect(inject('browserEndpoint'));
}

/**
 * The product and a connection to the shared browser, made side by side (the product takes seconds on a
 * loaded machine, and neither needs the other). When one fails the other is closed again, so no server or
 * connection outlives the file.
 */
export async function startProductAndBrowser(): Promise<{ product: Product; browser: Browser }> {
  const [product, browser] = await Promise.allSettled([startProduct(), connectBrowser()]);
  if (product.status === 'fulfilled' && browser.status === 'fulfilled') {
    return { product: product.value, browser: browser.value };
  }
  if (product.status === 'fulfilled') await product.value.stop();
  if (browser.status === 'fulfilled') await browser.value.close();
  throw product.status === 'rejected' ? product.reason : (browser as PromiseRejectedResult).reason;
}

/** Saves a full-page screenshot under test-results/e2e/ as a test artifact. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/**
 * Calls `/api/v1<path>` from the page as its signed-in user (a fresh access token from the refresh
 * cookie) and answers the parsed JSON; a status of 300 or more fails with the answer's text.
 */
export async function pageApi<T>(page: Page, method: string, path: string, body?: unknown): Promise<T> {
  const res = await page.evaluate(
    async ({ method, path, body }) => {
      const refresh = await fetch('/api/v1/auth/refresh', { method: 'POST' });
      const { accessToken } = (await refresh.json()) as { accessToken: string };
      const res = await fetch(`/api/v1${path}`, {
        method,
        headers: { Authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: res.status, text: await res.text() };
    },
    { method, path, body },
  );
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${res.text}`);
  return (res.text === '' ? undefined : JSON.parse(res.text)) as T;
}

/** Fills the account form (first-run setup or invitation sign-up) with the tests' password. */
export async function fillAccount(page: Page, name: string, email: string): Promise<void> {
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('correct horse battery staple');
}

/** On a fresh install's setup page: creates the owner account, Olivia. */
export async function createOwner(page: Page): Promise<void> {
  await page.getByLabel('Name', { exact: true }).waitFor();
  await fillAccount(page, 'Olivia Owner', 'olivia@example.test');
  await page.getByRole('button', { name: 'Create owner account' }).click();
}
