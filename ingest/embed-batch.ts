import type { Chunk } from "../core/types.js";
import type { Embedder } from "./embed/embedder.js";
import type { ChunkWriter } from "./store/chunk-store.js";

/** A file whose chunks wait for embedding. */
export interface PendingFile {
  source: string;
  hash: string;
  bytes: number;
  chunks: Chunk[];
}

/**
 * Collects the chunks of several files and embeds them in one call once `limit` chunks are waiting,
 * since per-call overhead (HTTP round trips for OpenAI) dominates small files. A failed call fails
 * only the files of its batch: their chunks are withdrawn and `settled` reports the error.
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
      const vectors = await this.embedder.embedDocuments(chunks.map((c) => c.text));
      await this.store.put(chunks, vectors);
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
}
