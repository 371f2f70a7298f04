import type { Hit } from "../../core/types.js";

/**
 * The signals behind a hybrid hit, kept so that the answerer's abstention can combine them
 * instead of trusting one fused number. Every feature is higher-is-better.
 */
export interface HitFeatures {
  /** Raw BM25 score of the chunk (0 when it shares no term with the query); comparable within one query only. */
  bm25: number;
  /**
   * BM25 divided by the query's BM25 ceiling (a chunk holding every query term at saturation), in [0, 1]:
   * an absolute lexical match strength that can be compared across queries.
   */
  bm25Norm: number;
  /** Cosine between the query and chunk embeddings, clipped to [0, 1] (0 when unavailable). */
  dense: number;
  /**
   * IDF-weighted soft coverage of the query's content words by the chunk, in [0, 1]: each query word counts
   * by how close its most similar chunk word is (1 = the word itself, 0 = nothing near). 1 means every
   * question word is present; a low value means the chunk talks about something else.
   */
  wordMatch: number;
  /**
   * 1 when the chunk holds the form the question's answer takes ("77%" for "what share …", "three years" for
   * "how long …"), else 0; absent for questions that ask for no such form.
   */
  answerForm?: number;
}

/**
 * A hit from HybridRetriever. `score` is in [0, 1]: the weighted mean of the normalised features above
 * (see HybridOptions.weights), so 1 means "every question word present, high BM25, close embedding".
 * It is comparable across queries, which is what an abstention threshold needs.
 */
export interface RankedHit extends Hit {
  features: HitFeatures;
}

export const isRankedHit = (hit: Hit): hit is RankedHit => "features" in hit && typeof hit.features === "object";
