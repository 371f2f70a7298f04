import { readFile } from "node:fs/promises";
import { AppError, isAppError } from "../core/errors.js";
import { chunkDocument } from "./chunk.js";
import { cleanDocument } from "./clean/index.js";
import type { Embedder } from "./embed/embedder.js";
import { EmbedBatch, type PendingFile } from "./embed-batch.js";
import { contentHash } from "./hash.js";
import { isSupported, loadFile } from "./load/index.js";
import { scanDocs, type DocFile } from "./scan.js";
import { HnswBm25Store, type StoreOptions } from "./store/hnsw-bm25-store.js";
import { readManifest, type ChunkingSettings } from "./store/manifest.js";

export interface IngestOptions {
  docsDir: string;
  indexDir: string;
  chunkSize: number;
  chunkOverlap: number;
  /** Re-embed every file even when the index is up to date. */
  rebuild?: boolean;
  /** Chunks per embedding call. */
  batchSize?: number;
}

export interface IngestDeps {
  embedder: Embedder;
  onProgress?: (event: IngestProgress) => void;
  store?: StoreOptions;
}

export type SkipReason = "empty" | "unsupported type" | "corrupt pdf" | "encrypted pdf" | "unreadable" | "embedding failed";

export type IngestProgress =
  | { type: "start"; files: number; fullBuild: string | null }
  | { type: "file"; source: string; status: "indexed" | "unchanged" | "skipped"; chunks: number; reason?: SkipReason; done: number; total: number }
  | { type: "write"; indexDir: string };

export interface IngestSummary {
  docsDir: string;
  indexDir: string;
  /** Why every file was (re-)embedded, e.g. "no index yet", "--rebuild"; null for an incremental run. */
  fullBuild: string | null;
  files: {
    indexed: string[];
    unchanged: string[];
    removed: string[];
    skipped: { source: string; reason: SkipReason; message: string }[];
  };
  /** In the index after the run, and embedded by this run. */
  chunks: { total: number; embedded: number };
  /** Bytes of every document read (hashed), and of those indexed by this run. */
  bytes: { read: number; indexed: number };
  /** False when nothing changed, so the index on disk was left as it was. */
  written: boolean;
  ms: number;
}

const DEFAULT_BATCH_SIZE = 256;

/**
 * Brings the index in `indexDir` up to date with `docsDir`: new and changed files (by content hash)
 * are loaded, cleaned, chunked and embedded, deleted ones dropped, unchanged ones kept with their
 * vectors. A bad file is skipped with its reason and never aborts the run. Throws only when nothing
 * could be indexed (the previous index stays) or the index could not be written.
 */
export async function runIngest(opts: IngestOptions, deps: IngestDeps): Promise<IngestSummary> {
  const started = performance.now();
  const chunking = { chunkSize: opts.chunkSize, chunkOverlap: opts.chunkOverlap };
  const files = await scanDocs(opts.docsDir);
  const { store, fullBuild } = await openBase(opts, deps, chunking);
  store.chunking = chunking;
  const summary: IngestSummary = {
    docsDir: opts.docsDir,
    indexDir: opts.indexDir,
    fullBuild,
    files: { indexed: [], unchanged: [], removed: [], skipped: [] },
    chunks: { total: 0, embedded: 0 },
    bytes: { read: 0, indexed: 0 },
    written: false,
    ms: 0,
  };
  let done = 0;
  const report = (source: string, status: "indexed" | "unchanged" | "skipped", chunks: number, reason?: SkipReason) =>
    deps.onProgress?.({ type: "file", source, status, chunks, reason, done: ++done, total: files.length });
  const skip = (source: string, reason: SkipReason, message: string) => {
    summary.files.skipped.push({ source, reason, message });
    report(source, "skipped", 0, reason);
  };
  const batch = new EmbedBatch(store, deps.embedder, opts.batchSize ?? DEFAULT_BATCH_SIZE, (file, error) => {
    if (error !== undefined) return skip(file.source, "embedding failed", errorMessage(error));
    summary.files.indexed.push(file.source);
    summary.chunks.embedded += file.chunks.length;
    summary.bytes.indexed += file.bytes;
    report(file.source, "indexed", file.chunks.length);
  });

  deps.onProgress?.({ type: "start", files: files.length, fullBuild });
  const previous = new Set(store.sources());
  let changed = false;
  for (const file of files) {
    if (!isSupported(file.source)) {
      skip(file.source, "unsupported type", `${file.source}: not a supported document type`);
      continue;
    }
    previous.delete(file.source);
    const outcome = await prepare(file, store, chunking, summary);
    if (outcome === "unchanged") {
      summary.files.unchanged.push(file.source);
      report(file.source, "unchanged", store.fileRecord(file.source)?.chunks ?? 0);
      continue;
    }
    changed = true;
    // The old version goes whatever happens next: a file that no longer loads must not answer questions.
    await store.removeSource(file.source);
    if ("reason" in outcome) skip(file.source, outcome.reason, outcome.message);
    else await batch.add(outcome);
  }
  await batch.flush();
  for (const source of previous) {
    await store.removeSource(source);
    summary.files.removed.push(source);
    changed = true;
  }

  summary.chunks.total = store.size;
  if (store.size === 0) throw nothingIndexed(opts.docsDir, files.length, summary);
  if (changed || fullBuild !== null) {
    deps.onProgress?.({ type: "write", indexDir: opts.indexDir });
    await store.save(opts.indexDir).catch((err: unknown) => {
      throw new AppError("INTERNAL", `Could not write the index to ${opts.indexDir}: ${errorMessage(err)}`, { cause: err });
    });
    summary.written = true;
  }
  summary.ms = Math.round(performance.now() - started);
  return summary;
}

type Prepared = "unchanged" | PendingFile | { reason: SkipReason; message: string };

/** Reads, hashes and, when the content changed, loads, cleans and chunks one file. */
async function prepare(file: DocFile, store: HnswBm25Store, chunking: ChunkingSettings, summary: IngestSummary): Promise<Prepared> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file.absPath);
  } catch (err) {
    return { reason: "unreadable", message: `${file.source}: ${errorMessage(err)}` };
  }
  summary.bytes.read += bytes.length;
  const hash = contentHash(bytes);
  if (store.fileRecord(file.source)?.hash === hash) return "unchanged";
  try {
    const doc = cleanDocument(await loadFile(bytes, file.source), file.source);
    const chunks = chunkDocument(doc, chunking);
    if (chunks.length === 0) return { reason: "empty", message: `${file.source}: no text left after cleaning` };
    return { source: file.source, hash, bytes: bytes.length, chunks };
  } catch (err) {
    return { reason: skipReason(err), message: errorMessage(err) };
  }
}

/**
 * The store to update: the existing index when it was built with this embedder and these chunk
 * settings, else an empty one (a full build, with the reason).
 */
async function openBase(opts: IngestOptions, deps: IngestDeps, chunking: ChunkingSettings): Promise<{ store: HnswBm25Store; fullBuild: string | null }> {
  const fresh = (fullBuild: string) => ({ store: HnswBm25Store.create(deps.embedder, deps.store), fullBuild });
  if (opts.rebuild) return fresh("--rebuild");
  try {
    const manifest = await readManifest(opts.indexDir);
    const built = manifest.embedder;
    if (built.id !== deps.embedder.id || built.dim !== deps.embedder.dim) {
      return fresh(`embedder changed: ${built.id} (dim ${built.dim}) → ${deps.embedder.id} (dim ${deps.embedder.dim})`);
    }
    const was = manifest.chunking;
    if (was?.chunkSize !== chunking.chunkSize || was.chunkOverlap !== chunking.chunkOverlap) {
      return fresh(`chunk settings changed: ${was ? `${was.chunkSize}/${was.chunkOverlap}` : "unknown"} → ${chunking.chunkSize}/${chunking.chunkOverlap}`);
    }
    return { store: await HnswBm25Store.open(opts.indexDir, deps.embedder, deps.store), fullBuild: null };
  } catch (err) {
    if (isAppError(err) && err.code === "INDEX_NOT_READY") return fresh("no index yet");
    if (isAppError(err) && err.code === "INDEX_MISMATCH") return fresh(`previous index unusable: ${err.message}`);
    throw err;
  }
}

function nothingIndexed(docsDir: string, scanned: number, summary: IngestSummary): AppError {
  const skipped = summary.files.skipped;
  const message =
    scanned === 0
      ? `No documents in ${docsDir}`
      : `Nothing could be indexed from ${docsDir}: ${skipped.length} file(s) skipped (${[...new Set(skipped.map((s) => s.reason))].join(", ")})`;
  return new AppError(scanned === 0 ? "NOT_FOUND" : "UNSUPPORTED_FILE", message, { details: summary });
}

function skipReason(err: unknown): SkipReason {
  const reason = isAppError(err) && err.code === "UNSUPPORTED_FILE" ? (err.details as { reason?: unknown } | undefined)?.reason : undefined;
  const known: readonly string[] = ["empty", "unsupported type", "corrupt pdf", "encrypted pdf", "unreadable"];
  return typeof reason === "string" && known.includes(reason) ? (reason as SkipReason) : "unreadable";
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
