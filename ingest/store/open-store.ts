import type { Embedder } from "../embed/embedder.js";
import type { ChunkReader, ChunkStore, ChunkWriter } from "./chunk-store.js";
import { HnswBm25Store, type StoreOptions } from "./hnsw-bm25-store.js";
import { ReadOnlyStore } from "./read-only-store.js";

type EmbedderIdentity = Pick<Embedder, "id" | "dim">;

/**
 * The one place that picks the store implementation, so that no caller names one. Pass the embedder itself
 * (not only its id and dim): one with word vectors gets a vocabulary graph for word matching.
 */
export function createChunkStore(embedder: EmbedderIdentity, options?: StoreOptions): ChunkStore {
  return HnswBm25Store.create(embedder, options);
}

/**
 * Opens the index in `dir` for searching. Rejects with INDEX_NOT_READY when there is none and
 * INDEX_MISMATCH when it was built with another embedder or dimension.
 */
export function openChunkStore(dir: string, embedder: EmbedderIdentity, options?: StoreOptions): Promise<ChunkReader> {
  return ReadOnlyStore.open(dir, embedder, options);
}

/** Opens the index in `dir` to update it (same rejections as openChunkStore). */
export function openChunkWriter(dir: string, embedder: EmbedderIdentity, options?: StoreOptions): Promise<ChunkWriter> {
  return HnswBm25Store.open(dir, embedder, options);
}
