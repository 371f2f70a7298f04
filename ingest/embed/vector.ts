/** Small dense-vector helpers shared by the embedders (no allocation beyond the result). */

export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

/**
 * Scales `v` to unit length in place. A zero vector stays zero: "this text carries no usable word",
 * which scores 0 against everything under a dot product instead of NaN.
 */
export function normalizeInPlace<T extends Float32Array | Float64Array | number[]>(v: T): T {
  const norm = Math.sqrt(dot(v, v));
  if (norm > 0 && Number.isFinite(norm)) for (let i = 0; i < v.length; i++) v[i] = v[i]! / norm;
  return v;
}
