/** Reciprocal rank from the evidence's rank (see evidenceRank), 0 when not retrieved; averaged, this is MRR. */
export function reciprocalRank(rank: number | null): number {
  return rank === null ? 0 : 1 / rank;
}
