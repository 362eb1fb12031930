/** The one place that reads the environment: a typed, validated configuration. */
import { fileURLToPath } from "node:url";
import { z } from "zod";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

const bool = z.enum(["1", "0", "true", "false", "yes", "no"]).transform((v) => ["1", "true", "yes"].includes(v));
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const optionalString = z.string().trim().optional().transform((v) => (v === "" ? undefined : v));

const EnvSchema = z.object({
  GONGBAO_DATA_DIR: optionalString,
  GONGBAO_CORPUS_DIR: optionalString,
  GONGBAO_INDEX_URI: optionalString,
  GONGBAO_FEEDBACK_FILE: optionalString,
  GONGBAO_REFRESH_SECONDS: z.coerce.number().min(0).max(3600).default(5),
  GONGBAO_S3_ENDPOINT: optionalString,
  GONGBAO_S3_REGION: optionalString,
  GONGBAO_S3_ACCESS_KEY_ID: optionalString,
  GONGBAO_S3_SECRET_ACCESS_KEY: optionalString,
  GONGBAO_S3_ALLOW_HTTP: bool.optional(),
  GONGBAO_STORAGE_OPTIONS: optionalString,
  GONGBAO_EMBEDDER: z.enum(["hashed", "openai"]).default("hashed"),
  GONGBAO_EMBED_DIM: int(32, 4096).default(1024),
  GONGBAO_EMBED_MODEL: optionalString,
  GONGBAO_EMBED_DIMENSIONS: int(1, 8192).optional(),
  GONGBAO_EMBED_BATCH: int(1, 2048).default(64),
  GONGBAO_EMBED_TIMEOUT_MS: int(100, 600_000).default(20_000),
  OPENAI_BASE_URL: optionalString.pipe(z.url().optional()),
  OPENAI_API_KEY: optionalString,
  GONGBAO_LLM: z.enum(["auto", "off"]).default("auto"),
  GONGBAO_LLM_MODEL: optionalString,
  GONGBAO_LLM_TEMPERATURE: z.coerce.number().min(0).max(2).default(0.1),
  GONGBAO_LLM_TIMEOUT_MS: int(100, 600_000).default(15_000),
  GONGBAO_LLM_MAX_TOKENS: int(16, 32_000).default(800),
  GONGBAO_LLM_CONCURRENCY: int(1, 256).default(8),
  GONGBAO_JUDGE_MODEL: optionalString,
  PORT: int(0, 65535).default(8787),
  HOST: z.string().trim().min(1).default("127.0.0.1"),
  GONGBAO_CORS_ORIGINS: optionalString,
  GONGBAO_RATE_LIMIT: int(0, 1_000_000).default(120),
  GONGBAO_TRUST_PROXY: bool.default(false),
  GONGBAO_REQUEST_TIMEOUT_MS: int(1000, 600_000).default(30_000),
  GONGBAO_SEARCH_CONCURRENCY: int(0, 1024).default(4),
  GONGBAO_SEARCH_CACHE: int(0, 1_000_000).default(1000),
  GONGBAO_LOG: z.enum(["silent", "error", "info", "debug"]).default("info"),
});

export interface LlmConfig {
  baseURL: string | undefined;
  apiKey: string;
  model: string;
  temperature: number;
  timeoutMs: number;
  maxTokens: number;
  concurrency: number;
}

export interface Config {
  root: string;
  dataDir: string;
  corpusDir: string;
  indexUri: string;
  /** Append-only JSONL of 有用/没用 feedback on answers. */
  feedbackFile: string;
  storageOptions: Record<string, string>;
  refreshSeconds: number;
  embedder:
    | { kind: "hashed"; dim: number }
    | { kind: "openai"; baseURL: string | undefined; apiKey: string; model: string; dimensions: number | undefined; batch: number; timeoutMs: number };
  llm: LlmConfig | null;
  judgeModel: string | null;
  server: {
    port: number;
    host: string;
    corsOrigins: string[];
    rateLimitPerMinute: number;
    trustProxy: boolean;
    requestTimeoutMs: number;
    /** Retrievals run at once (0 = no limit); the rest queue. */
    searchConcurrency: number;
    /** Search outcomes kept per replica (0 = none). */
    searchCacheEntries: number;
  };
  log: "silent" | "error" | "info" | "debug";
}

export class ConfigError extends Error {}

function storageOptions(env: z.infer<typeof EnvSchema>): Record<string, string> {
  const opts: Record<string, string> = {};
  if (env.GONGBAO_STORAGE_OPTIONS) {
    const parsed = z.record(z.string(), z.string()).safeParse(JSON.parse(env.GONGBAO_STORAGE_OPTIONS));
    if (!parsed.success) throw new ConfigError("GONGBAO_STORAGE_OPTIONS must be a JSON object of strings");
    Object.assign(opts, parsed.data);
  }
  if (env.GONGBAO_S3_ENDPOINT) opts.aws_endpoint = env.GONGBAO_S3_ENDPOINT;
  if (env.GONGBAO_S3_REGION) opts.aws_region = env.GONGBAO_S3_REGION;
  if (env.GONGBAO_S3_ACCESS_KEY_ID) opts.aws_access_key_id = env.GONGBAO_S3_ACCESS_KEY_ID;
  if (env.GONGBAO_S3_SECRET_ACCESS_KEY) opts.aws_secret_access_key = env.GONGBAO_S3_SECRET_ACCESS_KEY;
  if (env.GONGBAO_S3_ALLOW_HTTP) {
    opts.allow_http = "true";
    opts.aws_virtual_hosted_style_request = "false";
  }
  return opts;
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  const dataDir = e.GONGBAO_DATA_DIR ?? `${ROOT}data`;
  const llmWanted = e.GONGBAO_LLM !== "off" && (e.OPENAI_BASE_URL !== undefined || e.OPENAI_API_KEY !== undefined);
  const apiKey = e.OPENAI_API_KEY ?? "not-needed";
  let opts: Record<string, string>;
  try {
    opts = storageOptions(e);
  } catch (err) {
    throw err instanceof ConfigError ? err : new ConfigError("GONGBAO_STORAGE_OPTIONS is not valid JSON");
  }
  return Object.freeze({
    root: ROOT,
    dataDir,
    corpusDir: e.GONGBAO_CORPUS_DIR ?? `${dataDir}/corpus`,
    indexUri: e.GONGBAO_INDEX_URI ?? `${dataDir}/index`,
    feedbackFile: e.GONGBAO_FEEDBACK_FILE ?? `${dataDir}/feedback/feedback.jsonl`,
    storageOptions: opts,
    refreshSeconds: e.GONGBAO_REFRESH_SECONDS,
    embedder:
      e.GONGBAO_EMBEDDER === "openai"
        ? {
            kind: "openai" as const, baseURL: e.OPENAI_BASE_URL, apiKey, model: e.GONGBAO_EMBED_MODEL ?? "text-embedding-3-small",
            dimensions: e.GONGBAO_EMBED_DIMENSIONS, batch: e.GONGBAO_EMBED_BATCH, timeoutMs: e.GONGBAO_EMBED_TIMEOUT_MS,
          }
        : { kind: "hashed" as const, dim: e.GONGBAO_EMBED_DIM },
    llm: llmWanted
      ? {
          baseURL: e.OPENAI_BASE_URL, apiKey, model: e.GONGBAO_LLM_MODEL ?? "gpt-4o-mini", temperature: e.GONGBAO_LLM_TEMPERATURE,
          timeoutMs: e.GONGBAO_LLM_TIMEOUT_MS, maxTokens: e.GONGBAO_LLM_MAX_TOKENS, concurrency: e.GONGBAO_LLM_CONCURRENCY,
        }
      : null,
    judgeModel: e.GONGBAO_JUDGE_MODEL ?? null,
    server: {
      port: e.PORT, host: e.HOST, corsOrigins: e.GONGBAO_CORS_ORIGINS?.split(",").map((s) => s.trim()).filter(Boolean) ?? [],
      rateLimitPerMinute: e.GONGBAO_RATE_LIMIT, trustProxy: e.GONGBAO_TRUST_PROXY, requestTimeoutMs: e.GONGBAO_REQUEST_TIMEOUT_MS,
      searchConcurrency: e.GONGBAO_SEARCH_CONCURRENCY,
      searchCacheEntries: e.GONGBAO_SEARCH_CACHE,
    },
    log: e.GONGBAO_LOG,
  });
}
