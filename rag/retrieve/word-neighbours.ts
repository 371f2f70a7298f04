import type { TermNeighbourSearch, WordVectors } from "../../ingest/index.js";
import { sameStem } from "./same-stem.js";
import { StemBuckets, type Vocabulary } from "./stem-buckets.js";

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

/** The vocabulary with its word lookup, as BM25's postings provide it. */
export interface IndexedVocabulary extends Vocabulary {
  id(term: string): number | undefined;
}

// Extra nearest terms asked of the graph beyond maxNeighbours, so that an approximate search still returns
// every term of the true closest maxNeighbours.
const SEARCH_SLACK = 16;

/**
 * The words of a fixed vocabulary that match a given word: itself, its other forms (sameStem) and its close
 * word vectors. Candidates come from prepared structures (stem buckets, a nearest-neighbour graph over the
 * vocabulary's vectors), never a scan of the vocabulary, and each is scored exactly as before: a new word costs
 * well under a millisecond at any vocabulary size. Results are cached, least recently used evicted.
 */
export class WordNeighbours {
  private readonly cache = new Map<string, Neighbour[]>();
  private readonly stems: StemBuckets;

  constructor(
    private readonly vectors: WordVectors,
    private readonly vocabulary: IndexedVocabulary,
    private readonly search: TermNeighbourSearch | undefined,
    private readonly opts: NeighbourOptions,
  ) {
    if (!(opts.floor >= 0 && opts.floor < 1)) throw new RangeError(`word-match floor must be within [0, 1), got ${opts.floor}`);
    this.stems = new StemBuckets(vocabulary);
  }

  /** The vocabulary words matching `word`, strongest first. */
  of(word: string): Neighbour[] {
    const cached = this.cache.get(word);
    if (cached) {
      this.cache.delete(word);
      this.cache.set(word, cached);
      return cached;
    }
    const found = this.find(word);
    if (this.cache.size >= this.opts.cacheSize) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(word, found);
    return found;
  }

  private find(word: string): Neighbour[] {
    // Figures get no vector: they have no useful neighbours ("2014" is not "2015").
    const v = /\d/u.test(word) ? undefined : this.vectors.wordVector(word);
    const { floor, stemStrength, maxNeighbours } = this.opts;
    // Candidates with their cosine when the graph gave it; the other forms' cosines are computed from their rows.
    const candidates = new Map<number, number | undefined>(this.stems.forms(word).map((id) => [id, undefined]));
    const self = this.vocabulary.id(word);
    if (self !== undefined) candidates.set(self, undefined);
    if (v && this.search) for (const n of this.search.nearest(v, maxNeighbours + SEARCH_SLACK)) candidates.set(n.id, n.cosine);
    const out: Neighbour[] = [];
    for (const [id, known] of candidates) {
      const other = this.vocabulary.term(id);
      let strength = other === word ? 1 : sameStem(word, other) ? stemStrength : 0;
      const cos = strength < 1 && v ? (known ?? this.cosine(v, id)) : undefined;
      if (cos !== undefined && cos > floor) strength = Math.max(strength, Math.min(1, (cos - floor) / (1 - floor)));
      if (strength > 0) out.push({ id, strength });
    }
    return out.sort((a, b) => b.strength - a.strength || a.id - b.id).slice(0, maxNeighbours);
  }

  /** Cosine of `v` with vocabulary word `id`'s vector; undefined for a figure or a word without one. */
  private cosine(v: Float32Array, id: number): number | undefined {
    const word = this.vocabulary.term(id);
    const row = /\d/u.test(word) ? undefined : this.vectors.wordVector(word);
    return row?.length === v.length ? dotAt(v, row) : undefined;
  }
}

/** v · row, unrolled by four (the summation order the scores were tuned with). */
function dotAt(v: Float32Array, row: Float32Array): number {
  const dim = v.length;
  let a = 0;
  let b = 0;
  let c = 0;
  let e = 0;
  let d = 0;
  for (; d + 3 < dim; d += 4) {
    a += v[d]! * row[d]!;
    b += v[d + 1]! * row[d + 1]!;
    c += v[d + 2]! * row[d + 2]!;
    e += v[d + 3]! * row[d + 3]!;
  }
  for (; d < dim; d++) a += v[d]! * row[d]!;
  return a + b + c + e;
}
