import type { Hit } from "../../core/types.js";
import type { ChunkReader } from "../../ingest/index.js";
import type { Retriever } from "./retriever.js";

/** BM25 alone: the lexical baseline that every hybrid setting has to beat (rag/retrieve/TUNING.md). */
export class LexicalRetriever implements Retriever {
  constructor(private readonly store: ChunkReader) {}

  async retrieve(query: string, k: number, signal?: AbortSignal): Promise<Hit[]> {
    signal?.throwIfAborted();
    return this.store.lexical(query, k);
  }
}
