import type { Logger } from "pino";
import type { Config } from "../core/config.js";
import { isAppError } from "../core/errors.js";
import { createEmbedder, DEFAULT_ANALYZER, readIndexInfo, runIngest, storeLocation, type Embedder, type IngestProgress } from "../ingest/index.js";
import { createEngine } from "../rag/index.js";
import { createApp } from "./app.js";
import { SqliteFeedbackStore } from "./feedback/feedback-store.js";
import { Drain } from "./drain.js";
import { EngineGate, type ServedEngine } from "./engine-gate.js";
import { IngestJobs } from "./ingest-jobs.js";
import { ingestInChildProcess } from "./ingest-process.js";
import { LiveIndex } from "./live-index.js";
import { listen } from "./listen.js";

export interface Citebot {
  url: string;
  /** Resolves once the index is built (if it was missing) and loaded; the API answers 503 until then. */
  ready: Promise<ServedEngine>;
  /** Stops listening, lets in-flight requests finish (SHUTDOWN_GRACE_MS), ends open streams, then closes the engine. */
  close(): Promise<void>;
}

/**
 * Listens at once, then builds the index when INDEX_DIR has none and opens the engine in the background; once
 * ready, a new index written to INDEX_DIR (by `npm run ingest`) is loaded and swapped in (LiveIndex).
 */
export async function startCitebot(config: Readonly<Config>, logger: Logger): Promise<Citebot> {
  const embedder = loadEmbedder(config, logger);
  const initial = embedder.then((e) => openEngine(config, logger, e));
  const ready = initial.catch((err: unknown) => waitForUploads(config, logger, err));
  // The caller decides what a failed start means; this keeps the rejection from going unhandled meanwhile.
  ready.catch(() => undefined);
  const drain = new Drain();
  const gate = new EngineGate(ready);
  const live = new LiveIndex({
    indexDir: config.ingest.indexDir,
    database: config.ingest.database,
    pollMs: config.server.indexPollMs,
    open: async () => createEngine(config, { embedder: await embedder }),
    gate,
    drain,
    logger,
  });
  void ready.then(
    () => live.start(),
    () => undefined,
  );
  const jobs = config.admin.apiKey
    ? new IngestJobs({
        ingest: (options) => ingestInChildProcess(config, options),
        afterIngest: () => live.reload(),
        after: initial,
        logger,
      })
    : undefined;
  const feedback = new SqliteFeedbackStore(config.feedback.dbPath);
  const app = createApp({ config, engine: gate, logger, drain, feedback, ...(jobs ? { jobs } : {}) });
  const listening = await listen(app, config.server.host, config.server.port, { drain, limits: config.server }).catch((err: unknown) => {
    feedback.close();
    throw err;
  });
  return {
    url: listening.url,
    ready,
    close: async () => {
      live.stop();
      await listening.close();
      await initial.catch(() => undefined); // settles, unlike `ready` while waiting for uploads
      if (gate.ready) await gate.get().close();
      feedback.close();
    },
  };
}

/**
 * With the documents API on, an empty DOCS_DIR is a normal first start: the API answers 503 until the first
 * upload's ingest writes an index, which LiveIndex then serves. `ready` stays pending meanwhile.
 */
function waitForUploads(config: Readonly<Config>, logger: Logger, err: unknown): Promise<never> {
  if (!config.admin.apiKey || !isAppError(err) || err.code !== "NOT_FOUND") throw err;
  logger.warn(`${err.message}: the API answers 503 until documents are uploaded (POST /api/documents)`);
  return new Promise<never>(() => undefined);
}

function loadEmbedder(config: Readonly<Config>, logger: Logger): Promise<Embedder> {
  return createEmbedder(config, {
    onCacheBuild: (reason) => logger.info({ reason }, "preparing the word-vector cache (once per install)"),
  });
}

/** One embedder serves both the index build and the engine, so the word vectors load once. */
export async function openEngine(config: Readonly<Config>, logger: Logger, loaded?: Embedder): Promise<ServedEngine> {
  const started = performance.now();
  const embedder = loaded ?? (await loadEmbedder(config, logger));
  await ensureIndex(config, embedder, logger);
  const engine: ServedEngine = await createEngine(config, { embedder });
  logger.info({ ...engine.health(), ms: Math.round(performance.now() - started) }, "engine ready");
  return engine;
}

/** Builds the index from DOCS_DIR when INDEX_DIR holds none; an existing index is used as is (`npm run ingest` refreshes it). */
async function ensureIndex(config: Readonly<Config>, embedder: Embedder, logger: Logger): Promise<void> {
  const { docsDir, indexDir, database, chunkSize, chunkOverlap, followExternalLinks } = config.ingest;
  try {
    const info = await readIndexInfo(storeLocation(config.ingest));
    if (info.bm25 && info.bm25.analyzer !== DEFAULT_ANALYZER.id) {
      logger.warn(
        { indexDir, analyzer: info.bm25.analyzer, current: DEFAULT_ANALYZER.id },
        "the index's BM25 was written with an older analyzer: it is rebuilt in memory at every start until `npm run ingest` rewrites it",
      );
    }
    return;
  } catch (err) {
    if (!isAppError(err) || err.code !== "INDEX_NOT_READY") throw err;
  }
  logger.info({ docsDir, indexDir }, "no index yet: building it from the documents");
  const summary = await runIngest(
    { docsDir, indexDir, database, chunkSize, chunkOverlap, followExternalLinks },
    { embedder, onProgress: (event) => logProgress(logger, event) },
  );
  const { indexed, skipped } = summary.files;
  logger.info({ documents: indexed.length, skipped: skipped.length, chunks: summary.chunks.total, ms: Math.round(summary.ms) }, "index built");
}

function logProgress(logger: Logger, event: IngestProgress): void {
  if (event.type === "start") logger.info(`indexing ${event.files} files`);
  else if (event.type === "file" && event.status === "skipped") {
    logger.warn(`[${event.done}/${event.total}] skipped ${event.source}: ${event.reason ?? "unknown reason"}`);
  } else if (event.type === "file") logger.info(`[${event.done}/${event.total}] ${event.source}: ${event.chunks} chunks`);
  else logger.info(`writing the index to ${event.indexDir}`);
}
