import type { Hit } from "../../core/types.js";
import type { Postprocessor } from "./postprocessor.js";

export interface MmrOptions<T extends Hit> {
  /** How many hits to select. */
  k: number;
  /** 1 = pure relevance (input order), 0 = pure novelty; typical 0.6–0.9. */
  lambda: number;
  /** Redundancy of two hits in [0, 1]. */
  similarity: (a: T, b: T) => number;
}

/**
 * Maximal marginal relevance: picks, one at a time, the hit maximising
 * λ·relevance − (1 − λ)·(its highest similarity to the hits already picked), so that when a question spans
 * several documents one document cannot take every slot. Relevance is the hit score rescaled to [0, 1]
 * over the candidates, which keeps λ meaningful whatever the score scale. Returns hits in pick order,
 * scores untouched.
 */
export function diversifyMmr<T extends Hit>(hits: readonly T[], { k, lambda, similarity }: MmrOptions<T>): T[] {
  if (lambda < 0 || lambda > 1) throw new RangeError(`MMR lambda must be within [0, 1], got ${lambda}`);
  const scores = hits.map((h) => h.score);
  const lo = Math.min(...scores);
  const span = Math.max(...scores) - lo;
  const relevance = scores.map((s) => (span > 0 ? (s - lo) / span : 1));
  const left = hits.map((_, i) => i);
  const redundancy = new Array<number>(hits.length).fill(0);
  const picked: T[] = [];
  while (picked.length < k && left.length > 0) {
    let best = 0;
    let bestValue = -Infinity;
    left.forEach((i, pos) => {
      const value = lambda * relevance[i]! - (1 - lambda) * redundancy[i]!;
      if (value > bestValue) [best, bestValue] = [pos, value];
    });
    const [chosen] = left.splice(best, 1);
    const hit = hits[chosen!]!;
    picked.push(hit);
    for (const i of left) redundancy[i] = Math.max(redundancy[i]!, similarity(hits[i]!, hit));
  }
  return picked;
}

/** Two hits are redundant when they come from the same document: MMR then spreads the slots over documents. */
export const sameSource = (a: Hit, b: Hit): number => (a.chunk.source === b.chunk.source ? 1 : 0);

/**
 * MMR over documents as a postprocessor, after dedupe. λ = 1 is the relevance order itself, so it only keeps the
 * first k.
 */
export function createMmr({ lambda }: { lambda: number }): Postprocessor {
  if (lambda < 0 || lambda > 1) throw new RangeError(`MMR lambda must be within [0, 1], got ${lambda}`);
  return {
    name: "mmr",
    postprocess: (_query, hits, k) => (lambda >= 1 ? hits.slice(0, k) : diversifyMmr(hits, { k, lambda, similarity: sameSource })),
  };
}
