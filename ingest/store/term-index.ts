import type { Chunk } from "../../core/types.js";
import type { PostingLists } from "./bm25.js";

/** Nearest vocabulary terms to a word vector (an HNSW graph over the terms' vectors: term-graph.ts). */
export interface TermNeighbourSearch {
  /** Up to k terms closest to `vector` (unit length), closest first, with their cosine. */
  nearest(vector: Float32Array, k: number): { id: number; cosine: number }[];
}

/**
 * What word-level matching needs of an in-memory store, all prepared when the store opens: BM25's vocabulary
 * and postings (term → chunk positions, chunk position → terms), the chunk and document of each position, and
 * a nearest-neighbour search over the vocabulary's word vectors. Positions follow `chunks()` order.
 */
export interface TermIndex extends PostingLists {
  chunkAt(position: number): Chunk;
  positionOf(chunkId: string): number | undefined;
  /** The document (source, numbered by first appearance) of each position. */
  readonly docOf: Uint32Array;
  readonly docCount: number;
  /** Positions of document `doc`, ascending. */
  docPositions(doc: number): Uint32Array;
  /** Absent without word vectors (then words match only themselves and their other forms). */
  readonly neighbours?: TermNeighbourSearch;
}

/** The chunks behind BM25's document numbers (labels), as a store keeps them. */
export interface LabelledChunks {
  chunkOf(label: number): Chunk;
  labelOf(chunkId: string): number | undefined;
  sourceOf(label: number): string;
}

/**
 * Builds the index over `lists` (BM25's postings) and the store's chunks; O(chunks) typed arrays, no tokenising,
 * no chunk object made: `chunkAt` asks the store for each one.
 */
export function createTermIndex(lists: PostingLists, chunks: LabelledChunks, neighbours?: TermNeighbourSearch): TermIndex {
  const n = lists.size;
  let maxLabel = -1;
  for (let pos = 0; pos < n; pos++) maxLabel = Math.max(maxLabel, lists.docAt(pos));
  const positionOfLabel = new Int32Array(maxLabel + 1).fill(-1);
  const docOf = new Uint32Array(n);
  const docIds = new Map<string, number>();
  for (let pos = 0; pos < n; pos++) {
    const label = lists.docAt(pos);
    positionOfLabel[label] = pos;
    const source = chunks.sourceOf(label);
    let doc = docIds.get(source);
    if (doc === undefined) docIds.set(source, (doc = docIds.size));
    docOf[pos] = doc;
  }
  const docStarts = groupByDoc(docOf, docIds.size);
  return {
    ...lists,
    size: lists.size,
    termCount: lists.termCount,
    chunkAt: (pos) => chunks.chunkOf(lists.docAt(pos)),
    positionOf: (id) => {
      const label = chunks.labelOf(id);
      const pos = label === undefined ? -1 : (positionOfLabel[label] ?? -1);
      return pos < 0 ? undefined : pos;
    },
    docOf,
    docCount: docIds.size,
    docPositions: (doc) => docStarts.positions.subarray(docStarts.offsets[doc]!, docStarts.offsets[doc + 1]!),
    ...(neighbours ? { neighbours } : {}),
  };
}

/** Positions grouped by document (CSR: offsets[doc] … offsets[doc+1] in `positions`), ascending within each. */
function groupByDoc(docOf: Uint32Array, docs: number): { offsets: Uint32Array; positions: Uint32Array } {
  const offsets = new Uint32Array(docs + 1);
  for (const d of docOf) offsets[d + 1]!++;
  for (let d = 0; d < docs; d++) offsets[d + 1]! += offsets[d]!;
  const cursor = offsets.slice(0, docs);
  const positions = new Uint32Array(docOf.length);
  docOf.forEach((d, pos) => (positions[cursor[d]!++] = pos));
  return { offsets, positions };
}
