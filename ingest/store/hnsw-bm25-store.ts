import { AppError } from "../../core/errors.js";
import type { Chunk, Hit } from "../../core/types.js";
import { hasWordVectors, type WordVectors } from "../embed/embedder.js";
import type { Bm25Index } from "./bm25.js";
import type { ChunkReader, ChunkWriter } from "./chunk-store.js";
import type { Entry } from "./entries-file.js";
import type { HnswGraph } from "./hnsw-index.js";
import {
  createBm25,
  createGraph,
  indexedFields,
  indexedText,
  readIndexFiles,
  writeIndexFiles,
  type EmbedderIdentity,
  type StoreOptions,
} from "./index-files.js";
import { FORMAT_VERSION, type ChunkingSettings, type FileRecord, type Manifest } from "./manifest.js";
import { SourceLedger } from "./source-ledger.js";
import { TermGraph } from "./term-graph.js";
import { createTermIndex, type TermIndex } from "./term-index.js";

export type { StoreOptions } from "./index-files.js";

/**
 * The index: chunks with their vectors, an HNSW graph for dense search and BM25 for lexical search,
 * all keyed by one integer label per chunk. Saved as one folder, swapped in atomically, described
 * by manifest.json (see ingest/store/README.md for the layout).
 */
export class HnswBm25Store implements ChunkReader, ChunkWriter {
  readonly embedder: Readonly<EmbedderIdentity>;
  /** Chunking settings of the chunks inside; ingest rebuilds everything when they change. */
  chunking: ChunkingSettings | null = null;
  outdated = false;
  builtAt: string | null;
  private readonly entries = new Map<number, Entry>();
  private readonly byId = new Map<string, Entry>();
  private readonly ledger = new SourceLedger<number>();
  private nextLabel = 0;
  private chunkList: Chunk[] | null = null;
  private terms: TermIndex | null = null;
  /** The vocabulary graph for the current BM25 term ids; `termGraphSaved` when it is also the one on disk. */
  private termGraph: TermGraph | undefined;
  private termGraphSaved = false;
  private readonly wordVectors: WordVectors | undefined;

  private constructor(
    embedder: EmbedderIdentity,
    private readonly hnsw: HnswGraph,
    private readonly bm25: Bm25Index,
    private readonly fields: { title: boolean; section: boolean },
    builtAt: string | null,
  ) {
    this.embedder = { id: embedder.id, dim: embedder.dim };
    this.builtAt = builtAt;
    // An embedder with word vectors (the local one) gets a graph over the vocabulary for word matching.
    this.wordVectors = hasWordVectors(embedder) ? embedder : undefined;
  }

  /** An empty store for the given embedder. */
  static create(embedder: EmbedderIdentity, options: StoreOptions = {}): HnswBm25Store {
    return new HnswBm25Store(embedder, createGraph(embedder.dim, options), createBm25(options), indexedFields(options), null);
  }

  /**
   * Opens the index in `dir`. Rejects a missing index (INDEX_NOT_READY) and one built with another
   * embedder or dimension (INDEX_MISMATCH), since its vectors cannot be compared with the query's.
   */
  static async open(dir: string, embedder: EmbedderIdentity, options: StoreOptions = {}): Promise<HnswBm25Store> {
    const { manifest, entries, bm25, bm25Reused, hnsw, termGraph } = await readIndexFiles(dir, embedder, options);
    const store = new HnswBm25Store(embedder, hnsw, bm25, indexedFields(options), manifest.builtAt);
    store.chunking = manifest.chunking;
    store.outdated = !bm25Reused;
    for (const entry of entries) store.track(entry, !bm25Reused);
    bm25.prepare();
    if (termGraph && store.wordVectors) [store.termGraph, store.termGraphSaved] = [termGraph, true];
    // The graph keeps deleted nodes (with their labels) for reuse; a new chunk must not take one of
    // those labels, or hnswlib's label table loses track of a live node when the slot is reused.
    store.nextLabel = Math.max(store.nextLabel, (await hnsw.maxLabel()) + 1);
    for (const [source, { hash, bytes, indexedAt }] of Object.entries(manifest.files)) store.ledger.restore(source, { hash, bytes, indexedAt });
    return store;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Adds chunks with their vectors; a chunk whose id is already stored replaces it. */
  async put(chunks: Chunk[], vectors: number[][]): Promise<void> {
    if (chunks.length !== vectors.length) {
      throw new AppError("INTERNAL", `put: ${chunks.length} chunks but ${vectors.length} vectors`);
    }
    const wrong = vectors.findIndex((v) => v.length !== this.embedder.dim);
    if (wrong >= 0) {
      const id = chunks[wrong]!.id;
      throw new AppError("INTERNAL", `put: vector of ${id} has ${vectors[wrong]!.length} dimensions, the store holds ${this.embedder.dim}`);
    }
    const added = chunks.map((chunk, i) => {
      const old = this.byId.get(chunk.id);
      if (old) this.drop(old);
      const entry = { label: this.nextLabel, chunk, vector: Float32Array.from(vectors[i]!) };
      this.track(entry, true);
      return entry;
    });
    this.hnsw.addAll(
      added.map((e) => e.label),
      added.map((e) => e.vector),
    );
  }

  async removeSource(source: string): Promise<void> {
    for (const label of this.ledger.chunksOf(source)) this.drop(this.entries.get(label)!);
    this.ledger.forget(source);
  }

  /** Records the content hash of an ingested file (indexed now), so the next ingest can skip it when unchanged. */
  async recordFile(source: string, record: Omit<FileRecord, "chunks" | "indexedAt">): Promise<void> {
    this.ledger.record(source, record);
  }

  /** The recorded content hash and size of a file, with its chunk count; undefined when not recorded. */
  fileRecord(source: string): FileRecord | undefined {
    return this.ledger.fileRecord(source);
  }

  /** Every source with chunks or a file record. */
  sources(): string[] {
    return this.ledger.sources();
  }

  /** Nearest chunks by cosine similarity (score = 1 - cosine distance, higher is better). */
  async dense(vector: number[], k: number): Promise<Hit[]> {
    if (vector.length !== this.embedder.dim) {
      throw new AppError("INDEX_MISMATCH", `Query vector has ${vector.length} dimensions, the index holds ${this.embedder.dim}`);
    }
    // hnswlib rejects k above its capacity and cannot return more than the live vectors.
    const neighbors = await this.hnsw.search(vector, Math.min(k, this.entries.size));
    return neighbors.map(({ label, distance }) => ({ chunk: this.entries.get(label)!.chunk, score: 1 - distance, via: "dense" }));
  }

  async lexical(query: string, k: number): Promise<Hit[]> {
    return this.bm25.search(query, k).map(({ doc, score }) => ({ chunk: this.entries.get(doc)!.chunk, score, via: "lexical" }));
  }

  chunks(): readonly Chunk[] {
    return (this.chunkList ??= [...this.entries.values()].map((e) => e.chunk));
  }

  /**
   * BM25's vocabulary and postings with each position's chunk and document, and the vocabulary graph (read
   * with the index, or built now when the store changed): word matching's prepared structures. Build it
   * before serving, not per request; it stays valid until the next change.
   */
  termIndex(): TermIndex {
    if (this.terms) return this.terms;
    const lists = this.bm25.postingLists();
    if (!this.termGraph && this.wordVectors) this.termGraph = TermGraph.forPostings(lists, this.wordVectors);
    const chunks = {
      chunkOf: (label: number) => this.entries.get(label)!.chunk,
      labelOf: (id: string) => this.byId.get(id)?.label,
      sourceOf: (label: number) => this.entries.get(label)!.chunk.source,
    };
    return (this.terms = createTermIndex(lists, chunks, this.termGraph));
  }

  chunk(chunkId: string): Chunk | undefined {
    return this.byId.get(chunkId)?.chunk;
  }

  /** The stored embedding of a chunk, for exact similarities of retrieved candidates. */
  vector(chunkId: string): Float32Array | undefined {
    return this.byId.get(chunkId)?.vector;
  }

  /** What `save` would write as manifest.json, with `builtAt` of the last save or open. */
  manifest(): Manifest {
    const files: Manifest["files"] = {};
    for (const source of this.ledger.recordedSources()) files[source] = this.fileRecord(source)!;
    return {
      formatVersion: FORMAT_VERSION,
      embedder: { ...this.embedder },
      chunking: this.chunking,
      files,
      counts: { files: this.ledger.sourcesWithChunks, chunks: this.entries.size },
      hnsw: { ...this.hnsw.params },
      bm25: { analyzer: this.bm25.analyzer.id, includeTitle: this.fields.title, includeSection: this.fields.section },
      builtAt: this.builtAt ?? new Date().toISOString(),
    };
  }

  async save(dir: string): Promise<void> {
    const manifest = { ...this.manifest(), builtAt: new Date().toISOString() };
    const vectors = this.wordVectors;
    // A graph read with the index still fits when nothing changed; else one is built for the saved term ids.
    const termGraph = (terms: readonly string[]) => (this.termGraphSaved ? this.termGraph : vectors ? TermGraph.build(terms, vectors) : undefined);
    await writeIndexFiles(dir, { manifest, entries: this.entries.values(), bm25: this.bm25, hnsw: this.hnsw, termGraph });
    this.builtAt = manifest.builtAt;
    this.outdated = false;
  }

  /** Releases the HNSW worker thread, if any; the store cannot be used afterwards. */
  async close(): Promise<void> {
    await this.hnsw.close();
  }

  /** Registers an entry in the maps (and in BM25 when asked); HNSW is handled by the caller. */
  private track(entry: Entry, indexText: boolean): void {
    const { chunk, label } = entry;
    this.entries.set(label, entry);
    this.byId.set(chunk.id, entry);
    this.ledger.addChunk(chunk.source, label);
    if (indexText) this.bm25.add(label, indexedText(chunk, this.fields));
    this.nextLabel = Math.max(this.nextLabel, label + 1);
    this.changed();
  }

  /** Derived views are stale after any change; BM25 rebuilds its postings itself. */
  private changed(): void {
    this.chunkList = null;
    this.terms = null;
    this.termGraph = undefined;
    this.termGraphSaved = false;
  }

  private drop(entry: Entry): void {
    const { chunk, label } = entry;
    this.hnsw.remove(label);
    this.bm25.remove(label);
    this.entries.delete(label);
    this.byId.delete(chunk.id);
    this.ledger.removeChunk(chunk.source, label);
    this.changed();
  }
}
