import { normalizeText } from "../normalize.js";
import type { Passage } from "./passage.js";

/** "any": one evidence string suffices; "all": every evidence string must be found (multi-doc, conflict). */
export type EvidenceMode = "any" | "all";

/**
 * 1-based rank at which the retrieved list first covers the evidence (whitespace- and quote-normalised
 * substring match), or null when it never does. In "all" mode this is the rank of the deepest passage
 * needed so that each evidence string is contained in some passage at or above it.
 */
export function evidenceRank(passages: readonly Passage[], evidence: readonly string[], mode: EvidenceMode): number | null {
  const wanted = evidence.map(normalizeText).filter((e) => e.length > 0);
  if (!wanted.length) return null;
  const texts = passages.map((p) => normalizeText(p.text));
  const firstRank = wanted.map((e) => texts.findIndex((t) => t.includes(e)));
  const found = firstRank.filter((i) => i >= 0);
  if (mode === "any") return found.length ? Math.min(...found) + 1 : null;
  return found.length === wanted.length ? Math.max(...found) + 1 : null;
}

/** hit@k from the evidence's rank (see evidenceRank): 1 when it is covered within the top k passages, else 0. */
export function hitAtK(rank: number | null, k: number): number {
  return rank !== null && rank <= k ? 1 : 0;
}
