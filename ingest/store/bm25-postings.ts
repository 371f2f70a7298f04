import { SortedTerms } from "./sorted-terms.js";

/*
 * The postings as flat arrays, and their binary layout in a snapshot (little-endian), the arrays of Flat in order:
 * docIds u32[docs] · lengths u32[docs] · docOffsets u32[docs+1] · termIds u32[postings] · termOffsets u32[terms+1] ·
 * pos u32[postings] · order u32[terms] · tfs u16[postings] · posTf u16[postings].
 */

export interface DocTerms {
  len: number;
  terms: Uint32Array;
  tfs: Uint16Array;
}

/**
 * Both directions of the postings, as flat arrays (CSR) over positions 0 … docs-1: document-major (each
 * position's label, length, distinct terms and their frequencies) and term-major (each term's positions and
 * frequencies). This is what the snapshot holds, so an opened index searches without rebuilding anything.
 */
export interface Flat {
  docIds: Uint32Array;
  lengths: Uint32Array;
  docOffsets: Uint32Array;
  termIds: Uint32Array;
  tfs: Uint16Array;
  termOffsets: Uint32Array;
  pos: Uint32Array;
  posTf: Uint16Array;
  /** Term ids in sorted order of the terms (SortedTerms). */
  order: Uint32Array;
}

/** Flat postings of `docs` (labels) with their term lists, in that order, over the ids of `terms`. */
export function flatten(docs: readonly number[], lists: readonly DocTerms[], terms: readonly string[]): Flat {
  const termCount = terms.length;
  const n = docs.length;
  const docOffsets = new Uint32Array(n + 1);
  lists.forEach((d, i) => (docOffsets[i + 1] = docOffsets[i]! + d.terms.length));
  const termIds = new Uint32Array(docOffsets[n]!);
  const tfs = new Uint16Array(termIds.length);
  const lengths = new Uint32Array(n);
  lists.forEach((d, i) => {
    termIds.set(d.terms, docOffsets[i]!);
    tfs.set(d.tfs, docOffsets[i]!);
    lengths[i] = d.len;
  });
  const termOffsets = new Uint32Array(termCount + 1);
  for (const t of termIds) termOffsets[t + 1]!++;
  for (let t = 0; t < termCount; t++) termOffsets[t + 1]! += termOffsets[t]!;
  const cursor = termOffsets.slice(0, termCount);
  const pos = new Uint32Array(termIds.length);
  const posTf = new Uint16Array(termIds.length);
  for (let i = 0; i < n; i++) {
    for (let j = docOffsets[i]!; j < docOffsets[i + 1]!; j++) {
      const c = cursor[termIds[j]!]!++;
      pos[c] = i;
      posTf[c] = tfs[j]!;
    }
  }
  return { docIds: Uint32Array.from(docs), lengths, docOffsets, termIds, tfs, termOffsets, pos, posTf, order: SortedTerms.orderOf(terms) };
}

/** The arrays of a snapshot's data, checked against its counts. */
export function unpack(data: Uint8Array, counts: { docs: number; postings: number; terms: number }): Flat {
  const [n, p, t] = [counts.docs, counts.postings, counts.terms];
  const u32Len = 3 * n + 1 + p + t + 1 + p + t;
  const expected = u32Len * 4 + 2 * p * 2;
  if (data.byteLength !== expected) throw new Error(`BM25: snapshot data has ${data.byteLength} bytes, expected ${expected}`);
  const aligned = data.byteOffset % 4 === 0 ? data : new Uint8Array(data); // a copy starts aligned
  let at = aligned.byteOffset;
  const u32 = (length: number) => new Uint32Array(aligned.buffer, (at += length * 4) - length * 4, length);
  const u16 = (length: number) => new Uint16Array(aligned.buffer, (at += length * 2) - length * 2, length);
  const [docIds, lengths, docOffsets, termIds, termOffsets, pos, order] = [u32(n), u32(n), u32(n + 1), u32(p), u32(t + 1), u32(p), u32(t)];
  const [tfs, posTf] = [u16(p), u16(p)];
  if (docOffsets[n] !== p || termOffsets[t] !== p) throw new Error(`BM25: snapshot offsets do not add up to ${p} postings`);
  return { docIds, lengths, docOffsets, termIds, tfs, termOffsets, pos, posTf, order };
}

/** The arrays of `flat` in the snapshot's layout, as one buffer. */
export function pack(flat: Flat): Uint8Array {
  const arrays = [flat.docIds, flat.lengths, flat.docOffsets, flat.termIds, flat.termOffsets, flat.pos, flat.order, flat.tfs, flat.posTf];
  const data = new Uint8Array(arrays.reduce((bytes, a) => bytes + a.byteLength, 0));
  let at = 0;
  for (const a of arrays) {
    data.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), at);
    at += a.byteLength;
  }
  return data;
}
