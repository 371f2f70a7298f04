import type { AskRequest, AskResponse, Citation } from "../../core/types.js";
import type { Passage } from "../metrics/passage.js";
import type { Observation } from "../score.js";

/**
 * Where a runner's retrieval metrics come from: the retriever's own top-k ("retriever", in-process), or the
 * passages the response shows, citations then related ("shown", all a client over HTTP can see).
 */
export type RetrievalSource = "retriever" | "shown";

/** Something that answers gold questions: the in-process engine, a server over HTTP, or the baseline recipe. */
export interface AskRunner {
  /** Shown in reports, e.g. "citebot (in-process)". */
  readonly name: string;
  readonly retrieval: RetrievalSource;
  /** The response, plus the passages retrieved best first (for retrieval metrics). */
  ask(request: AskRequest, signal?: AbortSignal): Promise<Observation>;
  /** The settings behind the numbers, recorded in the report. */
  settings(): Record<string, unknown>;
  close(): Promise<void>;
}

/**
 * The passages a response shows, best first: its citations and related passages by descending score,
 * one entry per chunk. Retrieval metrics use this list for runners that cannot see the raw hit list.
 */
export function shownPassages(response: Pick<AskResponse, "citations" | "related">): Passage[] {
  const seen = new Set<string>();
  const out: Citation[] = [];
  for (const c of [...response.citations, ...response.related].sort((a, b) => b.score - a.score)) {
    if (seen.has(c.chunkId)) continue;
    seen.add(c.chunkId);
    out.push(c);
  }
  return out;
}
