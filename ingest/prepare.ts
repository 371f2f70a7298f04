import { errorMessage, isAppError } from "../core/errors.js";
import type { Chunk, SourceDocument } from "../core/types.js";
import { chunkDocument } from "./chunk.js";
import type { WorkerRecipe } from "./embed/embedder.js";
import { cleanDocument } from "./clean/index.js";
import { loadFile } from "./load/index.js";
import { applySidecar, readDocument, type DocumentBytes } from "./sidecar.js";
import type { ChunkingSettings } from "./store/manifest.js";

/**
 * Bump whenever loading, cleaning or chunking changes what a file becomes: the manifest records it,
 * and an index built by another version is rebuilt, since unchanged files would keep stale chunks.
 */
export const TEXT_PIPELINE_VERSION = "2026-12-01.2";

export type SkipReason = "empty" | "unsupported type" | "corrupt pdf" | "encrypted pdf" | "unreadable" | "binary" | "outside docs folder" | "embedding failed";

/** One file to prepare; plain data, so it can be posted to a worker thread. */
export interface PrepareTask {
  source: string;
  absPath: string;
  chunking: ChunkingSettings;
  /** Embed the chunks too, with the embedder this opens (on a worker thread; see prepare-embed.ts). */
  embedWith?: WorkerRecipe;
}

export type Prepared =
  | {
      status: "ready";
      source: string;
      bytes: number;
      hash: string;
      chunks: Chunk[];
      doc: SourceDocument;
      /** The chunks' vectors back to back, when the task asked for them (`embedWith`). */
      vectors?: Float32Array<ArrayBuffer>;
    }
  | { status: "skipped"; source: string; bytes: number; reason: SkipReason; message: string };

const LOADER_REASONS: readonly string[] = ["empty", "unsupported type", "corrupt pdf", "encrypted pdf", "unreadable", "binary"];

/**
 * Reads, hashes, loads, cleans and chunks one file. Never throws:
 * a bad file comes back as `skipped` with the reason, so one file cannot abort an ingest.
 */
export async function prepareFile(task: PrepareTask): Promise<Prepared> {
  const { source } = task;
  let read: DocumentBytes;
  try {
    read = await readDocument(task.absPath);
  } catch (err) {
    return { status: "skipped", source, bytes: 0, reason: "unreadable", message: errorMessage(err) };
  }
  // Hashed here, from the very bytes that are chunked, even if the file changed since it was scanned.
  const { bytes, sidecar, hash } = read;
  try {
    const cleaned = cleanDocument(await loadFile(bytes, source), source);
    const doc = sidecar ? applySidecar(cleaned, sidecar, source) : cleaned;
    const chunks = chunkDocument(doc, task.chunking);
    // The document comes back too: the folder pass (folder-pass.ts) may re-chunk it without the folder's boilerplate.
    if (chunks.length > 0) return { status: "ready", source, bytes: bytes.length, hash, chunks, doc };
    return { status: "skipped", source, bytes: bytes.length, reason: "empty", message: "no text left after cleaning" };
  } catch (err) {
    return { status: "skipped", source, bytes: bytes.length, reason: loaderReason(err), message: errorMessage(err) };
  }
}

function loaderReason(err: unknown): SkipReason {
  const reason = isAppError(err) && err.code === "UNSUPPORTED_FILE" ? (err.details as { reason?: unknown } | undefined)?.reason : undefined;
  return typeof reason === "string" && LOADER_REASONS.includes(reason) ? (reason as SkipReason) : "unreadable";
}
