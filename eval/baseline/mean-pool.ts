import { tokenize, type WordVectors } from "../../ingest/index.js";

/** The usual sentence embedding: the plain mean of the text's word vectors, unit length (zero when no word is known). */
export function meanPool(text: string, vectors: WordVectors, dim: number): Float32Array {
  const sum = new Float32Array(dim);
  for (const token of tokenize(text)) {
    const v = vectors.wordVector(token);
    if (v) for (let d = 0; d < dim; d++) sum[d]! += v[d]!;
  }
  const norm = Math.hypot(...sum);
  if (norm > 0) for (let d = 0; d < dim; d++) sum[d]! /= norm;
  return sum;
}

/** Cosine of two unit vectors. */
export function cosine(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let d = 0; d < a.length; d++) s += a[d]! * b[d]!;
  return s;
}
