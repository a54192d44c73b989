import { spawn, type ChildProcess } from 'node:child_process';
import { seedMigratedDataDir } from '@agent-fleet/testing';
import { cliCommand } from './cli-command.test-support.js';

export interface ServerProcess {
  origin: string;
  /** How long from spawn to listening. */
  startedInMs: number;
  /** `kill -9`: no shutdown code runs. */
  kill(): Promise<void>;
}

/**
 * Starts the real `agent-fleet serve` in a child process on `dataDir` (given a migrated database first if it has
 * none); resolves once it listens.
 */
export async function startServerProcess(dataDir: string, env: Record<string, string> = {}): Promise<ServerProcess> {
  await seedMigratedDataDir(dataDir);
  const started = Date.now();
  const child: ChildProcess = spawn(...cliCommand('serve'), {
    env: {
      PATH: process.env.PATH,
      DATA_DIR: dataDir,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      BLOB_SWEEP_DELAY_MS: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = /running at http:\/\/[^:]+:(\d+)/.exec(output);
      if (match) resolve(Number(match[1]));
    });
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.once('exit', (code) => reject(new Error(`the server exited (${code}) before listening:\n${output}`)));
  });
  return {
    origin: `http://127.0.0.1:${port}`,
    startedInMs: Date.now() - started,
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    },
  };
}

/** A tiny JSON client of a running server with a bearer token. */
export function apiClient(origin: string, token: string) {
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${origin}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  };
  return { get: (path: string) => call('GET', path), post: (path: string, body: unknown) => call('POST', path, body) };
}

/** Signs up (the first user owns the default workspace) or logs in; returns an access token. */
export async function signIn(origin: string, email: string, password: string, signup: boolean): Promise<string> {
  const res = await fetch(`${origin}/api/v1/auth/${signup ? 'signup' : 'login'}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(signup ? { email, password, name: 'Crash Tester' } : { email, password }),
  });
  if (res.status !== (signup ? 201 : 200)) throw new Error(`sign-in answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { accessToken: string }).accessToken;
}
