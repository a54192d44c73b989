import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cliCommand } from './cli-command.test-support.js';

const dataDir = mkdtempSync(join(tmpdir(), 'agent-fleet-cli-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const run = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(...cliCommand(...args), {
    encoding: 'utf8',
    env: { PATH: process.env.PATH, DATA_DIR: dataDir, ...env },
    timeout: 150_000,
  });

// Bounds on a hang, not on speed: each run loads the server's modules (10 s or more through tsx on a loaded
// machine), and `migrate` creates the embedded database from nothing.
describe('agent-fleet CLI', { timeout: 180_000 }, () => {
  it('lists its commands in --help', () => {
    const result = run(['--help']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/serve/);
    expect(result.stdout).toMatch(/migrate/);
  });

  it('refuses to start on an invalid setting, naming it', () => {
    const result = run(['serve'], { PORT: 'eighty' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('Invalid configuration');
    expect(result.stderr).toContain('PORT');
  });

  it('migrates the embedded database, and again idempotently', () => {
    const first = run(['migrate']);
    expect(first.stderr).toBe('');
    expect(first.stdout).toContain('Migrations applied (pglite)');
    const second = run(['migrate']);
    expect(second.status).toBe(0);
  }, 330_000);

  it('creates the first owner from the environment, once', () => {
    const missing = run(['create-owner', '--email', 'ops@example.test']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('AGENT_FLEET_OWNER_PASSWORD');
    const created = run(['create-owner', '--email', 'ops@example.test', '--name', 'Ops'], {
      AGENT_FLEET_OWNER_PASSWORD: 'a long enough password',
    });
    expect(created.stderr).toBe('');
    expect(created.stdout).toContain('Owner ops@example.test created');
    const again = run(['create-owner', '--email', 'other@example.test'], {
      AGENT_FLEET_OWNER_PASSWORD: 'a long enough password',
    });
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('An owner already exists');
  }, 480_000);
});
