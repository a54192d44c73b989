import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliCommand } from './cli-command.test-support.js';

/**
 * The real server as `agent-fleet serve` runs it (the CLI in a child process, embedded PGlite) on a fresh
 * data directory under a permissive umask, as a container often has.
 */
const dataDir = mkdtempSync(join(tmpdir(), 'agent-fleet-serve-'));
let server: ChildProcess;
let port: number;
let origin: string;

function walk(dir: string): { path: string; mode: number; directory: boolean }[] {
  const entries = [{ path: dir, mode: lstatSync(dir).mode & 0o777, directory: true }];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) entries.push(...walk(path));
    else entries.push({ path, mode: lstatSync(path).mode & 0o777, directory: false });
  }
  return entries;
}

beforeAll(async () => {
  // What an older version left behind: a world-readable folder and file.
  mkdirSync(join(dataDir, 'blobs', 'old'), { recursive: true });
  writeFileSync(join(dataDir, 'blobs', 'old', 'leftover'), 'old blob');
  chmodSync(join(dataDir, 'blobs', 'old', 'leftover'), 0o666);
  chmodSync(join(dataDir, 'blobs', 'old'), 0o777);
  chmodSync(dataDir, 0o755);

  // umask 000 for the child, as in many containers: only the CLI's own umask can make the files private.
  const [node, args] = cliCommand('serve');
  const command = [node, ...args];
  server = spawn('/bin/sh', ['-c', 'umask 000 && exec "$0" "$@"', ...command], {
    env: {
      PATH: process.env.PATH,
      DATA_DIR: dataDir,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      MESSAGE_INLINE_LIMIT_BYTES: '256',
      HTTP_HEADERS_TIMEOUT_MS: '500',
      HTTP_REQUEST_TIMEOUT_MS: '1000',
      HTTP_KEEP_ALIVE_TIMEOUT_MS: '1000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  port = await new Promise<number>((resolve, reject) => {
    server.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = /running at http:\/\/[^:]+:(\d+)/.exec(output);
      if (match) resolve(Number(match[1]));
    });
    server.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    server.once('exit', (code) => reject(new Error(`the server exited (${code}) before listening:\n${output}`)));
  });
  origin = `http://127.0.0.1:${port}`;
}, 180_000);

afterAll(async () => {
  if (server.exitCode === null) {
    server.kill('SIGKILL');
    await new Promise((resolve) => server.once('exit', resolve));
  }
  rmSync(dataDir, { recursive: true, force: true });
});

/** Opens a connection and sends `head` byte by byte, one every 100 ms, until the server hangs up. */
function trickle(head: string): Promise<{ received: string; elapsedMs: number; sentAll: boolean }> {
  return new Promise((resolve) => {
    const started = Date.now();
    const socket = connect(port, '127.0.0.1');
    let received = '';
    let index = 0;
    const timer = setInterval(() => {
      if (index < head.length) socket.write(head[index++] ?? '');
    }, 100);
    socket.on('data', (chunk) => (received += chunk.toString('utf8')));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearInterval(timer);
      resolve({ received, elapsedMs: Date.now() - started, sentAll: index >= head.length });
    });
  });
}

describe('agent-fleet serve', () => {
  it('answers a normal request', async () => {
    const res = await fetch(`${origin}/healthz`);
    expect(res.status).toBe(200);
  });

  it('cuts off a client that trickles its headers after HTTP_HEADERS_TIMEOUT_MS', async () => {
    // 200 bytes at 10 per second would take 20 s; the server must hang up long before.
    const head = `GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ${'a'.repeat(150)}\r\n\r\n`;
    const result = await trickle(head);
    expect(result.sentAll).toBe(false);
    expect(result.received).toMatch(/^HTTP\/1\.1 408/);
    expect(result.elapsedMs).toBeLessThan(10_000);
  }, 30_000);

  it('cuts off a client that trickles its body after HTTP_REQUEST_TIMEOUT_MS', async () => {
    const body = '{"email":"slow@example.test","password":"' + 'x'.repeat(200) + '"}';
    const head = `POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`;
    const socket = connect(port, '127.0.0.1');
    socket.write(head);
    const result = await new Promise<{ received: string; elapsedMs: number }>((resolve) => {
      const started = Date.now();
      let received = '';
      let index = 0;
      const timer = setInterval(() => {
        if (index < body.length) socket.write(body[index++] ?? '');
      }, 100);
      socket.on('data', (chunk) => (received += chunk.toString('utf8')));
      socket.on('error', () => undefined);
      socket.on('close', () => {
        clearInterval(timer);
        resolve({ received, elapsedMs: Date.now() - started });
      });
    });
    expect(result.received).toMatch(/^HTTP\/1\.1 408/);
    expect(result.elapsedMs).toBeLessThan(10_000);
  }, 30_000);

  it('keeps everything under DATA_DIR private: folders 0700, files 0600 (database, blobs, secrets)', async () => {
    // Data in every store: a user and a session (database), a long message (blob), the generated secrets.
    const signup = await fetch(`${origin}/api/v1/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'owner@example.test', password: 'correct horse battery staple', name: 'Owner' }),
    });
    expect(signup.status).toBe(201);
    const { accessToken } = (await signup.json()) as { accessToken: string };
    const api = async (path: string, body: unknown) => {
      const res = await fetch(`${origin}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
        body: JSON.stringify(body),
      });
      return (await res.json()) as { id: string };
    };
    const agent = await api('/api/v1/agents', { name: 'Keeper', model: { provider: 'mock', model: 'echo' } });
    const conversation = await api('/api/v1/conversations', { agentId: agent.id });
    const turn = await fetch(`${origin}/api/v1/conversations/${conversation.id}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
      body: JSON.stringify({ content: 'A long message that goes to the blob store. '.repeat(20) }),
    });
    expect(turn.status).toBeLessThan(300);
    await turn.text();

    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));

    const entries = walk(dataDir);
    const names = entries.map((entry) => relative(dataDir, entry.path));
    expect(names).toEqual(expect.arrayContaining(['auth-secret', 'secrets-key', 'pglite', 'blobs/old/leftover']));
    expect(entries.filter((entry) => entry.path.includes(join('pglite', 'base'))).length).toBeGreaterThan(50);
    expect(entries.filter((entry) => entry.path.startsWith(join(dataDir, 'blobs')) && !entry.directory).length).toBeGreaterThan(
      1,
    );
    const open = entries
      .filter((entry) => entry.mode !== (entry.directory ? 0o700 : 0o600))
      .map((entry) => `${relative(dataDir, entry.path) || '.'} ${entry.mode.toString(8)}`);
    expect(open).toEqual([]);
  }, 120_000);
});
