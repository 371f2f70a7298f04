import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import hnswlib from "hnswlib-node";
import { loadBaselineChunks } from "../eval/baseline/chunks.js";
import { meanPool } from "../eval/baseline/mean-pool.js";
import { BASELINE_RECIPE } from "../eval/baseline/baseline-runner.js";
import type { WordVectors } from "../ingest/index.js";

// hnswlib-node is CommonJS: named ESM imports do not resolve.
const { HierarchicalNSW } = hnswlib;

/** hnswlib-node's defaults, which LangChain's HNSWLib store keeps: M 16, efConstruction 200. */
const LANGCHAIN_HNSW = { m: 16, efConstruction: 200, randomSeed: 100 };

export interface RecipeIngest {
  ms: number;
  chunks: number;
}

/**
 * The common LangChain recipe as an ingest, timed the way ours is: the same loaders and cleaning (eval/baseline/chunks.ts),
 * RecursiveCharacterTextSplitter 1000/200, plain-mean word vectors, one hnswlib graph in cosine space, saved the way
 * LangChain's HNSWLib saves a store (hnswlib.index, docstore.json, args.json). One thread, as that recipe runs.
 */
export async function ingestLangChainRecipe(docsDir: string, indexDir: string, vectors: WordVectors, dim: number): Promise<RecipeIngest> {
  const started = performance.now();
  const chunks = await loadBaselineChunks(docsDir, BASELINE_RECIPE);
  const graph = new HierarchicalNSW("cosine", dim);
  graph.initIndex({ maxElements: Math.max(chunks.length, 1), ...LANGCHAIN_HNSW });
  chunks.forEach((chunk, i) => graph.addPoint(Array.from(meanPool(chunk.text, vectors, dim)), i));
  await mkdir(indexDir, { recursive: true });
  await graph.writeIndex(path.join(indexDir, "hnswlib.index"));
  const docstore = chunks.map((c, i) => [String(i), { pageContent: c.text, metadata: { source: c.source, title: c.title } }]);
  await writeFile(path.join(indexDir, "docstore.json"), JSON.stringify(docstore));
  await writeFile(path.join(indexDir, "args.json"), JSON.stringify({ space: "cosine", numDimensions: dim }));
  return { ms: Math.round(performance.now() - started), chunks: chunks.length };
}
