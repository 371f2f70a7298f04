import type { Embedder } from "../embed/embedder.js";
import type { ChunkReader, ChunkStore, ChunkWriter } from "./chunk-store.js";
import { HnswBm25Store, type StoreOptions } from "./hnsw-bm25-store.js";
import { ReadOnlyStore } from "./read-only-store.js";
import { readManifest, type Manifest } from "./manifest.js";
import { PgvectorStore, type PgStoreOptions, type PgTarget } from "./pgvector/pgvector-store.js";
import { readMeta } from "./pgvector/schema.js";
import { connectPostgres, redactUrl } from "./pgvector/sql-client.js";

type EmbedderIdentity = Pick<Embedder, "id" | "dim">;

/** Where an index lives: a folder (the local store, STORE=local) or a schema of a PostgreSQL database (STORE=postgres). */
export type StoreLocation = { kind: "local"; dir: string } | { kind: "postgres"; url: string; schema: string };

/** A folder path is the local store's location. */
type Where = string | StoreLocation;

/** What ingest and the server need to know of an index before opening it (the local manifest, or the PostgreSQL meta row). */
export type IndexInfo = Pick<Manifest, "embedder" | "chunking"> & {
  builtAt: string | null;
  /** Each file's recorded size: the local manifest lists them (ingest's bulk estimate), the PostgreSQL meta row does not. */
  files?: Readonly<Record<string, { bytes: number }>>;
  /** The local index's BM25 settings (the PostgreSQL store's lexical side is SQL's). */
  bm25?: Pick<Manifest["bm25"], "analyzer">;
};

/** The location the configuration names: the database when one is set (STORE=postgres), else the index folder. */
export function storeLocation(ingest: { indexDir: string; database?: { url: string; schema: string } | undefined }): StoreLocation {
  return ingest.database ? { kind: "postgres", ...ingest.database } : { kind: "local", dir: ingest.indexDir };
}

/** The location for messages and summaries: the folder, or the database URL without its password. */
export function describeLocation(where: Where): string {
  const at = located(where);
  return at.kind === "local" ? at.dir : `${redactUrl(at.url)} (schema ${at.schema})`;
}

/**
 * An empty in-memory store (the local implementation), filled and then searched or saved into a folder. Pass the
 * embedder itself (not only its id and dim): one with word vectors gets a vocabulary graph for word matching.
 */
export function createChunkStore(embedder: EmbedderIdentity, options?: StoreOptions): ChunkStore {
  return HnswBm25Store.create(embedder, options);
}

/** An empty store for a full build at `where`; the index there keeps serving until the new one's `save`. */
export async function createChunkWriter(where: Where, embedder: EmbedderIdentity, options?: PgStoreOptions): Promise<ChunkWriter> {
  const at = located(where);
  if (at.kind === "local") return HnswBm25Store.create(embedder, options);
  return onConnection(at, (target) => PgvectorStore.create(target, embedder, options));
}

/**
 * Opens the index at `where` for searching. Rejects with INDEX_NOT_READY when there is none and
 * INDEX_MISMATCH when it was built with another embedder or dimension.
 */
export function openChunkStore(where: Where, embedder: EmbedderIdentity, options?: StoreOptions): Promise<ChunkReader> {
  const at = located(where);
  // Serving needs no per-chunk objects: the read-only view of the local index (read-only-store.ts).
  if (at.kind === "local") return ReadOnlyStore.open(at.dir, embedder, options);
  return onConnection(at, (target) => PgvectorStore.open(target, embedder, options));
}

/** Opens the index at `where` to update it (same rejections as openChunkStore). */
export function openChunkWriter(where: Where, embedder: EmbedderIdentity, options?: StoreOptions): Promise<ChunkWriter> {
  return open(where, embedder, options);
}

/** The index's embedder, chunk settings and build time, without opening it (same rejections as openChunkStore). */
export async function readIndexInfo(where: Where): Promise<IndexInfo> {
  const at = located(where);
  if (at.kind === "local") return readManifest(at.dir);
  const target = connect(at);
  try {
    return await readMeta(target.sql, at.schema, describeLocation(at));
  } finally {
    await target.sql.close();
  }
}

async function open(where: Where, embedder: EmbedderIdentity, options?: StoreOptions): Promise<HnswBm25Store | PgvectorStore> {
  const at = located(where);
  if (at.kind === "local") return HnswBm25Store.open(at.dir, embedder, options);
  return onConnection(at, (target) => PgvectorStore.open(target, embedder, options));
}

/** A store on a connection of its own (closed with the store, or here when opening fails). */
async function onConnection(at: Extract<StoreLocation, { kind: "postgres" }>, open: (target: PgTarget) => Promise<PgvectorStore>): Promise<PgvectorStore> {
  const target = connect(at);
  return open(target).catch(async (err: unknown) => {
    await target.sql.close();
    throw err;
  });
}

function connect(at: Extract<StoreLocation, { kind: "postgres" }>): PgTarget {
  return { sql: connectPostgres(at.url), where: redactUrl(at.url), schema: at.schema, owned: true };
}

const located = (where: Where): StoreLocation => (typeof where === "string" ? { kind: "local", dir: where } : where);
