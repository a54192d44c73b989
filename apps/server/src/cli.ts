#!/usr/bin/env node
import { Command } from 'commander';
import { SignupSchema } from '@agent-fleet/contracts';
import { registerChatCommand } from './cli/chat-command.js';
import { registerPipelineCommands } from './cli/pipeline-files-command.js';
import { registerPromptCommands } from './cli/prompt-files-command.js';
import { registerRunCommand } from './cli/run-command.js';
import { registerSecretsCommand } from './cli/secrets-command.js';
import { EnvError, loadEnv, type Env } from './env.js';
import { SERVER_VERSION } from './version.js';
import { PRIVATE_UMASK } from './data-dir.js';

/**
 * The server, its database layer and its domain load only for the commands that run them (`serve`,
 * `migrate`, `create-owner`, `secrets`): the client commands (`prompts`, `pipelines`, `run`, `chat`)
 * talk HTTP and start in a fraction of the time.
 */
const server = () => import('./main.js');
const serving = () => import('./start-server.js');
const databaseLayer = () => import('@agent-fleet/db');

// Before anything is written: every file this process creates under DATA_DIR (PGlite's database files,
// blobs, generated secrets) is the owner's alone, whatever umask the shell or container started us with.
process.umask(PRIVATE_UMASK);

const program = new Command()
  .name('agent-fleet')
  .description('Agent Fleet: define LLM agents, group them into fleets and run pipelines.')
  .version(SERVER_VERSION)
  .showHelpAfterError();

program
  .command('serve', { isDefault: true })
  .description('Migrate the database, then serve the API and web UI (PORT, default 3000)')
  .action(async () => {
    const env = configOrExit();
    const [{ createLogger }, { startServer }] = await Promise.all([server(), serving()]);
    const logger = createLogger(env);
    const running = await startServer(env, logger);
    process.stdout.write(`\nAgent Fleet is running at ${running.url}\n\n`);
    const shutdown = (signal: string) => {
      logger.info({ signal }, 'shutting down');
      running.close().then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
    };
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
  });

program
  .command('migrate')
  .description('Apply pending database migrations and exit (DATABASE_URL, or PGlite under DATA_DIR)')
  .action(async () => {
    const env = configOrExit();
    const [{ openConfiguredDatabase }, { migrateDatabase }] = await Promise.all([server(), databaseLayer()]);
    const database = await openConfiguredDatabase(env);
    try {
      await migrateDatabase(database);
      process.stdout.write(`Migrations applied (${database.driver}).\n`);
    } finally {
      await database.close();
    }
  });

program
  .command('create-owner')
  .description('Create the first owner non-interactively (for deployments); the password is read from AGENT_FLEET_OWNER_PASSWORD')
  .requiredOption('--email <email>', 'the owner’s email address')
  .option('--name <name>', 'the owner’s display name', 'Owner')
  .action(async (options: { email: string; name: string }) => {
    const env = configOrExit();
    const input = SignupSchema.safeParse({ email: options.email, name: options.name, password: readOwnerPassword() });
    if (!input.success) {
      process.stderr.write(`${input.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('\n')}\n`);
      process.exit(2);
    }
    const [{ openConfiguredDatabase, createFirstOwner }, { migrateDatabase }, { AppError }] = await Promise.all([
      server(),
      databaseLayer(),
      import('@agent-fleet/core'),
    ]);
    const database = await openConfiguredDatabase(env);
    try {
      await migrateDatabase(database);
      const user = await createFirstOwner(database, input.data);
      process.stdout.write(`Owner ${user.email} created. Sign in at the web UI.\n`);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      process.stderr.write(`${error.message}\n`);
      process.exitCode = 1;
    } finally {
      await database.close();
    }
  });

registerPromptCommands(program);
registerPipelineCommands(program);
registerRunCommand(program);
registerChatCommand(program);
registerSecretsCommand(program, () => {
  const env = configOrExit();
  return { env, database: async () => (await server()).openConfiguredDatabase(env) };
});

function readOwnerPassword(): string {
  const password = process.env.AGENT_FLEET_OWNER_PASSWORD;
  if (!password) {
    process.stderr.write('Set AGENT_FLEET_OWNER_PASSWORD to the owner’s password (at least 10 characters).\n');
    process.exit(2);
  }
  return password;
}

function configOrExit(): Env {
  try {
    return loadEnv();
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
}

program.parseAsync().catch((error: unknown) => {
  process.stderr.write(`agent-fleet: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
