// The steps `npm test` takes before the test suites: type-check, lint, format check and build. They
// read the sources and do not depend on one another (type-check and lint resolve the workspace
// packages to their sources, not to what the build writes), and each is one single-threaded process,
// so they run two at a time on two cores instead of one after another. Each step's output is printed
// whole when it ends; the script fails when any step did, after all have ended.
// Usage: node scripts/checks.mjs [concurrency]
import { spawn } from 'node:child_process';

// Longest first, so the last one to start is a short one.
const STEPS = ['build', 'typecheck', 'lint', 'format:check'];
const concurrency = Number(process.argv[2] ?? 2);

function run(step) {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', step], { stdio: ['ignore', 'pipe', 'pipe'] });
    const output = [];
    child.stdout.on('data', (chunk) => output.push(chunk));
    child.stderr.on('data', (chunk) => output.push(chunk));
    child.on('error', (error) => output.push(Buffer.from(`${error.message}\n`)));
    child.on('close', (code) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      process.stdout.write(`\n> ${step}: ${code === 0 ? 'ok' : `failed (exit ${code})`} in ${seconds} s\n`);
      process.stdout.write(Buffer.concat(output));
      resolve(code === 0);
    });
  });
}

const queue = [...STEPS];
const results = await Promise.all(
  Array.from({ length: concurrency }, async () => {
    const ok = [];
    for (let step = queue.shift(); step; step = queue.shift()) ok.push(await run(step));
    return ok.every(Boolean);
  }),
);
process.exit(results.every(Boolean) ? 0 : 1);
