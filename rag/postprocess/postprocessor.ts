import type { Hit } from "../../core/types.js";

/**
 * A step between retrieval and answering: the retriever's candidates in, best first, the hits worth answering
 * from out, best first. Dedupe and MMR are the two the engine runs; a reranker is a third of the same shape.
 * Generic in the hit type, so that what the retriever attached (RankedHit's features) reaches the answerer.
 */
export interface Postprocessor {
  readonly name: string;
  /** `k` is how many hits the answerer will get: a step may stop once it has chosen that many. */
  postprocess<T extends Hit>(query: string, hits: readonly T[], k: number): T[] | Promise<T[]>;
}

/** Runs the postprocessors in order and keeps the k best of what is left. */
export async function postprocess<T extends Hit>(postprocessors: readonly Postprocessor[], query: string, hits: readonly T[], k: number): Promise<T[]> {
  let kept: readonly T[] = hits;
  for (const step of postprocessors) kept = await step.postprocess(query, kept, k);
  return kept.slice(0, k);
}
