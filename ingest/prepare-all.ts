import { availableParallelism } from "node:os";
import type { WorkerRecipe } from "./embed/embedder.js";
import { PreparePool } from "./prepare-pool.js";
import { prepareFile, type Prepared, type PrepareTask } from "./prepare.js";
import type { DocFile } from "./scan.js";
import type { ChunkingSettings } from "./store/manifest.js";

// Below this much text to prepare, starting worker threads costs more than it saves.
export const BULK_BYTES = 2_000_000;

/**
 * Prepares files in worker threads when there is much to prepare, yielding results in file order.
 * Files found in `done` (prepared earlier in this run) are not prepared again. With `embedWith`, the
 * workers embed the chunks too (results then carry `vectors`); without workers, nothing is embedded here.
 */
export async function* prepareAll(
  files: DocFile[],
  chunking: ChunkingSettings,
  workers?: number,
  done: ReadonlyMap<string, Prepared> = new Map(),
  embedWith?: WorkerRecipe,
): AsyncGenerator<Prepared> {
  const todo = files.filter((f) => !done.has(f.source));
  const bytes = todo.reduce((n, f) => n + f.bytes, 0);
  // With the main thread indexing and the HNSW graph growing on a thread of its own, one worker
  // per spare core is plenty; on a single core, threads would only add start-up time.
  const size = workers ?? (bytes >= BULK_BYTES ? Math.min(availableParallelism() - 1, 3) : 0);
  const pool = size > 0 && todo.length > 1 ? new PreparePool(size) : null;
  const run = (f: DocFile) => {
    const earlier = done.get(f.source);
    if (earlier) return Promise.resolve(earlier);
    const task: PrepareTask = { source: f.source, absPath: f.absPath, chunking };
    return pool ? pool.run({ ...task, ...(embedWith ? { embedWith } : {}) }) : prepareFile(task);
  };
  // Workers run well ahead of the main thread, which embeds and indexes in batches and would
  // otherwise leave them idle during each batch; results are still consumed in file order.
  const window = pool ? size * 16 : 1;
  const pending: Promise<Prepared>[] = [];
  try {
    let next = 0;
    while (next < files.length || pending.length > 0) {
      while (next < files.length && pending.length < window) pending.push(run(files[next++]!));
      yield await pending.shift()!;
    }
  } finally {
    await pool?.close();
  }
}

/** Every file prepared, by source. */
export async function prepareEach(files: DocFile[], chunking: ChunkingSettings, workers?: number): Promise<Map<string, Prepared>> {
  const results = new Map<string, Prepared>();
  for await (const prepared of prepareAll(files, chunking, workers)) results.set(prepared.source, prepared);
  return results;
}
