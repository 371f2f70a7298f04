import type { Chunk } from "../../core/types.js";
import type { WordVectors } from "../../ingest/embed/embedder.js";
import { contentTerms } from "../../ingest/text/tokenize.js";

export interface WordMatchOptions {
  /** Cosine below which a passage word does not count as a match for a question word (GloVe neighbours below ~0.5 are noise). */
  floor?: number;
  /** How many distinct question words keep their list of similar corpus words cached. */
  cacheSize?: number;
}

interface Neighbour {
  id: number;
  /** Match strength in (0, 1]: 1 for the word itself, rescaled cosine for a neighbour. */
  strength: number;
}

/**
 * Word-vector MaxSim: each question word is matched to its most similar word in a passage, and the
 * matches are averaged with IDF weights. Paraphrases ("talks" for "negotiations") score where BM25
 * sees nothing, and rare question words weigh more than common ones.
 *
 * Speed: the corpus vocabulary is embedded once into one matrix; each question word is compared with it
 * once and the few close words are cached, so scoring a passage is a handful of set lookups.
 */
export class WordMatcher {
  private readonly floor: number;
  private readonly cacheSize: number;
  private readonly vocab = new Map<string, number>();
  private readonly df: number[] = [];
  private readonly numeric: boolean[] = [];
  private readonly matrix: Float32Array;
  private readonly dim: number;
  private readonly chunkCount: number;
  private readonly chunkWords = new Map<string, Set<number>>();
  private readonly neighbours = new Map<string, Neighbour[]>();

  constructor(
    private readonly vectors: WordVectors,
    chunks: readonly Chunk[],
    { floor = 0.5, cacheSize = 4096 }: WordMatchOptions = {},
  ) {
    if (!(floor >= 0 && floor < 1)) throw new RangeError(`word-match floor must be within [0, 1), got ${floor}`);
    this.floor = floor;
    this.cacheSize = cacheSize;
    this.chunkCount = chunks.length;
    for (const chunk of chunks) {
      for (const word of new Set(contentTerms(chunk.text))) {
        let id = this.vocab.get(word);
        if (id === undefined) {
          this.vocab.set(word, (id = this.vocab.size));
          this.numeric[id] = /\d/u.test(word);
        }
        this.df[id] = (this.df[id] ?? 0) + 1;
      }
    }
    this.dim = this.firstVectorLength();
    this.matrix = new Float32Array(this.vocab.size * this.dim);
    for (const [word, id] of this.vocab) {
      const v = vectors.wordVector(word);
      if (v) this.matrix.set(v, id * this.dim);
    }
  }

  /** BM25-style inverse document frequency over the chunks; a word the corpus never uses gets the maximum. */
  idf(word: string): number {
    const id = this.vocab.get(word);
    const df = id === undefined ? 0 : (this.df[id] ?? 0);
    return Math.log(1 + (this.chunkCount - df + 0.5) / (df + 0.5));
  }

  /** Soft coverage of the question's content words by the chunk, in [0, 1]. */
  coverage(query: string | readonly string[], chunk: Chunk): number {
    const terms = typeof query === "string" ? uniqueTerms(query) : query;
    const words = this.wordsOf(chunk);
    let matched = 0;
    let total = 0;
    for (const term of terms) {
      const weight = this.idf(term);
      total += weight;
      let best = 0;
      for (const n of this.similarWords(term)) {
        if (n.strength > best && words.has(n.id)) best = n.strength;
        if (best === 1) break;
      }
      matched += weight * best;
    }
    return total > 0 ? matched / total : 0;
  }

  /** Corpus words close to `word` (itself excluded), closest first: candidates for query expansion. */
  expansions(word: string, minStrength: number): { word: string; strength: number }[] {
    const words = [...this.vocab.keys()];
    return this.similarWords(word)
      .filter((n) => n.strength >= minStrength && n.strength < 1)
      .map((n) => ({ word: words[n.id]!, strength: n.strength }));
  }

  /** The corpus words similar to a question word, closest first (cached, least recently used evicted). */
  private similarWords(word: string): Neighbour[] {
    const cached = this.neighbours.get(word);
    if (cached) {
      this.neighbours.delete(word);
      this.neighbours.set(word, cached);
      return cached;
    }
    const found = this.scan(word);
    if (this.neighbours.size >= this.cacheSize) this.neighbours.delete(this.neighbours.keys().next().value!);
    this.neighbours.set(word, found);
    return found;
  }

  private scan(word: string): Neighbour[] {
    const self = this.vocab.get(word);
    const out: Neighbour[] = self === undefined ? [] : [{ id: self, strength: 1 }];
    const v = this.vectors.wordVector(word);
    // Figures have no useful neighbours: "2014" is not "2015".
    if (!v || v.length !== this.dim || /\d/u.test(word)) return out;
    const { matrix, dim, floor } = this;
    for (let id = 0, off = 0; id < this.vocab.size; id++, off += dim) {
      if (id === self || this.numeric[id]) continue;
      let cos = 0;
      for (let d = 0; d < dim; d++) cos += v[d]! * matrix[off + d]!;
      if (cos > floor) out.push({ id, strength: Math.min(1, (cos - floor) / (1 - floor)) });
    }
    return out.sort((a, b) => b.strength - a.strength);
  }

  /**
   * Ids of the chunk's distinct content words, computed on first use and cached. The vocabulary is fixed at
   * construction, so words of chunks added to the store later are ignored: build a new matcher then.
   */
  private wordsOf(chunk: Chunk): Set<number> {
    let ids = this.chunkWords.get(chunk.id);
    if (!ids) {
      ids = new Set<number>();
      for (const word of contentTerms(chunk.text)) {
        const id = this.vocab.get(word);
        if (id !== undefined) ids.add(id);
      }
      this.chunkWords.set(chunk.id, ids);
    }
    return ids;
  }

  private firstVectorLength(): number {
    for (const word of this.vocab.keys()) {
      const v = this.vectors.wordVector(word);
      if (v) return v.length;
    }
    return 0;
  }
}

/** The distinct content terms of a query, in order. */
export const uniqueTerms = (query: string): string[] => [...new Set(contentTerms(query))];
