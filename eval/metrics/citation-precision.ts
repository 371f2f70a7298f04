import { containsVerbatim } from "../normalize.js";
import type { Passage } from "./passage.js";

/**
 * Share of cited passages that come from a gold source or contain one of the evidence strings.
 * Null when nothing is cited (abstentions, unanswerable questions): there is nothing to be precise about.
 */
export function citationPrecision(citations: readonly Passage[], goldSources: readonly string[], evidence: readonly string[]): number | null {
  if (!citations.length) return null;
  const gold = new Set(goldSources);
  const good = citations.filter((c) => gold.has(c.source) || evidence.some((e) => containsVerbatim(c.text, e)));
  return good.length / citations.length;
}
