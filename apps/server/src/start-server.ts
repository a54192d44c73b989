import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import {
  REMOTE_HEALTH_INTERVAL_MS,
  DRAIN_SWEEP_INTERVAL_MS,
  ServerInstance,
  ABANDONED_WORK_SWEEP_MS,
  recoverAbandonedWork,
  createIsolatedExpressionEvaluator,
  createIsolatedTemplateEngine,
  sweepOrphanBlobs,
  type BlobStore,
} from '@agent-fleet/core';
import {
  DrizzleA2ARepository,
  DrizzleAgentTaskRepository,
  DrizzleBlobOwners,
  DrizzleConversationRepository,
  DrizzleLlmCallRepository,
  DrizzleInstanceRepository,
  migrateDatabase,
} from '@agent-fleet/db';
import type { Logger } from 'pino';
import { loadAuthSecret } from './auth-secret.js';
import type { Env } from './env.js';
import { createHttpServer } from './http/http-server.js';
import { openBlobStore } from './infrastructure.js';
import { loadSecretBox } from './secrets-key.js';
import { parseAllowedOrigins } from './realtime/origin.js';
import { startOtelTracing } from './observability/otel-tracing.js';
import { buildApp, openConfiguredDatabase } from './main.js';
import { SERVER_VERSION } from './version.js';

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/** The composition root of `agent-fleet serve`: env → database → migrations → app → listen. */
export async function startServer(env: Env, logger: Logger): Promise<RunningServer> {
  const database = await openConfiguredDatabase(env);
  try {
    await migrateDatabase(database);
  } catch (error) {
    await database.close();
    throw error;
  }
  // This process as the owner of the work it runs, registered before it runs any. What a dead process left
  // running (this server's previous life, or a server whose heartbeat stopped) cannot finish: its model
  // calls become interrupted (estimated usage), its tasks fail, its chat turns stop holding their
  // conversations. Checked at start-up and then periodically; a live server's work is left alone.
  const instances = new DrizzleInstanceRepository(database.db);
  const instance = new ServerInstance({ instances, log: logger });
  const a2aTasks = new DrizzleA2ARepository(database.db);
  const recoverWork = async () => ({
    ...(await recoverAbandonedWork({
      instance,
      instances,
      ledger: new DrizzleLlmCallRepository(database.db),
      tasks: new DrizzleAgentTaskRepository(database.db),
      conversations: new DrizzleConversationRepository(database.db),
    })),
    // Runs after the dead instances are unregistered, so their open A2A tasks count as abandoned.
    a2aTasks: await a2aTasks.failAbandoned(),
  });
  let blobs: BlobStore;
  try {
    blobs = await openBlobStore(env);
    await instance.start();
    const recovered = await recoverWork();
    const { calls } = recovered;
    if (calls > 0 || recovered.tasks > 0 || recovered.agents > 0 || recovered.a2aTasks > 0) {
      logger.warn(
        { calls, tasks: recovered.tasks, agents: recovered.agents, a2aTasks: recovered.a2aTasks },
        'Recovered work interrupted by the last shutdown',
      );
    }
  } catch (error) {
    await database.close();
    throw error;
  }
  const templates = createIsolatedTemplateEngine();
  const expressions = createIsolatedExpressionEvaluator();
  // Loaded only when configured: without an endpoint the OpenTelemetry SDK is never imported.
  const tracing = env.OTEL_EXPORTER_OTLP_ENDPOINT
    ? await startOtelTracing({
        endpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT,
        serviceName: env.OTEL_SERVICE_NAME,
        serviceVersion: SERVER_VERSION,
      })
    : undefined;
  const { app, engine, lifecycle, fleetDispatcher, remoteAgents, realtime } = buildApp({
    database,
    logger,
    env,
    authSecret: loadAuthSecret(env),
    secrets: loadSecretBox(env),
    blobs,
    templates,
    expressions,
    instanceId: instance.id,
    ...(tracing ? { tracing } : {}),
    realtime: { allowedOrigins: parseAllowedOrigins(env.WS_ALLOWED_ORIGINS), pingIntervalMs: env.WS_PING_INTERVAL_MS },
  });
  const server = createHttpServer(app, {
    headersTimeoutMs: env.HTTP_HEADERS_TIMEOUT_MS,
    requestTimeoutMs: env.HTTP_REQUEST_TIMEOUT_MS,
    keepAliveTimeoutMs: env.HTTP_KEEP_ALIVE_TIMEOUT_MS,
  });
  realtime.attach(server);
  server.listen(env.PORT, env.HOST);
  try {
    await once(server, 'listening');
  } catch (error) {
    await templates.close();
    await expressions.close();
    await database.close();
    throw error;
  }
  // Runs a previous process left resume now: its steps are re-queued, its timers fire.
  await engine.start();
  // Fleet tasks a previous process held are re-queued once their leases run out.
  await fleetDispatcher.start();
  const { port } = server.address() as AddressInfo;
  const host = ['0.0.0.0', '::', '127.0.0.1', '::1'].includes(env.HOST) ? 'localhost' : env.HOST;
  const url = `http://${host}:${port}`;
  logger.info({ url, database: database.driver }, 'Agent Fleet is listening');
  // Blobs written for rows that never committed, or left by a delete that stopped before removing them:
  // swept in the background, so start-up does not wait on listing every blob.
  const stopSweep = new AbortController();
  const settled = () => delay(env.BLOB_SWEEP_DELAY_MS, undefined, { signal: stopSweep.signal, ref: false });
  const sweep = sweepOrphanBlobs(blobs, new DrizzleBlobOwners(database.db), settled).then(
    (blobsSwept) => {
      if (blobsSwept > 0) logger.warn({ blobsSwept }, 'Deleted blobs no row owns');
    },
    (error: unknown) => {
      // Stopped by close(): the next start sweeps again.
      if (!stopSweep.signal.aborted) logger.error({ err: error }, 'The orphan-blob sweep failed');
    },
  );
  // Draining agents pause once nothing is in flight, also when their last task ended elsewhere or before the drain.
  const drainSweep = setInterval(() => {
    lifecycle.sweep().catch((error: unknown) => logger.error({ err: error }, 'The agent drain sweep failed'));
  }, DRAIN_SWEEP_INTERVAL_MS);
  drainSweep.unref();
  // a2a agents whose card does not answer are offline (and take no fleet work) until it answers again.
  const remoteHealth = setInterval(() => {
    remoteAgents.checkAll().catch((error: unknown) => logger.error({ err: error }, 'The remote agents health check failed'));
  }, REMOTE_HEALTH_INTERVAL_MS);
  remoteHealth.unref();
  const workSweep = setInterval(() => {
    recoverWork().then(
      (recovered) => {
        if (recovered.calls + recovered.tasks + recovered.turns + recovered.a2aTasks > 0) {
          logger.warn(recovered, 'Recovered work a stopped server left');
        }
      },
      (error: unknown) => logger.error({ err: error }, 'The abandoned-work sweep failed'),
    );
  }, ABANDONED_WORK_SWEEP_MS);
  workSweep.unref();
  return {
    url,
    async close() {
      clearInterval(drainSweep);
      clearInterval(remoteHealth);
      clearInterval(workSweep);
      realtime.close();
      server.closeIdleConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
      stopSweep.abort();
      await sweep;
      await fleetDispatcher.stop();
      await engine.stop();
      await instance.stop();
      await templates.close();
      await expressions.close();
      await tracing?.shutdown();
      await database.close();
    },
  };
}
