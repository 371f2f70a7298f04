import type { Config } from "../../core/config.js";
import { createEmbedder, runIngest, WinkEmbedder } from "../../ingest/index.js";
import { createEngine } from "../../rag/index.js";
import { BASELINE_RECIPE, BaselineRunner } from "../baseline/baseline-runner.js";
import { EngineRunner, RetrievalLog } from "./engine-runner.js";

/**
 * Our engine, in-process: the same createEngine the server uses, over an index brought up to date
 * first (incremental ingest of DOCS_DIR; builds it when missing), so the numbers describe this code.
 * Retrieval metrics use the retriever's real top-k, recorded through the engine's onRetrieve hook.
 */
export async function openEngineRunner(config: Readonly<Config>, note: (message: string) => void = () => {}): Promise<EngineRunner> {
  const embedder = await createEmbedder(config, { onCacheBuild: (reason) => note(`preparing the word-vector cache (${reason})`) });
  const { docsDir, indexDir, chunkSize, chunkOverlap } = config.ingest;
  const ingest = await runIngest({ docsDir, indexDir, chunkSize, chunkOverlap }, { embedder });
  if (ingest.written) note(`index updated: ${ingest.files.indexed.length} file(s) indexed, ${ingest.chunks.total} chunks`);
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
    topK: config.rag.topK,
    abstainThreshold: config.rag.abstainThreshold,
  };
  return new EngineRunner(engine, settings, "citebot", log);
}

/** The common recipe over the same documents and word vectors. */
export async function openBaselineRunner(config: Readonly<Config>): Promise<BaselineRunner> {
  const vectors = await WinkEmbedder.open({ cacheDir: config.embeddings.cacheDir });
  return BaselineRunner.open({ docsDir: config.ingest.docsDir, vectors, dim: vectors.dim, ...BASELINE_RECIPE });
}
