import type { CallbackManagerForRetrieverRun } from "@langchain/core/callbacks/manager";
import { Document } from "@langchain/core/documents";
import { BaseRetriever, type BaseRetrieverInput } from "@langchain/core/retrievers";
import type { Hit } from "../../core/types.js";
import type { Retriever } from "./retriever.js";

export interface CitebotRetrieverInput extends BaseRetrieverInput {
  retriever: Retriever;
  /** Passages per query (default 5). */
  k?: number;
}

/**
 * citebot's retrieval as a LangChain retriever, so it plugs into any LangChain chain: each hit becomes a Document
 * whose metadata carries what a citation needs (source, title, page, section, url, chunk id, score).
 */
export class CitebotRetriever extends BaseRetriever {
  lc_namespace = ["citebot", "retrievers"];
  private readonly retriever: Retriever;
  private readonly k: number;

  constructor({ retriever, k = 5, ...fields }: CitebotRetrieverInput) {
    super(fields);
    this.retriever = retriever;
    this.k = k;
  }

  override async _getRelevantDocuments(query: string, runManager?: CallbackManagerForRetrieverRun): Promise<Document[]> {
    const hits = await this.retriever.retrieve(query, this.k);
    await runManager?.handleText(`citebot retrieved ${hits.length} passages`);
    return hits.map(toDocument);
  }
}

export function toDocument({ chunk, score }: Hit): Document {
  const { text, id, source, title, page, section, url, date } = chunk;
  return new Document({
    pageContent: text,
    id,
    metadata: { chunkId: id, source, title, page, date, score, ...(section ? { section } : {}), ...(url ? { url } : {}), ...chunk.metadata },
  });
}
