import type { Hit } from "../../core/types.js";
import type { ChunkReader, Embedder } from "../../ingest/index.js";
import type { Retriever } from "./retriever.js";

/** Dense search alone: embed the query, take the nearest chunks (a recipe the tuning runs compare; rag/retrieve/TUNING.md). */
export class DenseRetriever implements Retriever {
  constructor(
    private readonly store: ChunkReader,
    private readonly embedder: Embedder,
  ) {}

  async retrieve(query: string, k: number, signal?: AbortSignal): Promise<Hit[]> {
    signal?.throwIfAborted();
    const vector = await this.embedder.embedQuery(query);
    signal?.throwIfAborted();
    return this.store.dense(vector, k);
  }
}
