import type { Chunk } from "../../core/types.js";
import { Bm25Index, createTermIndex, TermGraph, type TermIndex, type WordVectors } from "../../ingest/index.js";

/** The term index a store would prepare over `chunks` (labels = positions = array order), for unit tests. */
export function termIndexOf(chunks: readonly Chunk[], vectors: WordVectors): TermIndex {
  const bm25 = new Bm25Index();
  chunks.forEach((c, i) => bm25.add(i, c.text));
  const lists = bm25.postingLists();
  const terms = Array.from({ length: lists.termCount }, (_, id) => lists.term(id));
  const byId = new Map(chunks.map((c, i) => [c.id, i]));
  const labelled = { chunkOf: (label: number) => chunks[label]!, labelOf: (id: string) => byId.get(id), sourceOf: (label: number) => chunks[label]!.source };
  return createTermIndex(lists, labelled, TermGraph.build(terms, vectors));
}
