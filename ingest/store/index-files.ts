import { access, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { AppError, errorMessage, isAppError } from "../../core/errors.js";
import type { Chunk } from "../../core/types.js";
import type { Embedder } from "../embed/embedder.js";
import { writeDirAtomic } from "./atomic-dir.js";
import { Bm25Index, DEFAULT_ANALYZER, type Analyzer, type Bm25Params, type Bm25Snapshot } from "./bm25.js";
import { checksumFiles, verifyChecksums } from "./checksums.js";
import { CHUNKS_FILE, corrupt, readEntries, VECTORS_FILE, writeEntries, type Entry } from "./entries-file.js";
import { DEFAULT_HNSW_PARAMS, HnswIndex, type HnswGraph, type HnswParams } from "./hnsw-index.js";
import { HnswWorkerGraph } from "./hnsw-worker-graph.js";
import { MANIFEST_FILE, readManifest, serializeManifest, type Manifest } from "./manifest.js";
import { TermGraph } from "./term-graph.js";

export interface StoreOptions {
  hnsw?: Partial<HnswParams>;
  /**
   * Keep the HNSW graph on a worker thread, where insertions run beside loading and embedding:
   * for bulk ingest. Searches then cost a message round trip; call `close()` when done.
   */
  hnswWorker?: boolean;
  bm25?: {
    params?: Partial<Bm25Params>;
    analyzer?: Analyzer;
    /** Index "title + text" rather than the text alone (the title then matches every chunk of its file). */
    includeTitle?: boolean;
    /**
     * Index the chunk's section path with its text (default true): a question naming a setting or a function
     * finds the section named after it even where the text says "this option" or "it".
     */
    includeSection?: boolean;
  };
}

export type EmbedderIdentity = Pick<Embedder, "id" | "dim">;

/** What an index folder holds, read back. `bm25` is empty (to refill from the chunks) unless `bm25Reused`. */
export interface IndexParts {
  manifest: Manifest;
  entries: Entry[];
  bm25: Bm25Index;
  bm25Reused: boolean;
  hnsw: HnswGraph;
  /** The graph over the vocabulary's word vectors, when written with the index and valid for `bm25`. */
  termGraph?: TermGraph;
}

const HNSW_FILE = "hnsw.bin";
const BM25_META_FILE = "bm25.json";
const BM25_DATA_FILE = "bm25.bin";
const TERM_GRAPH_FILE = "terms.hnsw";
const TERM_GRAPH_MEMBERS_FILE = "terms.json";
/** Every file but the manifest, which records their checksums (the term graph's two only when written). */
const DATA_FILES = [CHUNKS_FILE, VECTORS_FILE, HNSW_FILE, BM25_META_FILE, BM25_DATA_FILE];

export function createGraph(dim: number, options: StoreOptions): HnswGraph {
  return options.hnswWorker ? HnswWorkerGraph.create(dim, options.hnsw) : HnswIndex.create(dim, options.hnsw);
}

export function createBm25(options: StoreOptions): Bm25Index {
  return new Bm25Index(options.bm25?.analyzer ?? DEFAULT_ANALYZER, options.bm25?.params);
}

/**
 * Reads the index folder `dir` (layout in README.md). Rejects a missing index (INDEX_NOT_READY),
 * one built with another embedder or dimension and a damaged one (INDEX_MISMATCH).
 */
export async function readIndexFiles(dir: string, embedder: EmbedderIdentity, options: StoreOptions): Promise<IndexParts> {
  const manifest = await readManifest(dir);
  const built = manifest.embedder;
  if (built.id !== embedder.id || built.dim !== embedder.dim) {
    throw new AppError(
      "INDEX_MISMATCH",
      `The index at ${dir} was built with ${built.id} (dim ${built.dim}) but the configured embedder is ` +
        `${embedder.id} (dim ${embedder.dim}); re-ingest with \`npm run ingest -- --rebuild\``,
      { details: { index: built, configured: { id: embedder.id, dim: embedder.dim } } },
    );
  }
  // Checked beside the reads (on a worker thread for a large index), awaited before the index is handed out.
  const verified = manifest.checksums ? verifyChecksums(dir, manifest.checksums) : Promise.resolve();
  verified.catch(() => undefined); // awaited below; a read failing first must not leave it unhandled
  let parts: IndexParts;
  try {
    parts = await readParts(dir, manifest, options);
  } catch (err) {
    await verified; // a file that fails its checksum explains a failed read best
    throw err;
  }
  try {
    await verified;
  } catch (err) {
    await parts.hnsw.close();
    throw err;
  }
  return parts;
}

async function readParts(dir: string, manifest: Manifest, options: StoreOptions): Promise<IndexParts> {
  const [entries, snapshot] = await Promise.all([readEntries(dir, manifest.embedder.dim), readBm25(dir)]).catch((err: unknown) => {
    if (isAppError(err) && err.code === "INDEX_MISMATCH") throw err;
    throw corrupt(dir, errorMessage(err));
  });
  if (entries.length !== manifest.counts.chunks) {
    throw corrupt(dir, `manifest lists ${manifest.counts.chunks} chunks, chunks file has ${entries.length}`);
  }
  const { bm25, reused } = restoreBm25(dir, snapshot, manifest, options);
  const termGraph = reused ? await readTermGraph(dir, snapshot.meta.terms.length) : undefined;
  // Read last: a worker graph holds a thread, which nothing after this point could leak.
  const hnsw = await readGraph(dir, manifest, options);
  return { manifest, entries, bm25, bm25Reused: reused, hnsw, ...(termGraph ? { termGraph } : {}) };
}

/** Writes the whole index into `dir`, atomically (temp folder + rename); the manifest, with every file's checksum, last. */
export async function writeIndexFiles(
  dir: string,
  parts: {
    manifest: Manifest;
    entries: Iterable<Entry>;
    bm25: Bm25Index;
    hnsw: HnswGraph;
    /** The term graph for the saved vocabulary (BM25's renumbered terms), if there are word vectors. */
    termGraph?: (terms: readonly string[]) => TermGraph | undefined;
  },
): Promise<void> {
  const bm25 = parts.bm25.serialize();
  const termGraph = parts.termGraph?.(bm25.meta.terms);
  await writeDirAtomic(dir, async (tmp) => {
    await writeEntries(tmp, parts.entries, parts.manifest.embedder.dim);
    await parts.hnsw.write(path.join(tmp, HNSW_FILE));
    await writeFile(path.join(tmp, BM25_META_FILE), JSON.stringify(bm25.meta));
    await writeFile(path.join(tmp, BM25_DATA_FILE), bm25.data);
    await termGraph?.write(path.join(tmp, TERM_GRAPH_FILE), path.join(tmp, TERM_GRAPH_MEMBERS_FILE));
    const checksums = await checksumFiles(tmp, termGraph ? [...DATA_FILES, TERM_GRAPH_FILE, TERM_GRAPH_MEMBERS_FILE] : DATA_FILES);
    await writeFile(path.join(tmp, MANIFEST_FILE), serializeManifest({ ...parts.manifest, checksums }));
  });
}

/** Which chunk fields BM25 indexes besides the text. */
export function indexedFields(options: StoreOptions): { title: boolean; section: boolean } {
  return { title: options.bm25?.includeTitle ?? false, section: options.bm25?.includeSection ?? true };
}

/** The text BM25 indexes for a chunk: its title and section path first when `fields` says so. */
export function indexedText(chunk: Chunk, fields: { title: boolean; section: boolean }): string {
  const head = [fields.title ? chunk.title : "", fields.section ? (chunk.section ?? "") : ""].filter(Boolean);
  return head.length ? `${head.join("\n")}\n${chunk.text}` : chunk.text;
}

/** The saved BM25 when it was built the way `options` asks, else an empty one to refill from the chunks. */
function restoreBm25(dir: string, snapshot: Bm25Snapshot, manifest: Manifest, options: StoreOptions): { bm25: Bm25Index; reused: boolean } {
  const analyzer = options.bm25?.analyzer ?? DEFAULT_ANALYZER;
  // BM25 built with other terms is rebuilt from the chunk texts: cheap, and needs no re-embedding.
  const fields = indexedFields(options);
  const reused = snapshot.meta.analyzer === analyzer.id && manifest.bm25.includeTitle === fields.title && manifest.bm25.includeSection === fields.section;
  if (!reused) return { bm25: createBm25(options), reused };
  try {
    return { bm25: Bm25Index.deserialize(snapshot, analyzer, options.bm25?.params), reused };
  } catch (err) {
    throw corrupt(dir, `${BM25_DATA_FILE}: ${errorMessage(err)}`);
  }
}

async function readGraph(dir: string, manifest: Manifest, options: StoreOptions): Promise<HnswGraph> {
  // M and efConstruction are baked into the graph; efSearch is a query-time choice.
  const { m, efConstruction } = manifest.hnsw;
  const params = { m, efConstruction, efSearch: options.hnsw?.efSearch ?? DEFAULT_HNSW_PARAMS.efSearch };
  const file = path.join(dir, HNSW_FILE);
  const { dim } = manifest.embedder;
  const reading = options.hnswWorker ? HnswWorkerGraph.read(file, dim, params) : HnswIndex.read(file, dim, params);
  return reading.catch((err: unknown) => {
    throw corrupt(dir, `${HNSW_FILE}: ${errorMessage(err)}`);
  });
}

/** The stored term graph, built over BM25's `terms` terms; undefined when absent (an older index). */
async function readTermGraph(dir: string, terms: number): Promise<TermGraph | undefined> {
  const graphFile = path.join(dir, TERM_GRAPH_FILE);
  if (!(await exists(graphFile))) return undefined;
  return TermGraph.read(graphFile, path.join(dir, TERM_GRAPH_MEMBERS_FILE), terms).catch((err: unknown) => {
    throw corrupt(dir, `${TERM_GRAPH_FILE}: ${errorMessage(err)}`);
  });
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

async function readBm25(dir: string): Promise<Bm25Snapshot> {
  const [meta, data] = await Promise.all([readFile(path.join(dir, BM25_META_FILE), "utf8"), readFile(path.join(dir, BM25_DATA_FILE))]);
  return { meta: JSON.parse(meta) as Bm25Snapshot["meta"], data };
}
