import { AppError, errorMessage, isAppError } from "../core/errors.js";
import { workerRecipeOf, type Embedder } from "./embed/embedder.js";
import { EmbedBatch } from "./embed-batch.js";
import { IngestTally, type IngestProgress, type IngestSummary } from "./ingest-summary.js";
import { isSupported } from "./load/index.js";
import { widenToFolders, withoutFolderBoilerplate } from "./folder-pass.js";
import { BULK_BYTES, prepareAll, prepareEach } from "./prepare-all.js";
import { TEXT_PIPELINE_VERSION } from "./prepare.js";
import { scanDocs, type DocFile } from "./scan.js";
import { isSidecar, readDocument } from "./sidecar.js";
import type { ChunkWriter } from "./store/chunk-store.js";
import type { StoreOptions } from "./store/hnsw-bm25-store.js";
import { createChunkWriter, describeLocation, openChunkWriter, readIndexInfo, storeLocation, type IndexInfo, type StoreLocation } from "./store/open-store.js";
import type { ChunkingSettings } from "./store/manifest.js";
import type { Prepared } from "./prepare.js";

export type { SkipReason } from "./prepare.js";
export type { IngestProgress, IngestSummary } from "./ingest-summary.js";

export interface IngestOptions {
  docsDir: string;
  indexDir: string;
  /** The PostgreSQL database and schema holding the index (STORE=postgres); `indexDir` is then not used. */
  database?: { url: string; schema: string } | undefined;
  chunkSize: number;
  chunkOverlap: number;
  /** Re-embed every file even when the index is up to date. */
  rebuild?: boolean;
  /** Chunks per embedding call. */
  batchSize?: number;
  /** Worker threads preparing files; default: one per spare core when there is much to prepare, else none. */
  workers?: number;
  /** Index files that symlinks lead to outside `docsDir` (FOLLOW_EXTERNAL_LINKS); by default they are skipped. */
  followExternalLinks?: boolean;
}

export interface IngestDeps {
  embedder: Embedder;
  onProgress?: (event: IngestProgress) => void;
  store?: StoreOptions;
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
  const chunking: ChunkingSettings = { chunkSize: opts.chunkSize, chunkOverlap: opts.chunkOverlap, text: TEXT_PIPELINE_VERSION };
  const files = await scanDocs(opts.docsDir, { followExternalLinks: opts.followExternalLinks });
  const location = storeLocation(opts);
  const { store, fullBuild } = await openBase(location, opts, deps, chunking, files);
  try {
    store.chunking = chunking;
    const bytesFound = files.reduce((n, f) => n + f.bytes, 0);
    const indexDir = describeLocation(location);
    const tally = new IngestTally({ docsDir: opts.docsDir, indexDir, fullBuild, bytesFound }, files.length, deps.onProgress);
    const changed = await update(store, files, chunking, opts, deps, tally);
    const { summary } = tally;
    summary.chunks.total = store.size;
    if (store.size === 0) throw nothingIndexed(opts.docsDir, files.length, summary);
    if (changed || fullBuild !== null || store.outdated) {
      tally.progress({ type: "write", indexDir });
      await store.save(opts.indexDir).catch((err: unknown) => {
        throw new AppError("INTERNAL", `Could not write the index to ${indexDir}: ${errorMessage(err)}`, { cause: err });
      });
      summary.written = true;
    }
    summary.ms = Math.round(performance.now() - started);
    return summary;
  } finally {
    await store.close();
  }
}

/** Applies the folder's changes to the store; true when the store changed. */
async function update(
  store: ChunkWriter,
  files: DocFile[],
  chunking: ChunkingSettings,
  opts: IngestOptions,
  deps: IngestDeps,
  tally: IngestTally,
): Promise<boolean> {
  const { changed, supported, unsupported, outside, removed } = await triage(files, store);
  // Incremental ingest: the files that changed are prepared first, since a folder whose documents really changed
  // (one now loads, or one is gone) is prepared again as a whole (its boilerplate depends on all of them).
  const incremental = changed.length < supported.length;
  const early = incremental ? await prepareEach(changed, chunking, opts.workers) : new Map<string, Prepared>();
  const loaded = changed.filter((f) => early.get(f.source)?.status === "ready");
  const toPrepare = incremental ? widenToFolders(changed, loaded, removed, supported) : changed;
  const preparing = new Set(toPrepare.map((f) => f.source));
  const unchanged = supported.filter((f) => !preparing.has(f.source));
  tally.progress({ type: "start", files: files.length, toIndex: toPrepare.length, fullBuild: tally.summary.fullBuild });
  for (const file of unsupported) tally.skipped(file.source, "unsupported type", "not a supported document type");
  for (const file of outside)
    tally.skipped(file.source, "outside docs folder", "a link to a path outside the docs folder (set FOLLOW_EXTERNAL_LINKS=true to follow it)");
  for (const file of unchanged) tally.unchanged(file.source, store.fileRecord(file.source)?.chunks ?? 0);
  // Old versions go first, whatever happens next: a file that no longer loads must not answer questions.
  const known = new Set(store.sources());
  const dropped = [...toPrepare.map((f) => f.source), ...removed].filter((s) => known.has(s));
  for (const source of dropped) await store.removeSource(source);
  tally.summary.files.removed = removed;

  const batch = new EmbedBatch(store, deps.embedder, opts.batchSize ?? DEFAULT_BATCH_SIZE, (file, error) => {
    if (error === undefined) tally.indexed(file.source, file.chunks.length, file.bytes);
    else tally.skipped(file.source, "embedding failed", `embedding failed: ${errorMessage(error)}`);
  });
  const results = prepareAll(toPrepare, chunking, opts.workers, early, workerRecipeOf(deps.embedder));
  for await (const prepared of withoutFolderBoilerplate(results, toPrepare, chunking)) {
    if (prepared.status === "skipped") tally.skipped(prepared.source, prepared.reason, prepared.message);
    else await batch.add({ source: prepared.source, hash: prepared.hash, bytes: prepared.bytes, chunks: prepared.chunks, vectors: prepared.vectors });
  }
  await batch.flush();
  // A file that fails again as it failed last time changes nothing: the index is not rewritten for it.
  return tally.summary.files.indexed.length > 0 || dropped.length > 0;
}

/** Sorts the scanned files by what must happen to them; only files the index knows are hashed here. */
async function triage(files: DocFile[], store: ChunkWriter) {
  const outside = files.filter((f) => f.outside);
  // A sidecar (NAME.meta.json) is read with its document, not listed as a file of its own.
  const unsupported = files.filter((f) => !f.outside && !isSupported(f.source) && !isSidecar(f.source));
  const supported = files.filter((f) => !f.outside && isSupported(f.source));
  const changed: DocFile[] = [];
  for (const file of supported) {
    const known = store.fileRecord(file.source)?.hash;
    // An unreadable file counts as changed: preparing it reports why it cannot be read.
    const hash =
      known &&
      (await readDocument(file.absPath).then(
        (d) => d.hash,
        () => undefined,
      ));
    if (!hash || hash !== known) changed.push(file);
  }
  const present = new Set(supported.map((f) => f.source));
  const removed = store.sources().filter((s) => !present.has(s));
  return { changed, supported, unsupported, outside, removed };
}

/**
 * The store to update: the existing index when it was built with this embedder and these chunk
 * settings, else an empty one (a full build, with the reason). For a bulk job the HNSW graph is
 * kept on a worker thread, where it grows beside embedding.
 */
async function openBase(
  location: StoreLocation,
  opts: IngestOptions,
  deps: IngestDeps,
  chunking: ChunkingSettings,
  files: DocFile[],
): Promise<{ store: ChunkWriter; fullBuild: string | null }> {
  // For a bulk job the local store keeps its HNSW graph on a worker thread (PostgreSQL builds its own index).
  const options = (known: ReadonlyMap<string, number>): StoreOptions => ({ hnswWorker: bytesToPrepare(files, known) >= BULK_BYTES, ...deps.store });
  const fresh = async (fullBuild: string) => ({ store: await createChunkWriter(location, deps.embedder, options(new Map())), fullBuild });
  if (opts.rebuild) return fresh("--rebuild");
  let manifest: IndexInfo;
  try {
    manifest = await readIndexInfo(location);
  } catch (err) {
    if (isAppError(err) && err.code === "INDEX_NOT_READY") return fresh("no index yet");
    if (isAppError(err) && err.code === "INDEX_MISMATCH") return fresh(`previous index unusable: ${err.message}`);
    throw err;
  }
  const built = manifest.embedder;
  if (built.id !== deps.embedder.id || built.dim !== deps.embedder.dim) {
    return fresh(`embedder changed: ${built.id} (dim ${built.dim}) → ${deps.embedder.id} (dim ${deps.embedder.dim})`);
  }
  const was = manifest.chunking;
  if (was?.chunkSize !== chunking.chunkSize || was.chunkOverlap !== chunking.chunkOverlap) {
    return fresh(`chunk settings changed: ${was ? `${was.chunkSize}/${was.chunkOverlap}` : "unknown"} → ${chunking.chunkSize}/${chunking.chunkOverlap}`);
  }
  if (was.text !== chunking.text) return fresh(`text pipeline changed: ${was.text} → ${chunking.text}`);
  try {
    return { store: await openChunkWriter(location, deps.embedder, options(indexedBytes(manifest))), fullBuild: null };
  } catch (err) {
    if (isAppError(err) && err.code === "INDEX_MISMATCH") return fresh(`previous index unusable: ${err.message}`);
    throw err;
  }
}

/** Bytes of supported files that the index does not hold at their current size: a cheap estimate before hashing. */
function bytesToPrepare(files: DocFile[], known: ReadonlyMap<string, number>): number {
  return files.filter((f) => isSupported(f.source) && known.get(f.source) !== f.bytes).reduce((n, f) => n + f.bytes, 0);
}

const indexedBytes = (info: IndexInfo): Map<string, number> => new Map(Object.entries(info.files ?? {}).map(([source, f]) => [source, f.bytes]));

function nothingIndexed(docsDir: string, scanned: number, summary: IngestSummary): AppError {
  const skipped = summary.files.skipped;
  const reasons = [...new Set(skipped.map((s) => s.reason))].join(", ");
  const message = scanned === 0 ? `No documents in ${docsDir}` : `Nothing could be indexed from ${docsDir}: ${skipped.length} file(s) skipped (${reasons})`;
  return new AppError(scanned === 0 ? "NOT_FOUND" : "UNSUPPORTED_FILE", message, { details: summary });
}
