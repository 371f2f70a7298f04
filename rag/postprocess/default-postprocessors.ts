import { DEFAULT_HYBRID } from "../retrieve/hybrid.js";
import { createDedupe } from "./dedupe.js";
import { createMmr } from "./mmr.js";
import type { Postprocessor } from "./postprocessor.js";

export interface PostprocessOptions {
  /** Share of overlap at which two chunks of one source count as the same place (dedupe). */
  minOverlap?: number;
  /** MMR trade-off: 1 keeps the relevance order, lower values push other documents up. */
  mmrLambda?: number;
}

/** The settings measured with the hybrid retriever (rag/retrieve/TUNING.md). */
export const DEFAULT_POSTPROCESS: Readonly<Required<PostprocessOptions>> = { minOverlap: 0.5, mmrLambda: 0.95 };

/**
 * How many candidates a retriever of scoring depth `depth` hands to the postprocessors: its whole pool, so dedupe
 * and MMR choose from every candidate, as they did inside the retriever. The hybrid retriever scores at most
 * `depth` chunks from each of BM25, dense search and word matching, plus word matching's near-ties: at depth 20,
 * at most 57 over the four eval corpora's gold questions.
 */
export const candidatesFor = (depth: number): number => 5 * depth;

export const DEFAULT_CANDIDATES = candidatesFor(DEFAULT_HYBRID.depth);

/** Dedupe, then MMR over documents: what the engine runs between retrieval and answering. */
export function defaultPostprocessors({
  minOverlap = DEFAULT_POSTPROCESS.minOverlap,
  mmrLambda = DEFAULT_POSTPROCESS.mmrLambda,
}: PostprocessOptions = {}): Postprocessor[] {
  return [createDedupe({ minOverlap }), createMmr({ lambda: mmrLambda })];
}
