import { posix } from "node:path";
import { chunkDocument } from "./chunk.js";
import { dropFolderBoilerplate, frequentBlocks, MIN_FILES, SAMPLE } from "./clean/folder-boilerplate.js";
import type { Prepared } from "./prepare.js";
import type { DocFile } from "./scan.js";
import type { SourceDocument } from "../core/types.js";
import type { ChunkingSettings } from "./store/manifest.js";

const folderOf = (source: string): string => posix.dirname(source);

interface Folder {
  /** Prepared results of the folder needed before its boilerplate is known. */
  sampleSize: number;
  received: number;
  docs: SourceDocument[];
  boilerplate: Set<string> | undefined;
}

/**
 * The cross-file step of cleaning, between the prepare workers (one file each) and embedding: each folder's
 * boilerplate is found from its first files (clean/folder-boilerplate.ts), and files that contain some are
 * re-chunked without it. Results keep their order; a folder's first SAMPLE files wait for one another.
 */
export async function* withoutFolderBoilerplate(
  results: AsyncIterable<Prepared>,
  files: readonly DocFile[],
  chunking: ChunkingSettings,
): AsyncGenerator<Prepared> {
  const folders = new Map<string, Folder>();
  for (const file of files) {
    const folder = folders.get(folderOf(file.source)) ?? { sampleSize: 0, received: 0, docs: [], boilerplate: undefined };
    folder.sampleSize = Math.min(SAMPLE, folder.sampleSize + 1);
    folders.set(folderOf(file.source), folder);
  }
  const queue: Prepared[] = [];
  const decided = (p: Prepared) => folders.get(folderOf(p.source))?.boilerplate !== undefined;
  for await (const result of results) {
    const folder = folders.get(folderOf(result.source));
    if (folder && folder.boilerplate === undefined) {
      folder.received++;
      if (result.status === "ready") folder.docs.push(result.doc);
      if (folder.received >= folder.sampleSize) {
        folder.boilerplate = folder.docs.length >= MIN_FILES ? frequentBlocks(folder.docs) : new Set();
        folder.docs = [];
      }
    }
    queue.push(result);
    while (queue.length > 0 && (decided(queue[0]!) || !folders.has(folderOf(queue[0]!.source)))) yield apply(queue.shift()!, folders, chunking);
  }
  for (const rest of queue) yield apply(rest, folders, chunking);
}

function apply(result: Prepared, folders: Map<string, Folder>, chunking: ChunkingSettings): Prepared {
  const boilerplate = folders.get(folderOf(result.source))?.boilerplate;
  if (result.status !== "ready" || !boilerplate?.size) return result;
  const doc = dropFolderBoilerplate(result.doc, boilerplate);
  if (doc === result.doc) return result;
  const chunks = chunkDocument(doc, chunking);
  if (chunks.length === 0) return { status: "skipped", source: result.source, bytes: result.bytes, reason: "empty", message: "no text left after cleaning" };
  // Vectors a worker made belong to the old chunks: the new ones are embedded on the main thread.
  const { vectors: _stale, ...rest } = result;
  return { ...rest, doc, chunks };
}

/**
 * Incremental ingest: a folder's boilerplate depends on all its files, so when one of them really changed (`loaded`:
 * new or changed and now prepared, or `removed`), every file of that folder is prepared again, in file order, with
 * the `changed` ones. Only folders with enough files to have boilerplate count; a file that fails as before changes
 * nothing.
 */
export function widenToFolders(changed: readonly DocFile[], loaded: readonly DocFile[], removed: readonly string[], supported: readonly DocFile[]): DocFile[] {
  const sizes = new Map<string, number>();
  for (const f of supported) sizes.set(folderOf(f.source), (sizes.get(folderOf(f.source)) ?? 0) + 1);
  const touched = new Set([...loaded.map((f) => f.source), ...removed].map(folderOf).filter((d) => (sizes.get(d) ?? 0) >= MIN_FILES));
  const chosen = new Set(changed.map((f) => f.source));
  return supported.filter((f) => chosen.has(f.source) || touched.has(folderOf(f.source)));
}
