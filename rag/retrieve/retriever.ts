import type { Hit } from "../../core/types.js";

export interface Retriever {
  /** The k best passages for a standalone query, best first. */
  retrieve(query: string, k: number, signal?: AbortSignal): Promise<Hit[]>;
}
