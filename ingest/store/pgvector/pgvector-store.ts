import { randomBytes } from "node:crypto";
import { AppError, errorMessage } from "../../../core/errors.js";
import type { Chunk, Hit } from "../../../core/types.js";
import { hasWordVectors, type WordVectors } from "../../embed/embedder.js";
import { DEFAULT_ANALYZER, DEFAULT_BM25_PARAMS, queryTermsOf, type Analyzer } from "../bm25.js";
import type { ChunkReader, ChunkWriter } from "../chunk-store.js";
import { createBm25, indexedFields, indexedText, type EmbedderIdentity, type StoreOptions } from "../index-files.js";
import type { ChunkingSettings, FileRecord } from "../manifest.js";
import { TermGraph } from "../term-graph.js";
import { createTermIndex, type TermIndex } from "../term-index.js";
import { SourceLedger } from "../source-ledger.js";
import { deleteSource, loadAll, upsertChunks, upsertFile, type StoredChunk } from "./chunk-rows.js";
import {
  checkEmbedder,
  checkSchemaName,
  createSchema,
  dropSchema,
  PG_FORMAT_VERSION,
  readMeta,
  swapSchema,
  type PgMeta,
  type TextSearchConfig,
} from "./schema.js";
import { encodeTerms } from "./lexemes.js";
import { denseSearch, lexicalSearch } from "./search.js";
import type { SqlClient } from "./sql-client.js";

/** Where the store lives: a database connection and the schema holding its tables. */
export interface PgTarget {
  sql: SqlClient;
  /** Names the database in messages (never with its password). */
  where: string;
  /** Schema of the tables (default "citebot"): several indexes can share one database. */
  schema?: string;
  /** Close `sql` when the store closes (the store opened it). */
  owned?: boolean;
}

export interface PgStoreOptions extends StoreOptions {
  /** Text search configuration of a new store's tsvector column; an existing store keeps the one it was built with. */
  textSearch?: TextSearchConfig;
}

export const DEFAULT_SCHEMA = "citebot";
/** The local store's terms, so that both stores rank alike (it beat "english" and "simple": see README). */
export const DEFAULT_TEXT_SEARCH: TextSearchConfig = "citebot";

/** One file's writes waiting for their transaction: its old chunks dropped (`replace`), its new ones put. */
interface PendingFile {
  replace: boolean;
  chunks: Map<string, StoredChunk>;
}

/**
 * The PostgreSQL + pgvector store: chunks with their vectors (HNSW index) and a generated tsvector (GIN index) in
 * one table, file hashes in another, what they were built with in a meta row. Dense and lexical search run in SQL.
 * Word matching needs the vocabulary and postings in memory, so each store keeps its chunks, their vectors and the
 * term index (built from the texts at open) in memory, like the local store does.
 *
 * Writes are per file: `removeSource` and `put` wait until `recordFile` commits the file's old chunks out, its new
 * chunks in and its hash in one transaction, so a crash mid-ingest leaves each file either old or new. A search
 * first commits whatever waits. A new store (`create`, a full rebuild) writes into a schema of its own, which
 * `save` swaps in place of the old one in one transaction.
 */
export class PgvectorStore implements ChunkReader, ChunkWriter {
  chunking: ChunkingSettings | null;
  builtAt: string | null;
  private readonly entries = new Map<string, StoredChunk>();
  private readonly ledger = new SourceLedger<string>();
  private readonly pending = new Map<string, PendingFile>();
  private nextOrd = 0;
  private chunkList: Chunk[] | null = null;
  private terms: TermIndex | null = null;
  private readonly wordVectors: WordVectors | undefined;
  /** What BM25 reads of a chunk (section path, title), as the local store does. */
  private readonly fields: { title: boolean; section: boolean };

  private constructor(
    private readonly target: PgTarget,
    /** The schema written and searched: the target's, or a rebuild's own until `save` swaps it in. */
    private schema: string,
    private readonly meta: PgMeta,
    embedder: EmbedderIdentity,
    private readonly options: PgStoreOptions,
  ) {
    this.chunking = meta.chunking;
    this.builtAt = meta.builtAt;
    this.wordVectors = hasWordVectors(embedder) ? embedder : undefined;
    this.fields = indexedFields(options);
  }

  /** An empty store, in a new schema that replaces the target's at `save` (until then the old one serves). */
  static async create(target: PgTarget, embedder: EmbedderIdentity, options: PgStoreOptions = {}): Promise<PgvectorStore> {
    const final = checkSchemaName(target.schema ?? DEFAULT_SCHEMA);
    const building = `${final}_build_${randomBytes(4).toString("hex")}`;
    const meta: PgMeta = {
      formatVersion: PG_FORMAT_VERSION,
      embedder: { id: embedder.id, dim: embedder.dim },
      textSearch: options.textSearch ?? DEFAULT_TEXT_SEARCH,
      chunking: null,
      builtAt: null,
    };
    await withContext(target, "creating the tables", createSchema(target.sql, building, meta));
    return new PgvectorStore(target, building, meta, embedder, options);
  }

  /** Opens the store in the target schema: INDEX_NOT_READY when there is none, INDEX_MISMATCH for another embedder. */
  static async open(target: PgTarget, embedder: EmbedderIdentity, options: PgStoreOptions = {}): Promise<PgvectorStore> {
    const schema = checkSchemaName(target.schema ?? DEFAULT_SCHEMA);
    const where = `${target.where} (schema ${schema})`;
    const meta = await readMeta(target.sql, schema, where);
    checkEmbedder(meta, embedder, where);
    const store = new PgvectorStore(target, schema, meta, embedder, options);
    const { chunks, files } = await withContext(target, "reading the chunks", loadAll(target.sql, schema));
    for (const stored of chunks) store.track(stored);
    for (const [source, file] of files) store.ledger.restore(source, file);
    return store;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Adds chunks with their vectors; a chunk whose id is already stored replaces it. Written with the file's commit. */
  async put(chunks: Chunk[], vectors: number[][]): Promise<void> {
    if (chunks.length !== vectors.length) throw new AppError("INTERNAL", `put: ${chunks.length} chunks but ${vectors.length} vectors`);
    const { dim } = this.meta.embedder;
    const wrong = vectors.findIndex((v) => v.length !== dim);
    if (wrong >= 0) throw new AppError("INTERNAL", `put: vector of ${chunks[wrong]!.id} has ${vectors[wrong]!.length} dimensions, the store holds ${dim}`);
    chunks.forEach((chunk, i) => {
      const old = this.entries.get(chunk.id);
      if (old) this.untrack(old);
      const stored = { chunk, ord: this.nextOrd, vector: Float32Array.from(vectors[i]!) };
      this.track(stored);
      this.pendingFor(chunk.source).chunks.set(chunk.id, stored);
    });
  }

  async removeSource(source: string): Promise<void> {
    for (const id of this.ledger.chunksOf(source)) this.untrack(this.entries.get(id)!);
    this.ledger.forget(source);
    this.pending.set(source, { replace: true, chunks: new Map() });
  }

  /** Records the file's hash and commits the file: its removal, its chunks and this record in one transaction. */
  async recordFile(source: string, record: Omit<FileRecord, "chunks" | "indexedAt">): Promise<void> {
    this.ledger.record(source, record);
    await this.commit(source);
  }

  fileRecord(source: string): FileRecord | undefined {
    return this.ledger.fileRecord(source);
  }

  sources(): string[] {
    return this.ledger.sources();
  }

  async dense(vector: number[], k: number): Promise<Hit[]> {
    const { dim } = this.meta.embedder;
    if (vector.length !== dim) throw new AppError("INDEX_MISMATCH", `Query vector has ${vector.length} dimensions, the index holds ${dim}`);
    await this.flush();
    return withContext(this.target, "dense search", denseSearch(this.target.sql, this.schema, vector, k));
  }

  async lexical(query: string, k: number): Promise<Hit[]> {
    await this.flush();
    const params = { ...DEFAULT_BM25_PARAMS, ...this.options.bm25?.params };
    const { textSearch } = this.meta;
    const search =
      textSearch === "citebot"
        ? lexicalSearch(this.target.sql, this.schema, "simple", params, encodeTerms(queryTermsOf(this.analyzer, query)), k)
        : lexicalSearch(this.target.sql, this.schema, textSearch, params, query, k);
    return withContext(this.target, "lexical search", search);
  }

  chunks(): readonly Chunk[] {
    return (this.chunkList ??= [...this.entries.values()].map((e) => e.chunk));
  }

  /**
   * Word matching's prepared structures, built in memory from the chunk texts (BM25 postings with the local
   * store's analyzer, and the vocabulary graph when the embedder has word vectors): once per open, not per request.
   */
  termIndex(): TermIndex {
    if (this.terms) return this.terms;
    const chunks = this.chunks();
    const bm25 = createBm25(this.options);
    chunks.forEach((chunk, label) => bm25.add(label, indexedText(chunk, this.fields)));
    bm25.prepare();
    const lists = bm25.postingLists();
    const graph = this.wordVectors ? TermGraph.forPostings(lists, this.wordVectors) : undefined;
    const labels = new Map(chunks.map((c, label) => [c.id, label]));
    const labelled = {
      chunkOf: (label: number) => chunks[label]!,
      labelOf: (id: string) => labels.get(id),
      sourceOf: (label: number) => chunks[label]!.source,
    };
    return (this.terms = createTermIndex(lists, labelled, graph));
  }

  vector(chunkId: string): Float32Array | undefined {
    return this.entries.get(chunkId)?.vector;
  }

  /** Commits what still waits (files removed or failed), stamps the build; a rebuild's schema replaces the old one. */
  async save(_dir?: string): Promise<void> {
    await this.flush();
    const rows = await withContext(
      this.target,
      "stamping the build",
      this.target.sql.query<{ built_at: Date | string }>(`UPDATE ${this.schema}.meta SET chunking = $1::jsonb, built_at = now() RETURNING built_at`, [
        JSON.stringify(this.chunking),
      ]),
    );
    const final = checkSchemaName(this.target.schema ?? DEFAULT_SCHEMA);
    if (this.schema !== final) {
      await withContext(this.target, "swapping the rebuilt index in", swapSchema(this.target.sql, this.schema, final));
      this.schema = final;
    }
    this.builtAt = new Date(rows[0]!.built_at).toISOString();
  }

  /** Drops a rebuild that was never saved, and closes the connection when the store opened it. */
  async close(): Promise<void> {
    const final = this.target.schema ?? DEFAULT_SCHEMA;
    try {
      if (this.schema !== final) await dropSchema(this.target.sql, this.schema);
    } finally {
      if (this.target.owned) await this.target.sql.close();
    }
  }

  private pendingFor(source: string): PendingFile {
    let file = this.pending.get(source);
    if (!file) this.pending.set(source, (file = { replace: false, chunks: new Map() }));
    return file;
  }

  /** One file's transaction: its old chunks out (when removed), its new chunks in, its hash recorded. */
  private async commit(source: string): Promise<void> {
    const file = this.pending.get(source);
    const record = this.ledger.fileEntry(source);
    await withContext(
      this.target,
      `writing ${source}`,
      this.target.sql.transaction(async (tx) => {
        if (file?.replace) await deleteSource(tx, this.schema, source);
        if (file?.chunks.size) await upsertChunks(tx, this.schema, [...file.chunks.values()], (chunk) => this.termsOf(chunk));
        if (record) await upsertFile(tx, this.schema, source, record);
      }),
    );
    this.pending.delete(source);
  }

  private async flush(): Promise<void> {
    for (const source of [...this.pending.keys()]) await this.commit(source);
  }

  /** The local store's analyzer (options.bm25.analyzer or the default): what a "citebot" store indexes. */
  private get analyzer(): Analyzer {
    return this.options.bm25?.analyzer ?? DEFAULT_ANALYZER;
  }

  /** A chunk's analyzer terms, encoded for the terms column of a "citebot" store; empty for the other configurations. */
  private termsOf(chunk: Chunk): string {
    return this.meta.textSearch === "citebot" ? encodeTerms(this.analyzer.terms(indexedText(chunk, this.fields))) : "";
  }

  private track(stored: StoredChunk): void {
    const { chunk } = stored;
    this.entries.set(chunk.id, stored);
    this.ledger.addChunk(chunk.source, chunk.id);
    this.nextOrd = Math.max(this.nextOrd, stored.ord + 1);
    this.changed();
  }

  private untrack(stored: StoredChunk): void {
    const { chunk } = stored;
    this.entries.delete(chunk.id);
    this.ledger.removeChunk(chunk.source, chunk.id);
    this.pending.get(chunk.source)?.chunks.delete(chunk.id);
    this.changed();
  }

  private changed(): void {
    this.chunkList = null;
    this.terms = null;
  }
}

/** A failed statement, told with the database and the step (the driver's message alone names neither). */
async function withContext<T>(target: PgTarget, step: string, work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError("INTERNAL", `PostgreSQL store at ${target.where}: ${step} failed: ${errorMessage(err)}`, { cause: err });
  }
}
