import type { Chunk, Hit } from "../../core/types.js";
import type { TermIndex } from "./term-index.js";

/**
 * Where chunks, their vectors and the lexical index live. Dense and lexical search return
 * higher-is-better scores (the store converts HNSW distances at its own boundary).
 */
export interface ChunkStore {
  /** Adds chunks with their vectors (same order, same length). */
  put(chunks: Chunk[], vectors: number[][]): Promise<void>;
  /** Removes every chunk of a source file. */
  removeSource(source: string): Promise<void>;
  dense(vector: number[], k: number): Promise<Hit[]>;
  lexical(query: string, k: number): Promise<Hit[]>;
  /** Writes the whole store atomically into `dir` (temp folder + rename). */
  save(dir: string): Promise<void>;
  /** All chunks, in ingest order. */
  chunks(): readonly Chunk[];
  /** Vocabulary, postings and chunk positions for word matching (term-index.ts), prepared before serving. */
  termIndex(): TermIndex;
  readonly size: number;
}
