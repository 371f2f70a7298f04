import type { Chunk, Hit } from "../../core/types.js";
import type { ChunkingSettings, FileRecord } from "./manifest.js";
import type { TermIndex } from "./term-index.js";

/**
 * What the engine needs of a store: search and the chunks. Dense and lexical search return higher-is-better
 * scores (the store converts HNSW distances at its own boundary).
 */
export interface ChunkReader {
  readonly size: number;
  dense(vector: number[], k: number): Promise<Hit[]>;
  lexical(query: string, k: number): Promise<Hit[]>;
  /** All chunks, in ingest order. */
  chunks(): readonly Chunk[];
  /** Vocabulary, postings and chunk positions for word matching (term-index.ts), prepared before serving. */
  termIndex(): TermIndex;
  /** The stored (unit) embedding of a chunk, for exact similarities of candidates; undefined when not kept. */
  vector?(chunkId: string): Float32Array | undefined;
  /** When the index was last written (ISO 8601); null for a store never saved. */
  readonly builtAt: string | null;
  /** A file's recorded size and when it was indexed (the documents list); undefined when the store keeps none. */
  fileRecord?(source: string): FileRecord | undefined;
  /** Each source, as `summariseSources` derives it from `chunks()`: for a store that can list them without every chunk. */
  sourceSummaries?(): readonly SourceSummary[];
  /** Releases connections (the PostgreSQL store); the reader cannot be used afterwards. */
  close?(): Promise<void>;
}

/** A source of the store: its first chunk's title and date, and how many chunks it has. */
export interface SourceSummary {
  source: string;
  title: string;
  date: string | null;
  chunks: number;
}

/** The store's sources in order of first appearance in `chunks()`. */
export function summariseSources(store: ChunkReader): readonly SourceSummary[] {
  if (store.sourceSummaries) return store.sourceSummaries();
  const bySource = new Map<string, SourceSummary>();
  for (const { source, title, date } of store.chunks()) {
    const summary = bySource.get(source);
    if (summary) summary.chunks++;
    else bySource.set(source, { source, title, date, chunks: 1 });
  }
  return [...bySource.values()];
}

/** What ingest needs of a store: add and drop chunks per file, remember file hashes, write it all. */
export interface ChunkWriter {
  readonly size: number;
  /** Chunking settings of the chunks inside; ingest rebuilds everything when they change. */
  chunking: ChunkingSettings | null;
  /** True when the index was opened with derived structures of an older format (e.g. BM25 terms), rebuilt in memory: saving rewrites them even if no file changed. */
  readonly outdated?: boolean;
  /** Adds chunks with their vectors (same order, same length); a chunk whose id is already stored replaces it. */
  put(chunks: Chunk[], vectors: number[][]): Promise<void>;
  /** Removes every chunk of a source file. */
  removeSource(source: string): Promise<void>;
  /**
   * Records the content hash of an ingested file, so the next ingest can skip it when unchanged. A store that
   * writes as it goes (PostgreSQL) commits the file here: its removal, its chunks and this record in one transaction.
   */
  recordFile(source: string, record: Omit<FileRecord, "chunks">): Promise<void>;
  /** The recorded content hash and size of a file, with its chunk count; undefined when not recorded. */
  fileRecord(source: string): FileRecord | undefined;
  /** Every source with chunks or a file record. */
  sources(): string[];
  /**
   * Writes the store: the local one atomically into `dir` (temp folder + rename); the PostgreSQL one, which ignores
   * `dir`, commits what is still pending (removed files) and stamps the build time (a rebuild swaps its schema in).
   */
  save(dir: string): Promise<void>;
  /** Releases threads and handles; the store cannot be used afterwards. */
  close(): Promise<void>;
}

/** A store that is both (an in-memory one, filled and then searched: tests, the eval's tuning runs). */
export type ChunkStore = ChunkReader & ChunkWriter;
