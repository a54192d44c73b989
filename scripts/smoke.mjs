// Start-and-chat smoke test of the built product, written in plain JavaScript so it runs under any
// supported Node.js without a build step or a loader: start `agent-fleet serve` on embedded defaults,
// create the owner, an agent on the mock provider and a conversation, then chat once as JSON and once
// streamed. Prints "N passed, N failed" and exits non-zero on any failure. Usage: node scripts/smoke.mjs
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const STARTUP_MS = 120_000;

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

async function waitUntilReady(base, child) {
  const deadline = Date.now() + STARTUP_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${base}/readyz`)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the server was not ready in ${STARTUP_MS / 1000} s`);
}

async function call(base, token, method, path, body, accept = 'application/json') {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: {
      accept,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
  return accept === 'application/json' ? JSON.parse(text) : text;
}

const results = [];
/** Runs one step; after a failure the later steps, which build on it, are counted as failed unrun. */
async function check(name, work) {
  if (results.includes(false)) {
    results.push(false);
    console.log(`SKIP ${name}`);
    return;
  }
  try {
    await work();
    results.push(true);
    console.log(`ok   ${name}`);
  } catch (error) {
    results.push(false);
    console.log(`FAIL ${name}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

const port = await freePort();
const dataDir = mkdtempSync(join(tmpdir(), 'agent-fleet-smoke-'));
const base = `http://127.0.0.1:${port}`;
const child = spawn(process.execPath, [join(ROOT, 'apps/server/dist/cli.js'), 'serve'], {
  cwd: ROOT,
  env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', DATABASE_URL: '' },
  stdio: ['ignore', 'inherit', 'inherit'],
});
console.log(`Smoke test on Node ${process.version}`);

try {
  let token = '';
  let conversationId = '';
  await check('the built product starts on embedded defaults', () => waitUntilReady(base, child));
  await check('the first visitor becomes the owner', async () => {
    const session = await call(base, '', 'POST', '/api/v1/auth/signup', {
      email: 'owner@example.com',
      password: 'correct horse battery staple',
      name: 'Owner',
    });
    token = session.accessToken;
    if (!token) throw new Error('no access token');
  });
  await check('an agent on the mock provider and a conversation are created', async () => {
    const agent = await call(base, token, 'POST', '/api/v1/agents', {
      name: 'Smoke',
      model: { provider: 'mock', model: 'echo' },
    });
    const conversation = await call(base, token, 'POST', '/api/v1/conversations', { agentId: agent.id });
    conversationId = conversation.id;
  });
  await check('a message gets a reply', async () => {
    const turn = await call(base, token, 'POST', `/api/v1/conversations/${conversationId}/messages`, { content: 'hello' });
    if (turn.task?.status !== 'succeeded' || !turn.message?.content) throw new Error(JSON.stringify(turn));
  });
  await check('a streamed reply ends with turn.completed', async () => {
    const stream = await call(
      base,
      token,
      'POST',
      `/api/v1/conversations/${conversationId}/messages`,
      { content: 'hello again' },
      'text/event-stream',
    );
    if (!stream.includes('event: text.delta') || !stream.includes('event: turn.completed')) throw new Error(stream.slice(0, 500));
  });
} finally {
  child.kill('SIGTERM');
  await new Promise((resolve) => (child.exitCode === null ? child.once('exit', resolve) : resolve()));
  rmSync(dataDir, { recursive: true, force: true });
}

const passed = results.filter(Boolean).length;
console.log(`${passed} passed, ${results.length - passed} failed`);
process.exit(passed === results.length ? 0 : 1);
