import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import type { Command } from 'commander';

interface RemoteOptions {
  url: string;
  apiKey?: string;
  workspace?: string;
}

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

const EXTENSIONS: Record<string, 'yaml' | 'json'> = { '.yaml': 'yaml', '.yml': 'yaml', '.json': 'json' };
const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/**
 * `agent-fleet pipelines push|pull <dir>`: keeps pipelines in git as `<name>.yaml` (or `.yml`, `.json`)
 * files, through the HTTP API of a running server. Push saves a new version only when a file's text differs
 * from the pipeline's latest source, so running it twice changes nothing; pull writes sources as written.
 */
export function registerPipelineCommands(program: Command): void {
  const pipelines = program.command('pipelines').description('Push and pull pipeline definitions as files (for git)');
  const remote = (command: Command) =>
    command
      .option('--url <url>', 'the server (AGENT_FLEET_URL)', process.env.AGENT_FLEET_URL ?? 'http://localhost:3000')
      .option('--api-key <key>', 'an API key (AGENT_FLEET_API_KEY)', process.env.AGENT_FLEET_API_KEY)
      .option('--workspace <id>', 'workspace id (default: the key’s workspace)');

  remote(
    pipelines
      .command('push <dir>')
      .description('Create or update a pipeline from each <name>.yaml|.yml|.json in <dir>; unchanged files create nothing'),
  ).action(async (dir: string, options: RemoteOptions) => {
    const root = resolve(dir);
    const files = readdirSync(root)
      .filter((entry) => EXTENSIONS[extname(entry)] && statSync(join(root, entry)).isFile())
      .sort();
    if (files.length === 0) throw new Error(`No .yaml, .yml or .json files in ${root}`);
    const counts = { created: 0, updated: 0, unchanged: 0, failed: 0 };
    for (const file of files) {
      const outcome = await pushFile(options, join(root, file));
      counts[outcome.kind] += 1;
      process.stdout.write(`${outcome.kind.padEnd(9)} ${file}${outcome.detail}\n`);
    }
    process.stdout.write(
      `Pushed ${files.length} file(s): ${counts.created} created, ${counts.updated} updated, ${counts.unchanged} unchanged, ${counts.failed} failed\n`,
    );
    if (counts.failed > 0) process.exitCode = 1;
  });

  remote(
    pipelines
      .command('pull <dir>')
      .description('Write each pipeline’s latest (or --label) source to <dir>/<name>.yaml or .json')
      .option('--label <label>', 'the version to write, by label', 'latest'),
  ).action(async (dir: string, options: RemoteOptions & { label: string }) => {
    const root = resolve(dir);
    mkdirSync(root, { recursive: true });
    let written = 0;
    let skipped = 0;
    for (const name of await listNames(options)) {
      const answer = await call(
        options,
        'GET',
        `/api/v1/pipelines/${encodeURIComponent(name)}/versions/${encodeURIComponent(options.label)}`,
        undefined,
        [404],
      );
      if (answer.status === 404) {
        skipped += 1;
        process.stdout.write(`skipped   ${name} (no ${options.label} label)\n`);
        continue;
      }
      const { format, source, version } = answer.body as { format: 'yaml' | 'json'; source: string; version: number };
      // A pipeline kept as .yml stays .yml, so a pull after a push rewrites the same file.
      const file = format === 'yaml' && existsSync(join(root, `${name}.yml`)) ? `${name}.yml` : `${name}.${format}`;
      writeFileSync(join(root, file), source);
      written += 1;
      process.stdout.write(`wrote     ${file} (v${version})\n`);
    }
    process.stdout.write(`Pulled ${written} pipeline(s) to ${root}${skipped ? `, ${skipped} without ${options.label}` : ''}\n`);
  });
}

interface PushOutcome {
  kind: 'created' | 'updated' | 'unchanged' | 'failed';
  detail: string;
}

async function pushFile(options: RemoteOptions, path: string): Promise<PushOutcome> {
  const extension = extname(path);
  const name = path.slice(path.lastIndexOf('/') + 1, -extension.length);
  const format = EXTENSIONS[extension] as 'yaml' | 'json';
  if (!NAME.test(name)) return { kind: 'failed', detail: `: "${name}" is not a pipeline name (letters, digits, ".", "_", "-")` };
  const source = readFileSync(path, 'utf8');
  const base = `/api/v1/pipelines/${encodeURIComponent(name)}`;
  const current = await call(options, 'GET', base, undefined, [404]);
  const answer =
    current.status === 404
      ? await call(options, 'POST', '/api/v1/pipelines', { name, format, source }, [400, 409])
      : (current.body.latest as { source: string; format: string }).source === source &&
          (current.body.latest as { format: string }).format === format
        ? null
        : await call(options, 'POST', `${base}/versions`, { format, source }, [400]);
  if (!answer) return { kind: 'unchanged', detail: ` (${name} v${String(current.body.latestVersion)})` };
  if (answer.status >= 400) return { kind: 'failed', detail: problemText(answer.body) };
  return { kind: current.status === 404 ? 'created' : 'updated', detail: ` (${name} v${String(answer.body.latestVersion)})` };
}

function problemText(body: Record<string, unknown>): string {
  const errors = (body.errors as { path: string; message: string }[] | undefined) ?? [];
  return `: ${String(body.detail ?? 'refused')}${errors.map((e) => `\n    ${e.path ? `${e.path}: ` : ''}${e.message}`).join('')}`;
}

async function listNames(options: RemoteOptions): Promise<string[]> {
  const names: string[] = [];
  let cursor: string | null = null;
  do {
    const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
    const page = await call(options, 'GET', `/api/v1/pipelines?limit=100${query}`);
    names.push(...(page.body.items as { name: string }[]).map((item) => item.name));
    cursor = page.body.nextCursor as string | null;
  } while (cursor);
  return names;
}

/** One API call; a status in `expected` is an answer, any other failure an error naming it. */
async function call(
  options: RemoteOptions,
  method: string,
  path: string,
  body?: unknown,
  expected: number[] = [],
): Promise<Answer> {
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
  const payload = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok && !expected.includes(response.status))
    throw new Error(`${method} ${path} failed (${response.status}): ${String(payload.detail ?? response.statusText)}`);
  return { status: response.status, body: payload };
}
