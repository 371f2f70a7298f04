/**
 * The ingest package's one entry point: everything outside ingest/ imports from here.
 * Nothing runs on import.
 */

export { runIngest } from "./run-ingest.js";
export type { IngestDeps, IngestOptions, IngestProgress, IngestSummary, SkipReason } from "./run-ingest.js";
export type { StoreOptions } from "./store/hnsw-bm25-store.js";
export type { ChunkReader, ChunkStore, ChunkWriter, SourceSummary } from "./store/chunk-store.js";
export { summariseSources } from "./store/chunk-store.js";
export { createChunkStore, createChunkWriter, describeLocation, openChunkStore, readIndexInfo, storeLocation } from "./store/open-store.js";
export type { IndexInfo, StoreLocation } from "./store/open-store.js";
export { createTermIndex } from "./store/term-index.js";
export { TermGraph } from "./store/term-graph.js";
export type { TermIndex, TermNeighbourSearch } from "./store/term-index.js";
export { topK } from "./store/top-k.js";
export type { Manifest, FileRecord, ChunkingSettings } from "./store/manifest.js";
export { readManifest } from "./store/manifest.js";
export { Bm25Index, DEFAULT_ANALYZER, DEFAULT_BM25_PARAMS } from "./store/bm25.js";
export type { Analyzer, Bm25Params, PostingLists } from "./store/bm25.js";
export { DEFAULT_HNSW_PARAMS, HnswIndex } from "./store/hnsw-index.js";
export type { HnswParams } from "./store/hnsw-index.js";
export { createEmbedder, FakeEmbedder, WinkEmbedder, hasWordVectors } from "./embed/index.js";
export type { CreateEmbedderOptions, Embedder, WordVectors } from "./embed/index.js";
export { scanDocs } from "./scan.js";
export { isSupported, loadFile, SUPPORTED_EXTENSIONS } from "./load/index.js";
export { cleanDocument } from "./clean/index.js";
export { chunkDocument } from "./chunk.js";
export { compoundParts, contentTerms, indexTerms, isCompound, isContentTerm, withParts, STOPWORDS, tokenize } from "./text/tokenize.js";
export { SECTION_SEPARATOR } from "./clean/structure.js";
export { dot } from "./embed/vector.js";
export { splitSentences } from "./text/sentences.js";
export type { Span } from "./text/sentences.js";
