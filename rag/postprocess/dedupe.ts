import type { Chunk, Hit } from "../../core/types.js";
import type { Postprocessor } from "./postprocessor.js";

export interface DedupeOptions {
  /**
   * Share of the shorter chunk that must overlap another chunk of the same source for the two to count
   * as the same place. Neighbouring chunks of a normal split overlap by CHUNK_OVERLAP/CHUNK_SIZE (0.2 by
   * default) and carry mostly different text, so they are kept; re-split or nested chunks collapse.
   */
  minOverlap?: number;
}

/**
 * Drops hits that repeat a better hit: same source with overlapping offsets, or the very same text under
 * another name (a document ingested twice). Input best first; the best of each group survives, order kept.
 */
export function dedupeOverlapping<T extends Hit>(hits: readonly T[], { minOverlap = 0.5 }: DedupeOptions = {}): T[] {
  const kept: T[] = [];
  const texts = new Set<string>();
  for (const hit of hits) {
    // Exact text: a file ingested twice repeats its chunks verbatim, and comparing raw strings costs nothing.
    const text = hit.chunk.text;
    if (texts.has(text)) continue;
    if (kept.some((k) => overlapShare(k.chunk, hit.chunk) >= minOverlap)) continue;
    kept.push(hit);
    texts.add(text);
  }
  return kept;
}

/** dedupeOverlapping as a postprocessor: the engine's first step after retrieval. */
export function createDedupe(options: DedupeOptions = {}): Postprocessor {
  return { name: "dedupe", postprocess: (_query, hits) => dedupeOverlapping(hits, options) };
}

/** Overlap of two chunks as a share of the shorter one; 0 for different sources. */
export function overlapShare(a: Chunk, b: Chunk): number {
  if (a.source !== b.source) return 0;
  const overlap = Math.min(a.end, b.end) - Math.max(a.start, b.start);
  const shorter = Math.min(a.end - a.start, b.end - b.start);
  return overlap > 0 && shorter > 0 ? overlap / shorter : 0;
}
