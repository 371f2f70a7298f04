import { evidenceRank, type EvidenceMode } from "./hit-at-k.js";
import type { Passage } from "./passage.js";

/** Reciprocal rank of the evidence in the retrieved list (0 when not retrieved); averaged, this is MRR. */
export function reciprocalRank(passages: readonly Passage[], evidence: readonly string[], mode: EvidenceMode): number {
  const rank = evidenceRank(passages, evidence, mode);
  return rank === null ? 0 : 1 / rank;
}
