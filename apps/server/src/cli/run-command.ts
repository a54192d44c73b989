import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Writable } from 'node:stream';
import { RunPrioritySchema, TERMINAL_RUN_STATUSES, VersionedRefSchema } from '@agent-fleet/contracts';
import { Option, type Command } from 'commander';
import { buildRunInput, RunInputError } from './run-command-input.js';
import { colours, formatStepEvent, formatSummary, plain } from './run-command-render.js';
import { RunApiError, RunClient, type FollowOptions, type RunClientOptions } from './run-client.js';

/** How `agent-fleet run` ends; documented in its --help. */
export const RUN_EXIT = {
  succeeded: 0,
  failed: 1,
  /** Bad arguments, or the server refused the request (invalid input, unknown pipeline, no permission). */
  refused: 2,
  cancelled: 3,
  /** The server could not be reached, or the event stream was lost for good. */
  unreachable: 4,
} as const;

export interface RunCommandOptions extends RunClientOptions {
  /** `name`, `name@label` or `name@<version>`. */
  pipeline: string;
  /** A JSON file with the input object (`-` for stdin). */
  inputFile?: string | undefined;
  /** `name=value` assignments over the input file. */
  sets: string[];
  priority?: string | undefined;
  detach: boolean;
  stdout: Writable;
  stderr: Writable;
  /** Colour the lines (when stdout is a terminal). */
  colour: boolean;
  /** Reconnect tuning (tests). */
  follow?: FollowOptions;
  /** For a retried invocation to reach the same run; default a new UUID per invocation. */
  idempotencyKey?: string;
}

/**
 * `agent-fleet run`: starts a run through the API and, unless detached, follows its event stream (one
 * line per step event, resuming with Last-Event-ID after a drop) and ends with the outputs, tokens and
 * cost. Returns the exit code (`RUN_EXIT`).
 */
export async function runPipelineCommand(options: RunCommandOptions): Promise<number> {
  const out = (line: string) => options.stdout.write(`${line}\n`);
  const fail = (line: string, code: number) => (options.stderr.write(`${line}\n`), code);
  const paint = options.colour ? colours : plain;

  if (!VersionedRefSchema.safeParse(options.pipeline).success)
    return fail(`"${options.pipeline}" is not a pipeline reference: name, name@label or name@version`, RUN_EXIT.refused);
  const priority = options.priority === undefined ? 0 : Number(options.priority);
  if (!RunPrioritySchema.safeParse(priority).success)
    return fail(`--priority must be a whole number from -100 to 100, got "${options.priority}"`, RUN_EXIT.refused);

  const client = new RunClient(options);
  try {
    const declarations = options.sets.length > 0 ? await client.inputsOf(options.pipeline) : null;
    const file = options.inputFile
      ? { name: options.inputFile, text: readFileSync(options.inputFile === '-' ? 0 : options.inputFile, 'utf8') }
      : null;
    const input = buildRunInput(file, options.sets, declarations);
    const run = await client.start({ pipeline: options.pipeline, input, priority }, options.idempotencyKey ?? randomUUID());
    const url = new URL(`/api/v1/runs/${run.id}`, options.url).toString();
    if (options.detach) {
      out(run.id);
      out(`Run of ${run.pipelineName} v${run.version} ${run.status}: ${url}`);
      return RUN_EXIT.succeeded;
    }
    out(`Run ${run.id} of ${run.pipelineName} v${run.version}${run.label ? ` (${run.label})` : ''} · priority ${run.priority}`);
    for await (const event of client.follow(run.id, 0, options.follow)) {
      const line = formatStepEvent(event, paint);
      if (line) out(line);
      if (event.type === 'approval.requested' && event.step)
        out(paint.dim(`  decide in the web UI, or POST ${url}/approvals/${event.step} {"decision": "approve"}`));
    }
    const detail = await client.get(run.id);
    options.stdout.write(formatSummary(detail, paint));
    if (!TERMINAL_RUN_STATUSES.includes(detail.status))
      return fail(`Run ${run.id} is still ${detail.status}`, RUN_EXIT.unreachable);
    return detail.status === 'succeeded'
      ? RUN_EXIT.succeeded
      : detail.status === 'cancelled'
        ? RUN_EXIT.cancelled
        : RUN_EXIT.failed;
  } catch (error) {
    if (error instanceof RunInputError) return fail(error.message, RUN_EXIT.refused);
    if (error instanceof RunApiError) {
      const fields = error.errors.map((field) => `  ${field.path ? `${field.path}: ` : ''}${field.message}`);
      return fail(
        [`${error.message} (${error.status} ${error.code})`, ...fields].join('\n'),
        error.status >= 500 ? RUN_EXIT.unreachable : RUN_EXIT.refused,
      );
    }
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return fail(error.message, RUN_EXIT.refused);
    return fail(`Cannot reach ${options.url}: ${error instanceof Error ? error.message : String(error)}`, RUN_EXIT.unreachable);
  }
}

const collect = (value: string, previous: string[]) => [...previous, value];

const EXIT_HELP = `
Input:
  --input reads a JSON object; each --set name=value is applied over it. A value takes the type the
  pipeline declares for that input (string inputs keep "123" as text); for other names true, false,
  null, numbers and JSON ({…}, […], "…") are parsed and anything else is a string. The server checks
  the input against the pipeline's inputs and every problem is listed.

Exit codes:
  0  the run succeeded (with --detach: it was started)
  1  the run failed
  2  bad arguments, or the server refused the request (invalid input, unknown pipeline, permission)
  3  the run was cancelled
  4  the server could not be reached, or its event stream was lost

Examples:
  agent-fleet run research-summary --set topic=owls --set 'sources=["Owls hunt at night."]'
  agent-fleet run ticket-triage@production --input ticket.json --priority 10 --detach
`;

export function registerRunCommand(program: Command): void {
  program
    .command('run <pipeline>')
    .description(
      'Run a pipeline (name, name@label or name@version) and follow it: one line per step, then outputs, tokens and cost',
    )
    .option('--input <file>', 'a JSON file holding the input object ("-" reads stdin)')
    .option('--set <name=value>', 'set one input (repeatable; applied over --input)', collect, [])
    .option('--priority <n>', 'the run priority, -100 to 100 (higher runs first)', '0')
    .option('--detach', 'print the run id and URL, then exit without following it', false)
    .option('--url <url>', 'the server (AGENT_FLEET_URL)', process.env.AGENT_FLEET_URL ?? 'http://localhost:3000')
    .addOption(new Option('--api-key <key>', 'an API key (AGENT_FLEET_API_KEY)').env('AGENT_FLEET_API_KEY'))
    .option('--workspace <id>', 'workspace id (default: the key’s workspace)')
    .addHelpText('after', EXIT_HELP)
    .action(
      async (
        pipeline: string,
        flags: {
          input?: string;
          set: string[];
          priority: string;
          detach: boolean;
          url: string;
          apiKey?: string;
          workspace?: string;
        },
      ) => {
        if (!flags.apiKey) {
          process.stderr.write('Pass --api-key or set AGENT_FLEET_API_KEY (create one under Settings → API keys).\n');
          process.exitCode = RUN_EXIT.refused;
          return;
        }
        process.exitCode = await runPipelineCommand({
          url: flags.url,
          token: flags.apiKey,
          workspace: flags.workspace,
          pipeline,
          inputFile: flags.input,
          sets: flags.set,
          priority: flags.priority,
          detach: flags.detach,
          stdout: process.stdout,
          stderr: process.stderr,
          colour: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
        });
      },
    );
}
