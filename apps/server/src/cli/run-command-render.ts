import type { RunDetail, RunEvent } from '@agent-fleet/contracts';

/** Colours for a terminal; identity functions when output is piped, so lines stay plain text. */
export interface Paint {
  green(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  dim(text: string): string;
}

const ansi = (code: number) => (text: string) => `\u001b[${code}m${text}\u001b[0m`;
export const colours: Paint = { green: ansi(32), red: ansi(31), yellow: ansi(33), dim: ansi(2) };
export const plain: Paint = { green: (t) => t, red: (t) => t, yellow: (t) => t, dim: (t) => t };

const KEY_WIDTH = 18;
const STATUS_WIDTH = 10;

export const formatDuration = (ms: number): string => (ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`);
export const formatUsd = (value: number): string => `$${value < 0.01 ? value.toFixed(6) : value.toFixed(4)}`;

const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const num = (value: unknown): number | null => (typeof value === 'number' ? value : null);
const errorText = (value: unknown): string => {
  if (!value || typeof value !== 'object') return '';
  const error = value as { code?: unknown; message?: unknown };
  return `${text(error.code)}: ${text(error.message)}`;
};

/**
 * One line per step or approval event: `<mark> <step> <status> <details>`, e.g.
 * `✓ notes[0]           succeeded  attempt 1 · 120 ms`. Run events and others return null.
 */
export function formatStepEvent(event: RunEvent, paint: Paint): string | null {
  const { data } = event;
  const attempt = num(data.attempt) === null ? null : `attempt ${String(data.attempt)}`;
  const duration = num(data.durationMs) === null ? null : formatDuration(num(data.durationMs) ?? 0);
  const line = (mark: string, status: string, ...details: (string | null)[]) =>
    `${mark} ${(event.step ?? '').padEnd(KEY_WIDTH)} ${status.padEnd(STATUS_WIDTH)} ${details.filter(Boolean).join(' · ')}`.trimEnd();
  switch (event.type) {
    case 'step.started':
      return line('▸', 'started', attempt);
    case 'step.succeeded':
      return paint.green(line('✓', 'succeeded', attempt, duration));
    case 'step.failed':
      return paint.red(line('✗', 'failed', attempt, duration, errorText(data.error)));
    case 'step.skipped':
      return paint.dim(line('-', 'skipped', text(data.reason)));
    case 'step.retrying': {
      const next = num(data.delayMs) === null ? null : `next in ${formatDuration(num(data.delayMs) ?? 0)}`;
      const why = data.error ? errorText(data.error) : text(data.reason);
      return paint.yellow(line('↻', 'retrying', attempt === null ? null : `${attempt} failed`, why, next));
    }
    case 'step.waiting': {
      const detail =
        num(data.items) !== null
          ? `${String(data.items)} item(s)`
          : text(data.until)
            ? `until ${text(data.until)}`
            : text(data.childRunId)
              ? `child run ${text(data.childRunId)}`
              : num(data.iteration) !== null
                ? 'looping'
                : null;
      return line('…', 'waiting', detail);
    }
    case 'step.fallback':
      return paint.yellow(line('↪', 'fallback', `→ ${text(data.fallback)}`, errorText(data.error)));
    case 'approval.requested': {
      const roles = Array.isArray(data.roles) ? data.roles.join(', ') : '';
      return paint.yellow(line('?', 'approval', text(data.message) || null, roles ? `for ${roles}` : null));
    }
    case 'approval.decided': {
      const decision = text(data.decision);
      const approved = decision === 'approve' || decision === 'approved';
      const by = data.timedOut === true ? 'on timeout' : text(data.by) ? `by ${text(data.by)}` : null;
      return (approved ? paint.green : paint.red)(line('!', approved ? 'approved' : decision ? 'rejected' : 'decided', by));
    }
    default:
      return null;
  }
}

/** The end of a run: status and totals, then the outputs as JSON (or the error). */
export function formatSummary(run: RunDetail, paint: Paint): string {
  const usage = `${run.usage.inputTokens} in / ${run.usage.outputTokens} out`;
  const totals = [
    run.durationMs === null ? null : formatDuration(run.durationMs),
    `${run.llmCalls} LLM call(s)`,
    `tokens ${usage}`,
    `cost ${formatUsd(run.costUsd)}`,
  ]
    .filter(Boolean)
    .join(' · ');
  const headline = `Run ${run.status} · ${totals}`;
  const painted = run.status === 'succeeded' ? paint.green(headline) : paint.red(headline);
  const lines = [painted];
  if (run.error) lines.push(`Error: [${run.error.code}] ${run.error.message}`);
  if (run.outputs) lines.push('Outputs:', JSON.stringify(run.outputs, null, 2));
  return `${lines.join('\n')}\n`;
}
