import { spawn } from 'node:child_process';
import { once } from 'node:events';

/** A helper process the benchmark talks to: what it printed first, the rest when it exits, and how to stop it. */
export interface OutsideProcess {
  /** The first line it printed. */
  ready: Promise<string>;
  /** Everything after the first line, once it exits with status 0. */
  output: Promise<string>;
  stop(): void;
}

/**
 * Runs `source` (an ES module) in its own Node.js process, with `args` as `process.argv.slice(1)`. The
 * world outside the product (a slow service it calls, the clients that send it work) runs there, on the
 * machine's other core, so its CPU time is not counted as the product's, as it would not be in
 * production.
 */
export function runOutside(source: string, args: readonly string[]): OutsideProcess {
  const child = spawn(process.execPath, ['--input-type=module', '-e', source, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  let text = '';
  let resolveReady: (line: string) => void = () => undefined;
  const ready = new Promise<string>((resolve) => (resolveReady = resolve));
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    text += chunk;
    const newline = text.indexOf('\n');
    if (newline >= 0) resolveReady(text.slice(0, newline));
  });
  const output = once(child, 'exit').then(([code]) => {
    if (code !== 0) throw new Error(`a benchmark helper process exited with ${String(code)}`);
    return text.slice(text.indexOf('\n') + 1);
  });
  // A helper that dies before it is ready fails the benchmark instead of hanging it.
  const early = output.then(() => {
    throw new Error('a benchmark helper process exited before it was ready');
  });
  early.catch(() => undefined);
  return { ready: Promise.race([ready, early]), output, stop: () => child.kill() };
}
