import type { Passage } from "./passage.js";

/** Share of the gold source files that appear among the sources of the top-k retrieved passages. */
export function docRecall(goldSources: readonly string[], passages: readonly Passage[], k: number): number {
  if (!goldSources.length) return 1;
  const retrieved = new Set(passages.slice(0, k).map((p) => p.source));
  return goldSources.filter((s) => retrieved.has(s)).length / goldSources.length;
}
