import type { Chunk } from "../core/types.js";
import type { Embedder } from "./embed/embedder.js";
import type { ChunkWriter } from "./store/chunk-store.js";

/** A file whose chunks wait for embedding. */
export interface PendingFile {
  source: string;
  hash: string;
  bytes: number;
  chunks: Chunk[];
  /** The chunks' vectors back to back, when a prepare worker embedded them already. */
  vectors?: Float32Array;
}

/**
 * Collects the chunks of several files and embeds them in one call once `limit` chunks are waiting,
 * since per-call overhead (HTTP round trips for OpenAI) dominates small files. A failed call fails
 * only the files of its batch: their chunks are withdrawn and `settled` reports the error. Files that come
 * with their vectors are not embedded again.
 */
export class EmbedBatch {
  private files: PendingFile[] = [];
  private waiting = 0;

  constructor(
    private readonly store: ChunkWriter,
    private readonly embedder: Embedder,
    private readonly limit: number,
    private readonly settled: (file: PendingFile, error?: unknown) => void,
  ) {}

  async add(file: PendingFile): Promise<void> {
    this.files.push(file);
    this.waiting += file.chunks.length;
    if (this.waiting >= this.limit) await this.flush();
  }

  async flush(): Promise<void> {
    const group = this.files;
    this.files = [];
    this.waiting = 0;
    if (group.length === 0) return;
    const chunks = group.flatMap((f) => f.chunks);
    try {
      await this.store.put(chunks, await this.vectorsOf(group));
    } catch (err) {
      for (const file of group) {
        await this.store.removeSource(file.source);
        this.settled(file, err);
      }
      return;
    }
    for (const file of group) {
      await this.store.recordFile(file.source, { hash: file.hash, bytes: file.bytes });
      this.settled(file);
    }
  }

  /** Every chunk's vector in group order: the ones that came with their files, the rest embedded in one call. */
  private async vectorsOf(group: PendingFile[]): Promise<number[][]> {
    const missing = group.filter((f) => !f.vectors).flatMap((f) => f.chunks.map((c) => c.text));
    const embedded = missing.length > 0 ? await this.embedder.embedDocuments(missing) : [];
    let next = 0;
    return group.flatMap((f) => (f.vectors ? rowsOf(f.vectors, f.chunks.length) : embedded.slice(next, (next += f.chunks.length))));
  }
}

function rowsOf(flat: Float32Array, count: number): number[][] {
  const dim = flat.length / count;
  return Array.from({ length: count }, (_, i) => Array.from(flat.subarray(i * dim, (i + 1) * dim)));
}
