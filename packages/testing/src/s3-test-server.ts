import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/** A running S3-compatible server and what a client needs to reach it. */
export interface S3TestServer {
  /** e.g. `http://127.0.0.1:54321`; use with `forcePathStyle: true`. */
  readonly endpoint: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly region: string;
  /** Stops the server and deletes its data directory. Idempotent. */
  close(): Promise<void>;
}

const STARTUP_TIMEOUT_MS = 15_000;
const SHUTDOWN_TIMEOUT_MS = 5_000;

/**
 * The server process (CommonJS, run with `node -e`). It stops when its stdin ends, so it also goes away
 * when the test process dies.
 *
 * s3rver runs a DeleteObjects batch's deletes concurrently, and each prunes the folders it sees empty, so
 * two deletes in one folder race and the batch fails with a 500 (jamhall/s3rver#788, open). The script runs
 * deletes one at a time; real S3 has no folders to race on.
 */
const SERVER_SCRIPT = `
const S3rver = require(process.env.S3RVER_MODULE);
const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: process.env.S3RVER_DIRECTORY });
const deleteObject = server.store.deleteObject.bind(server.store);
let deletes = Promise.resolve();
server.store.deleteObject = (bucket, key) => {
  const run = deletes.then(() => deleteObject(bucket, key));
  deletes = run.catch(() => undefined);
  return run;
};
server.run().then(
  ({ port }) => process.stdout.write(JSON.stringify({ port }) + '\\n'),
  (error) => { console.error(error); process.exit(1); },
);
process.stdin.on('end', () => {
  if (!server.httpServer) process.exit(0);
  server.httpServer.close(() => process.exit(0));
  server.httpServer.closeAllConnections();
});
process.stdin.resume();
`;

/**
 * A real S3 API (s3rver) on 127.0.0.1 at a free port, storing into a fresh temporary directory, so the S3
 * blob store is tested against the wire protocol without Docker or the internet. Credentials are s3rver's
 * fixed `S3RVER`/`S3RVER`; bucket names need at least 3 characters.
 *
 * It runs in a child process because s3rver encrypts ListObjectsV2 continuation tokens with DES, which
 * OpenSSL 3 only offers with `--openssl-legacy-provider`; that flag stays confined to the child, and so do
 * s3rver's Koa and winston and its deprecation warnings.
 */
export async function startS3TestServer(): Promise<S3TestServer> {
  const directory = await mkdtemp(join(tmpdir(), 'af-s3rver-'));
  const child = spawn(process.execPath, ['--openssl-legacy-provider', '-e', SERVER_SCRIPT], {
    env: { ...process.env, S3RVER_MODULE: createRequire(import.meta.url).resolve('s3rver'), S3RVER_DIRECTORY: directory },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  // Settles on exit, and also if the process could not be spawned ('error' instead of 'exit').
  const exited = once(child, 'exit').then(
    () => undefined,
    () => undefined,
  );

  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.stdin.end();
      const timer = setTimeout(() => child.kill('SIGKILL'), SHUTDOWN_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    }
    await rm(directory, { recursive: true, force: true });
  };

  let port: number;
  try {
    port = await readPort(child.stdout, exited, () => stderr);
  } catch (error) {
    await stop();
    throw error;
  }

  let closing: Promise<void> | undefined;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
    region: 'us-east-1',
    close: () => (closing ??= stop()),
  };
}

/** The port the child reports on its first stdout line; fails if it exits or stays silent instead. */
async function readPort(stdout: NodeJS.ReadableStream, exited: Promise<void>, stderr: () => string): Promise<number> {
  const lines = createInterface({ input: stdout });
  let timer: NodeJS.Timeout | undefined;
  const died = exited.then(() => Promise.reject(new Error(`s3rver exited during start-up: ${stderr()}`)));
  died.catch(() => undefined); // Settles after a successful start too, when the server is closed.
  try {
    const line = await Promise.race([
      once(lines, 'line').then(([text]) => String(text)),
      died,
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`s3rver did not start within ${STARTUP_TIMEOUT_MS} ms: ${stderr()}`)),
          STARTUP_TIMEOUT_MS,
        );
      }),
    ]);
    return (JSON.parse(line) as { port: number }).port;
  } finally {
    clearTimeout(timer);
    lines.close();
  }
}
