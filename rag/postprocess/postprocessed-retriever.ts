import type { Hit } from "../../core/types.js";
import type { Retriever } from "../retrieve/retriever.js";
import { DEFAULT_CANDIDATES } from "./default-postprocessors.js";
import { postprocess, type Postprocessor } from "./postprocessor.js";

/**
 * A retriever followed by postprocessors, itself a Retriever: the engine's retrieve-then-postprocess stages for
 * callers that only retrieve (retrieval tuning, benchmarks, the LangChain adapter).
 */
export class PostprocessedRetriever implements Retriever {
  constructor(
    private readonly retriever: Retriever,
    private readonly postprocessors: readonly Postprocessor[],
    private readonly candidates: number = DEFAULT_CANDIDATES,
  ) {}

  async retrieve(query: string, k: number, signal?: AbortSignal): Promise<Hit[]> {
    const hits = await this.retriever.retrieve(query, Math.max(k, this.candidates), signal);
    return postprocess(this.postprocessors, query, hits, k);
  }
}
