import type { Chunk } from "../../core/types.js";
import type { PostingLists } from "./bm25.js";

/** Nearest vocabulary terms to a word vector (an HNSW graph over the terms' vectors: term-graph.ts). */
export interface TermNeighbourSearch {
  /** Ids of up to k terms closest to `vector` by cosine, closest first. */
  nearest(vector: Float32Array, k: number): number[];
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

/** Builds the index over `lists` (BM25's postings) and the chunks by label; O(chunks), no tokenising. */
export function createTermIndex(lists: PostingLists, chunkOfLabel: (label: number) => Chunk, neighbours?: TermNeighbourSearch): TermIndex {
  const n = lists.size;
  const chunks: Chunk[] = new Array<Chunk>(n);
  const positions = new Map<string, number>();
  const docOf = new Uint32Array(n);
  const docIds = new Map<string, number>();
  for (let pos = 0; pos < n; pos++) {
    const chunk = chunkOfLabel(lists.docAt(pos));
    chunks[pos] = chunk;
    positions.set(chunk.id, pos);
    let doc = docIds.get(chunk.source);
    if (doc === undefined) docIds.set(chunk.source, (doc = docIds.size));
    docOf[pos] = doc;
  }
  const docStarts = groupByDoc(docOf, docIds.size);
  return {
    ...lists,
    size: lists.size,
    termCount: lists.termCount,
    chunkAt: (pos) => chunks[pos]!,
    positionOf: (id) => positions.get(id),
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
