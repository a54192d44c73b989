import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { Command } from 'commander';

interface RemoteOptions {
  url: string;
  apiKey?: string;
  workspace?: string;
}

/**
 * `agent-fleet prompts export|import <dir>`: keeps prompt templates in git as `.prompt` files,
 * through the HTTP API of a running server (authenticated with an API key).
 */
export function registerPromptCommands(program: Command): void {
  const prompts = program.command('prompts').description('Export and import prompt templates as .prompt files (for git)');
  const remote = (command: Command) =>
    command
      .option('--url <url>', 'the server (AGENT_FLEET_URL)', process.env.AGENT_FLEET_URL ?? 'http://localhost:3000')
      .option('--api-key <key>', 'an API key (AGENT_FLEET_API_KEY)', process.env.AGENT_FLEET_API_KEY)
      .option('--workspace <id>', 'workspace id (default: the key’s workspace)');

  remote(
    prompts.command('export <dir>').description('Write every template version to <dir>/<category>/<name>/<version>.prompt'),
  ).action(async (dir: string, options: RemoteOptions) => {
    const { files } = (await call(options, 'GET', '/api/v1/prompts/export')) as { files: { path: string; content: string }[] };
    const root = resolve(dir);
    for (const file of files) {
      const target = resolve(root, file.path);
      // The server names the files, but a path must never leave the target folder.
      if (isAbsolute(file.path) || !target.startsWith(root + sep))
        throw new Error(`Refusing to write outside ${root}: ${file.path}`);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, file.content);
    }
    process.stdout.write(`Exported ${files.length} version file(s) to ${root}\n`);
  });

  remote(
    prompts.command('import <dir>').description('Import every .prompt file under <dir>; unchanged content creates nothing'),
  ).action(async (dir: string, options: RemoteOptions) => {
    const root = resolve(dir);
    const files = listPromptFiles(root).map((path) => ({
      path: relative(root, path).split(sep).join('/'),
      content: readFileSync(path, 'utf8'),
    }));
    if (files.length === 0) throw new Error(`No .prompt files under ${root}`);
    const result = (await call(options, 'POST', '/api/v1/prompts/import', { files })) as {
      created: { name: string; version: number }[];
      unchanged: unknown[];
      labels: { name: string; label: string; version: number }[];
    };
    for (const created of result.created) process.stdout.write(`created ${created.name} v${created.version}\n`);
    for (const label of result.labels) process.stdout.write(`label   ${label.name}@${label.label} → v${label.version}\n`);
    process.stdout.write(
      `Imported ${files.length} file(s): ${result.created.length} new version(s), ${result.unchanged.length} unchanged\n`,
    );
  });
}

function listPromptFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return listPromptFiles(path);
    return entry.endsWith('.prompt') ? [path] : [];
  });
}

async function call(options: RemoteOptions, method: string, path: string, body?: unknown): Promise<unknown> {
  if (!options.apiKey) throw new Error('Pass --api-key or set AGENT_FLEET_API_KEY (create one under Settings → API keys)');
  const response = await fetch(new URL(path, options.url), {
    method,
    headers: {
      Authorization: `Bearer ${options.apiKey}`,
      ...(options.workspace ? { 'X-Workspace-Id': options.workspace } : {}),
      ...(body ? { 'Content-Type': 'application/json' } : {}),
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const payload = (await response.json().catch(() => ({}))) as { detail?: string; errors?: { message: string }[] };
  if (!response.ok) {
    const details = (payload.errors ?? []).map((e) => `\n  ${e.message}`).join('');
    throw new Error(`${method} ${path} failed (${response.status}): ${payload.detail ?? response.statusText}${details}`);
  }
  return payload;
}
