import { AppError } from "../../core/errors.js";
import type { Chunk, Hit } from "../../core/types.js";
import { hasWordVectors } from "../embed/embedder.js";
import type { Bm25Index } from "./bm25.js";
import type { ChunkReader, SourceSummary } from "./chunk-store.js";
import type { ChunkTable } from "./chunk-table.js";
import type { HnswGraph } from "./hnsw-index.js";
import { createBm25, indexedFields, indexedText, readSearchFiles, type EmbedderIdentity, type StoreOptions } from "./index-files.js";
import type { FileRecord, Manifest } from "./manifest.js";
import { TermGraph } from "./term-graph.js";
import { createTermIndex, type TermIndex } from "./term-index.js";

/**
 * An index on disk opened for searching only (the server, the eval): the same answers as HnswBm25Store.open,
 * without its per-chunk objects. Chunks stay in one buffer (ChunkTable) and are parsed per hit; BM25 serves from
 * its snapshot's arrays; the term index is made when the store opens. To update an index, open it with
 * HnswBm25Store (openChunkWriter).
 */
export class ReadOnlyStore implements ChunkReader {
  readonly builtAt: string;
  private readonly terms: TermIndex;

  private constructor(
    private readonly manifest: Manifest,
    private readonly table: ChunkTable,
    private readonly hnsw: HnswGraph,
    private readonly bm25: Bm25Index,
    termGraph: TermGraph | undefined,
  ) {
    this.builtAt = manifest.builtAt;
    const chunks = {
      chunkOf: (label: number) => table.chunk(this.row(label)),
      labelOf: (id: string) => {
        const row = table.rowOfId(id);
        return row === undefined ? undefined : table.label(row);
      },
      sourceOf: (label: number) => table.sourceOf(this.row(label)),
    };
    this.terms = createTermIndex(bm25.postingLists(), chunks, termGraph);
  }

  /**
   * Opens the index in `dir`. Rejects a missing index (INDEX_NOT_READY) and one built with another embedder or
   * dimension, or damaged (INDEX_MISMATCH). BM25 built with other settings than `options` is rebuilt from the
   * chunk texts (and the term graph with it), as HnswBm25Store.open does.
   */
  static async open(dir: string, embedder: EmbedderIdentity, options: StoreOptions = {}): Promise<ReadOnlyStore> {
    const parts = await readSearchFiles(dir, embedder, options);
    const { table } = parts;
    let { bm25, termGraph } = parts;
    if (!parts.bm25Reused) {
      bm25 = createBm25(options);
      const fields = indexedFields(options);
      for (let row = 0; row < table.size; row++) bm25.add(table.label(row), indexedText(table.chunk(row), fields));
      bm25.prepare();
      const lists = bm25.postingLists();
      termGraph = hasWordVectors(embedder)
        ? TermGraph.build(
            Array.from({ length: lists.termCount }, (_, id) => lists.term(id)),
            embedder,
          )
        : undefined;
    }
    return new ReadOnlyStore(parts.manifest, table, parts.hnsw, bm25, hasWordVectors(embedder) ? termGraph : undefined);
  }

  get size(): number {
    return this.table.size;
  }

  /** Nearest chunks by cosine similarity (score = 1 - cosine distance, higher is better). */
  async dense(vector: number[], k: number): Promise<Hit[]> {
    const { dim } = this.manifest.embedder;
    if (vector.length !== dim) throw new AppError("INDEX_MISMATCH", `Query vector has ${vector.length} dimensions, the index holds ${dim}`);
    // hnswlib rejects k above its capacity and cannot return more than the live vectors.
    const neighbors = await this.hnsw.search(vector, Math.min(k, this.size));
    return neighbors.map(({ label, distance }) => ({ chunk: this.table.chunk(this.row(label)), score: 1 - distance, via: "dense" }));
  }

  async lexical(query: string, k: number): Promise<Hit[]> {
    return this.bm25.search(query, k).map(({ doc, score }) => ({ chunk: this.table.chunk(this.row(doc)), score, via: "lexical" }));
  }

  /** Every chunk, parsed now: for tools and tests; the engine does not need it (sourceSummaries). */
  chunks(): readonly Chunk[] {
    return Array.from({ length: this.table.size }, (_, row) => this.table.chunk(row));
  }

  termIndex(): TermIndex {
    return this.terms;
  }

  vector(chunkId: string): Float32Array | undefined {
    const row = this.table.rowOfId(chunkId);
    return row === undefined ? undefined : this.table.vector(row);
  }

  fileRecord(source: string): FileRecord | undefined {
    return this.manifest.files[source];
  }

  sourceSummaries(): readonly SourceSummary[] {
    return this.table.sources();
  }

  /** Releases the HNSW worker thread, if any, and the chunk files. */
  async close(): Promise<void> {
    this.table.close();
    await this.hnsw.close();
  }

  private row(label: number): number {
    const row = this.table.rowOf(label);
    if (row === undefined) throw new AppError("INTERNAL", `label ${label} is in the search structures but not in the chunk table`);
    return row;
  }
}
