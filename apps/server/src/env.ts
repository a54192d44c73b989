import { resolve } from 'node:path';
import { BaseUrlSchema } from '@agent-fleet/contracts';
import { z } from 'zod';

const booleanFlag = z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1');

const EnvSchema = z.object({
  /** HTTP port. Default 3000. */
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  /** Interface to bind. Default 127.0.0.1 (local only); containers set 0.0.0.0. */
  HOST: z.string().min(1).default('127.0.0.1'),
  /** Where embedded state lives (PGlite database, later blobs). Default ./data. */
  DATA_DIR: z.string().min(1).default('./data'),
  /** PostgreSQL connection string. When unset, embedded PGlite under DATA_DIR is used. */
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// or postgresql:// URL' }).optional(),
  /** PostgreSQL pool size per process. Default 10. */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /** pino level. Default info. */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /**
   * Time a client has to send a request's headers, in ms. Default 10000. A slow-header client (slowloris)
   * is cut off after it instead of holding a connection for minutes.
   */
  HTTP_HEADERS_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
  /** Time a client has to send a whole request, body included, in ms. Default 30000. Responses (SSE) may last longer. */
  HTTP_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(3_600_000).default(30_000),
  /**
   * How long an idle keep-alive connection stays open, in ms. Default 5000 (Node's). Behind a load balancer,
   * set it above the balancer's idle timeout (e.g. 65000 behind a 60 s AWS ALB).
   */
  HTTP_KEEP_ALIVE_TIMEOUT_MS: z.coerce.number().int().min(0).max(600_000).default(5_000),
  /** Largest accepted JSON body, in bytes. Default 1 MiB. */
  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(50 * 1024 * 1024)
    .default(1024 * 1024),
  /**
   * HMAC key for access tokens, at least 32 characters. Default: generated once into
   * DATA_DIR/auth-secret. Set it explicitly when several servers share a database.
   */
  AUTH_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** Access token lifetime in seconds, 60–900. Default 900 (15 minutes). */
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(900).default(900),
  /** Sign-in session (refresh token) lifetime in days. Default 30. */
  SESSION_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  /** Allow sign-up without an invitation after the first owner. Default false. */
  SIGNUP_OPEN: booleanFlag.default(false),
  /** Login attempts per email and address per 15 minutes. Default 5. */
  LOGIN_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(1000).default(5),
  /** Mark the refresh cookie Secure: auto (when the request is HTTPS), true or false. Default auto. */
  COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
  /** Express "trust proxy" hops, so client addresses come from X-Forwarded-For. Default 0 (none). */
  TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
  /** Built web UI to serve. Default: apps/web/dist of this checkout. */
  WEB_DIST_DIR: z.string().min(1).optional(),

  /**
   * Key encrypting secrets at rest (provider API keys): 32 bytes as 64 hex characters or base64. Default:
   * generated once into DATA_DIR/secrets-key. Set it explicitly when several servers share a database.
   */
  SECRETS_KEY: z.string().min(1).optional(),
  /** Old secrets keys, comma-separated, still accepted for reading during a rotation. */
  SECRETS_KEY_PREVIOUS: z.string().min(1).optional(),

  /** Where blobs (transcripts, large payloads) go: `fs` (DATA_DIR/blobs) or `s3`. Default fs, or s3 when S3_BUCKET is set. */
  BLOB_STORE: z.enum(['fs', 's3']).optional(),
  /** S3 API endpoint, e.g. http://minio:9000. Default: AWS. */
  S3_ENDPOINT: BaseUrlSchema.optional(),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_BUCKET: z.string().min(3).max(63).optional(),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  /** Path-style URLs (MinIO and most S3-compatible servers need them). Default true. */
  S3_FORCE_PATH_STYLE: booleanFlag.default(true),

  /** OpenAI: key (enables the `openai` provider for every workspace) and optional base URL. */
  OPENAI_API_KEY: z.string().min(1).optional(),
  OPENAI_BASE_URL: BaseUrlSchema.optional(),
  /** Anthropic: key (enables `anthropic`) and optional base URL. */
  ANTHROPIC_API_KEY: z.string().min(1).optional(),
  ANTHROPIC_BASE_URL: BaseUrlSchema.optional(),
  /** An OpenAI-compatible server (Ollama, vLLM, LM Studio, OpenRouter …): base URL, optional key, provider id. */
  OPENAI_COMPATIBLE_BASE_URL: BaseUrlSchema.optional(),
  OPENAI_COMPATIBLE_API_KEY: z.string().min(1).optional(),
  OPENAI_COMPATIBLE_PROVIDER: z
    .string()
    .regex(/^[a-z0-9][a-z0-9._-]*$/, 'must be a lowercase slug')
    .default('ollama'),

  /** Let provider requests reach private and loopback addresses (e.g. a local Ollama). Default false. */
  OUTBOUND_ALLOW_PRIVATE: booleanFlag.default(false),
  /** Hosts (`host` or `host:port`, comma-separated) allowed even when private, e.g. `127.0.0.1:11434`. */
  OUTBOUND_ALLOWED_HOSTS: z.string().default(''),

  /** Calls in flight per provider and workspace. Default 8. */
  LLM_MAX_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(8),
  /** Calls started per minute per provider and workspace. Default 600. */
  LLM_REQUESTS_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(600),
  /** Time allowed from a provider request to its first token, in ms. Default 60000. */
  LLM_FIRST_TOKEN_TIMEOUT_MS: z.coerce.number().int().min(100).max(3_600_000).default(60_000),
  /** Longest silence between two streamed chunks once tokens flow, in ms. Default 30000. */
  /** How long a blob must stay ownerless before the start-up sweep deletes it (a turn elsewhere may be committing its row). */
  BLOB_SWEEP_DELAY_MS: z.coerce.number().int().min(0).max(86_400_000).default(60_000),
  LLM_IDLE_TIMEOUT_MS: z.coerce.number().int().min(100).max(3_600_000).default(30_000),
  /** Optional cap on a whole provider call, in ms; 0 = none (a healthy long reply is never cut). Default 0. */
  LLM_TOTAL_TIMEOUT_MS: z.coerce.number().int().min(0).max(86_400_000).default(0),
  /** Tries per model (first included) on 429, 5xx and timeouts before the fallback model. Default 3. */
  LLM_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(3),
  /** Message content above this many bytes is stored in the blob store. Default 32768. */
  MESSAGE_INLINE_LIMIT_BYTES: z.coerce.number().int().min(256).max(10_000_000).default(32_768),
  /** A pipeline step's output above this many bytes of JSON is stored in the blob store. Default 65536. */
  STEP_OUTPUT_INLINE_LIMIT_BYTES: z.coerce.number().int().min(256).max(10_000_000).default(65_536),
  /**
   * How long a read answer (agent and conversation lists and gets) may be reused. Writes through this
   * server are seen at once; writes by another server on the same database after at most this long. 0 disables.
   */
  API_CACHE_TTL_MS: z.coerce.number().int().min(0).max(60_000).default(1000),
  /**
   * Origins besides the server's own whose pages may open the WebSocket at /api/v1/ws, comma-separated
   * (e.g. `https://app.example.com,http://localhost:5173`). Default none.
   */
  WS_ALLOWED_ORIGINS: z
    .string()
    .default('')
    .refine((list) => list.split(',').every((entry) => entry.trim() === '' || URL.canParse(entry.trim())), {
      error: 'must be comma-separated origins such as https://app.example.com',
    }),
  /** How often WebSocket clients are pinged, in ms; one that missed the last ping is disconnected. Default 30000. */
  WS_PING_INTERVAL_MS: z.coerce.number().int().min(1000).max(600_000).default(30_000),
  /** Pipeline steps this server runs at once (waiting steps take none). Default 16. */
  PIPELINE_SLOTS: z.coerce.number().int().min(1).max(10_000).default(16),
  /**
   * A pipeline worker whose heartbeat is older than this is dead and its steps are re-queued (a worker of
   * this host whose process is gone is dead at once). Default 15000.
   */
  PIPELINE_WORKER_STALE_MS: z.coerce.number().int().min(2000).max(3_600_000).default(15_000),
  /**
   * Turns on `GET /metrics` (Prometheus, docs/observability.md), which then needs `Authorization: Bearer
   * <METRICS_TOKEN>`. At least 32 characters. Default: unset, and `/metrics` answers 404.
   */
  METRICS_TOKEN: z.string().min(32, 'must be at least 32 characters').optional(),
  /**
   * OpenTelemetry collector (OTLP/HTTP) base URL, e.g. `http://otel-collector:4318`: turns on traces, sent to
   * `<it>/v1/traces` (docs/observability.md). Default: unset, no tracing and the SDK is never loaded.
   */
  OTEL_EXPORTER_OTLP_ENDPOINT: BaseUrlSchema.optional(),
  /** `service.name` of the traces. Default agent-fleet. */
  OTEL_SERVICE_NAME: z.string().min(1).max(200).default('agent-fleet'),
});

export type Env = Readonly<z.infer<typeof EnvSchema>>;

/** Thrown when the environment is invalid; the message names every bad setting. */
export class EnvError extends Error {}

/** Parses the environment once. Nothing else in the server reads `process.env`. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const emptyAsUnset = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ''));
  const result = EnvSchema.refine((env) => env.HTTP_HEADERS_TIMEOUT_MS <= env.HTTP_REQUEST_TIMEOUT_MS, {
    path: ['HTTP_HEADERS_TIMEOUT_MS'],
    error: 'must not exceed HTTP_REQUEST_TIMEOUT_MS',
  }).safeParse(emptyAsUnset);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new EnvError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return Object.freeze({ ...result.data, DATA_DIR: resolve(result.data.DATA_DIR) });
}
