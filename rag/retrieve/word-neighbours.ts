import type { WordVectors } from "../../ingest/index.js";
import { sameStem } from "./same-stem.js";

export interface Neighbour {
  /** Index of the word in the vocabulary. */
  id: number;
  /** Match strength in (0, 1]: 1 for the word itself, less for another form or a neighbour by cosine. */
  strength: number;
}

export interface NeighbourOptions {
  /** Cosine below which a word is no neighbour (GloVe neighbours below ~0.5 are noise). */
  floor: number;
  /** Strength of another form of the same word ("negotiations"/"negotiating"). */
  stemStrength: number;
  /** Most neighbours kept per word: the long tail of weak ones costs time and adds noise. */
  maxNeighbours: number;
  /** How many words keep their neighbours cached. */
  cacheSize: number;
}

/**
 * The words of a fixed vocabulary that match a given word: itself, its other forms (sameStem) and its close
 * word vectors. The vocabulary's vectors sit in one matrix, so a new word costs one pass over it; results
 * are cached, least recently used evicted.
 */
export class WordNeighbours {
  private readonly matrix: Float32Array;
  private readonly dim: number;
  private readonly cache = new Map<string, Neighbour[]>();

  constructor(
    private readonly vectors: WordVectors,
    readonly words: readonly string[],
    private readonly opts: NeighbourOptions,
  ) {
    if (!(opts.floor >= 0 && opts.floor < 1)) throw new RangeError(`word-match floor must be within [0, 1), got ${opts.floor}`);
    // Figures get no vector: they have no useful neighbours ("2014" is not "2015").
    const rows = words.map((word) => (/\d/u.test(word) ? undefined : vectors.wordVector(word)));
    this.dim = rows.find((v) => v !== undefined)?.length ?? 0;
    this.matrix = new Float32Array(words.length * this.dim);
    rows.forEach((v, id) => v?.length === this.dim && this.matrix.set(v, id * this.dim));
  }

  /** The vocabulary words matching `word`, strongest first. */
  of(word: string): Neighbour[] {
    const cached = this.cache.get(word);
    if (cached) {
      this.cache.delete(word);
      this.cache.set(word, cached);
      return cached;
    }
    const found = this.scan(word);
    if (this.cache.size >= this.opts.cacheSize) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(word, found);
    return found;
  }

  private scan(word: string): Neighbour[] {
    const v = /\d/u.test(word) ? undefined : this.vectors.wordVector(word);
    const useVector = v !== undefined && v.length === this.dim;
    const { matrix, dim } = this;
    const { floor, stemStrength, maxNeighbours } = this.opts;
    const out: Neighbour[] = [];
    for (let id = 0, off = 0; id < this.words.length; id++, off += dim) {
      const other = this.words[id]!;
      let strength = other === word ? 1 : sameStem(word, other) ? stemStrength : 0;
      if (strength < 1 && useVector) {
        const cos = dotAt(v, matrix, off, dim);
        if (cos > floor) strength = Math.max(strength, Math.min(1, (cos - floor) / (1 - floor)));
      }
      if (strength > 0) out.push({ id, strength });
    }
    return out.sort((a, b) => b.strength - a.strength).slice(0, maxNeighbours);
  }
}

/** v · matrix[off .. off + dim), unrolled by four: the loop every new question word runs over the vocabulary. */
function dotAt(v: Float32Array, matrix: Float32Array, off: number, dim: number): number {
  let a = 0;
  let b = 0;
  let c = 0;
  let e = 0;
  let d = 0;
  for (; d + 3 < dim; d += 4) {
    a += v[d]! * matrix[off + d]!;
    b += v[d + 1]! * matrix[off + d + 1]!;
    c += v[d + 2]! * matrix[off + d + 2]!;
    e += v[d + 3]! * matrix[off + d + 3]!;
  }
  for (; d < dim; d++) a += v[d]! * matrix[off + d]!;
  return a + b + c + e;
}
