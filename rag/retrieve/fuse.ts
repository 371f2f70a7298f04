import type { Hit } from "../../core/types.js";

export interface RrfOptions {
  /** RRF's damping constant: larger k flattens the advantage of the top ranks (60 in the original paper). */
  k?: number;
  /** One weight per list (default 1 each). */
  weights?: readonly number[];
}

/**
 * Reciprocal rank fusion: a chunk scores Σ weight / (k + rank) over the lists that hold it (rank from 1).
 * Rank-based, so it needs no score calibration between lists; best first, `via: "hybrid"`.
 */
export function fuseRrf(lists: readonly (readonly Hit[])[], { k = 60, weights }: RrfOptions = {}): Hit[] {
  return fuse(lists, weights, (list) => list.map((_, rank) => 1 / (k + rank + 1)));
}

export interface ScoreFusionOptions {
  /** One weight per list (default 1 each). */
  weights?: readonly number[];
}

/**
 * Weighted score fusion: each list's scores are divided by that list's best score (so the best of each
 * list is 1 and a chunk absent from a list contributes 0), then summed with the list weights.
 * Unlike RRF it keeps how far apart the scores are, which matters when one list is sharply peaked.
 */
export function fuseScores(lists: readonly (readonly Hit[])[], { weights }: ScoreFusionOptions = {}): Hit[] {
  return fuse(lists, weights, (list) => {
    const top = Math.max(0, ...list.map((h) => h.score));
    return list.map((h) => (top > 0 ? Math.max(0, h.score) / top : 0));
  });
}

function fuse(lists: readonly (readonly Hit[])[], weights: readonly number[] | undefined, contributions: (list: readonly Hit[]) => number[]): Hit[] {
  if (weights && weights.length !== lists.length) {
    throw new RangeError(`fusion got ${lists.length} lists but ${weights.length} weights`);
  }
  const fused = new Map<string, Hit>();
  lists.forEach((list, i) => {
    const weight = weights?.[i] ?? 1;
    const parts = contributions(list);
    list.forEach((hit, rank) => {
      const add = weight * parts[rank]!;
      const seen = fused.get(hit.chunk.id);
      if (seen) seen.score += add;
      else fused.set(hit.chunk.id, { chunk: hit.chunk, score: add, via: "hybrid" });
    });
  });
  return [...fused.values()].sort((a, b) => b.score - a.score);
}
