import type { AskRequest, AskResponse } from "../../core/types.js";
import type { ChunkStore } from "../../ingest/index.js";
import { toCitation } from "../../rag/index.js";
import type { AskRunner, RetrievalSource } from "../runners/runner.js";
import type { Observation } from "../score.js";

/**
 * "Quote the passage": the top BM25 chunk of our own index, whole, as the answer, never abstaining. What composing
 * adds is measured against this: an answer that holds no more facts than the top chunk has added nothing.
 * History is ignored (no condensing).
 */
export class Bm25TopRunner implements AskRunner {
  readonly name = "bm25-top-chunk";
  readonly retrieval: RetrievalSource = "retriever";

  constructor(private readonly store: Pick<ChunkStore, "lexical" | "size">) {}

  async ask({ question, topK = 5 }: AskRequest): Promise<Observation> {
    const t0 = performance.now();
    const hits = await this.store.lexical(question, topK);
    const totalMs = performance.now() - t0;
    const top = hits[0];
    const response: AskResponse = {
      answer: top ? `${top.chunk.text} [1]` : "",
      abstained: false,
      citations: top ? [toCitation(top, 1)] : [],
      related: [],
      generator: "bm25-top-chunk",
      unsupported: [],
      query: question,
      model: { embeddings: "none", generator: "bm25-top-chunk" },
      timings: { retrieveMs: totalMs, generateMs: 0, totalMs },
    };
    return { response, retrieved: hits.map((h) => h.chunk) };
  }

  settings(): Record<string, unknown> {
    return { retrieval: "BM25 over citebot's own chunks", answer: "the top chunk, quoted whole", abstention: false, chunks: this.store.size };
  }

  async close(): Promise<void> {}
}
