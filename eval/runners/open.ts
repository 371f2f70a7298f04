import type { Config } from "../../core/config.js";
import { createEmbedder, openChunkStore, runIngest, storeLocation, WinkEmbedder, type Embedder } from "../../ingest/index.js";
import { createEngine } from "../../rag/index.js";
import { BASELINE_RECIPE, BaselineRunner } from "../baseline/baseline-runner.js";
import { Bm25TopRunner } from "../baseline/bm25-top-runner.js";
import { EngineRunner, RetrievalLog } from "./engine-runner.js";

/** The documents and the index one eval run uses (a corpus's own, never the serving INDEX_DIR unless asked). */
export interface EvalTarget {
  docsDir: string;
  indexDir: string;
  /** The PostgreSQL database and schema to index into instead of `indexDir` (--store postgres). */
  database?: { url: string; schema: string } | undefined;
}

/** The config with the target's folders (and database, if any) in place of DOCS_DIR, INDEX_DIR and DATABASE_URL. */
export function targetConfig(config: Readonly<Config>, target: EvalTarget): Readonly<Config> {
  return { ...config, ingest: { ...config.ingest, docsDir: target.docsDir, indexDir: target.indexDir, database: target.database } };
}

export function openEmbedder(config: Readonly<Config>, note: (message: string) => void = () => {}): Promise<Embedder> {
  return createEmbedder(config, { onCacheBuild: (reason) => note(`preparing the word-vector cache (${reason})`) });
}

/**
 * Our engine, in-process: the same createEngine the server uses, over an index brought up to date
 * first (incremental ingest of DOCS_DIR; builds it when missing), so the numbers describe this code.
 * Retrieval metrics use the retriever's real top-k, recorded through the engine's onRetrieve hook.
 */
export async function openEngineRunner(
  config: Readonly<Config>,
  embedder: Embedder,
  note: (message: string) => void = () => {},
  name = "citebot",
): Promise<EngineRunner> {
  const { docsDir, indexDir, database, chunkSize, chunkOverlap } = config.ingest;
  const started = performance.now();
  const ingest = await runIngest({ docsDir, indexDir, database, chunkSize, chunkOverlap }, { embedder });
  if (ingest.written)
    note(
      `index updated in ${((performance.now() - started) / 1000).toFixed(1)} s: ${ingest.files.indexed.length} file(s) indexed, ${ingest.chunks.total} chunks`,
    );
  const log = new RetrievalLog();
  const engine = await createEngine(config, { embedder, onRetrieve: log.record });
  const h = engine.health();
  const settings = {
    embeddings: h.embeddings,
    generator: h.generator,
    documents: h.documents,
    chunks: h.chunks,
    chunkSize,
    chunkOverlap,
    store: database ? "postgres" : "local",
    topK: config.rag.topK,
    abstainThreshold: config.rag.abstainThreshold,
  };
  return new EngineRunner(engine, settings, name, log);
}

/** The common recipe over the same documents and word vectors. */
export async function openBaselineRunner(config: Readonly<Config>): Promise<BaselineRunner> {
  const vectors = await WinkEmbedder.open({ cacheDir: config.embeddings.cacheDir });
  return BaselineRunner.open({ docsDir: config.ingest.docsDir, vectors, dim: vectors.dim, ...BASELINE_RECIPE });
}

/** The top BM25 chunk of the index the engine runner built. */
export async function openBm25TopRunner(config: Readonly<Config>, embedder: Embedder): Promise<Bm25TopRunner> {
  return new Bm25TopRunner(await openChunkStore(storeLocation(config.ingest), embedder));
}
