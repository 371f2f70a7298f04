import type { Chunk } from "../../core/types.js";
import type { WordVectors } from "../../ingest/embed/embedder.js";
import { contentTerms } from "../../ingest/text/tokenize.js";
import { sameStem } from "./same-stem.js";

export interface WordMatchOptions {
  /** Cosine below which a passage word does not count as a match for a question word (GloVe neighbours below ~0.5 are noise). */
  floor?: number;
  /** Match strength of another form of the same word ("negotiations"/"negotiating", "Zelensky"/"Zelenskiy"). */
  stemStrength?: number;
  /** Factor on matches found only in the chunk's document title (0 ignores titles). */
  titleFactor?: number;
  /** How many distinct question words keep their list of similar corpus words cached. */
  cacheSize?: number;
}

interface Neighbour {
  id: number;
  /** Match strength in (0, 1]: 1 for the word itself, less for another form or a neighbour by cosine. */
  strength: number;
}

/** A chunk's words: `ids[i]` occurs in the chunk with match factor `factors[i]` (1 in the text, titleFactor in the title only). */
interface Posting {
  chunk: number;
  factor: number;
}

/**
 * Word-vector MaxSim: each question word is matched to its most similar word in a passage (itself,
 * another form of it, or a close word vector), and the matches are averaged with IDF weights. So
 * paraphrases ("talks" for "negotiations") score where BM25 sees nothing, and rare question words weigh
 * more than common ones. The result, "coverage", is in [0, 1] and comparable across questions.
 *
 * Speed: the corpus vocabulary is embedded once into one matrix; each question word is compared with it
 * once and its close words are cached, then postings give every chunk's best match: a question costs
 * O(postings of the close words), about what BM25 costs.
 */
export class WordMatcher {
  private readonly floor: number;
  private readonly stemStrength: number;
  private readonly cacheSize: number;
  private readonly words: string[] = [];
  private readonly vocab = new Map<string, number>();
  private readonly postings: Posting[][] = [];
  private readonly df: number[] = [];
  private readonly matrix: Float32Array;
  private readonly dim: number;
  private readonly neighbours = new Map<string, Neighbour[]>();

  constructor(
    private readonly vectors: WordVectors,
    readonly chunks: readonly Chunk[],
    { floor = 0.5, stemStrength = 0.9, titleFactor = 0, cacheSize = 4096 }: WordMatchOptions = {},
  ) {
    if (!(floor >= 0 && floor < 1)) throw new RangeError(`word-match floor must be within [0, 1), got ${floor}`);
    this.floor = floor;
    this.stemStrength = stemStrength;
    this.cacheSize = cacheSize;
    chunks.forEach((chunk, i) => this.index(chunk, i, titleFactor));
    // Figures get no vector: they have no useful neighbours ("2014" is not "2015").
    const rows = this.words.map((word) => (/\d/u.test(word) ? undefined : vectors.wordVector(word)));
    this.dim = rows.find((v) => v !== undefined)?.length ?? 0;
    this.matrix = new Float32Array(this.words.length * this.dim);
    rows.forEach((v, id) => v?.length === this.dim && this.matrix.set(v, id * this.dim));
  }

  /** BM25's inverse document frequency over the chunks' texts; a word the corpus never uses gets the maximum. */
  idf(word: string): number {
    const id = this.vocab.get(word);
    const df = id === undefined ? 0 : this.df[id]!;
    return Math.log(1 + (this.chunks.length - df + 0.5) / (df + 0.5));
  }

  /** Coverage of the question's terms by every chunk, indexed like `chunks`. */
  coverage(terms: readonly string[]): Float64Array {
    const covered = new Float64Array(this.chunks.length);
    const best = new Float64Array(this.chunks.length);
    let total = 0;
    for (const term of terms) {
      const weight = this.idf(term);
      total += weight;
      best.fill(0);
      for (const n of this.similarWords(term)) {
        for (const p of this.postings[n.id]!) best[p.chunk] = Math.max(best[p.chunk]!, n.strength * p.factor);
      }
      for (let c = 0; c < best.length; c++) covered[c]! += weight * best[c]!;
    }
    if (total > 0) for (let c = 0; c < covered.length; c++) covered[c]! /= total;
    return covered;
  }

  /** Corpus words close to `word` (itself excluded), closest first: candidates for query expansion. */
  expansions(word: string, minStrength: number): { word: string; strength: number }[] {
    return this.similarWords(word)
      .filter((n) => n.strength >= minStrength && this.words[n.id] !== word)
      .map((n) => ({ word: this.words[n.id]!, strength: n.strength }));
  }

  /** The corpus words matching a question word, strongest first (cached, least recently used evicted). */
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
    const v = /\d/u.test(word) ? undefined : this.vectors.wordVector(word);
    const useVector = v !== undefined && v.length === this.dim;
    const { matrix, dim, floor } = this;
    const out: Neighbour[] = [];
    for (let id = 0, off = 0; id < this.words.length; id++, off += dim) {
      const other = this.words[id]!;
      let strength = other === word ? 1 : sameStem(word, other) ? this.stemStrength : 0;
      if (strength < 1 && useVector) {
        let cos = 0;
        for (let d = 0; d < dim; d++) cos += v[d]! * matrix[off + d]!;
        if (cos > floor) strength = Math.max(strength, Math.min(1, (cos - floor) / (1 - floor)));
      }
      if (strength > 0) out.push({ id, strength });
    }
    return out.sort((a, b) => b.strength - a.strength);
  }

  private index(chunk: Chunk, i: number, titleFactor: number): void {
    const text = new Set(contentTerms(chunk.text));
    for (const word of text) this.df[this.post(word, i, 1)]!++;
    if (titleFactor > 0) for (const word of new Set(contentTerms(chunk.title))) if (!text.has(word)) this.post(word, i, titleFactor);
  }

  private post(word: string, chunk: number, factor: number): number {
    let id = this.vocab.get(word);
    if (id === undefined) {
      id = this.words.push(word) - 1;
      this.vocab.set(word, id);
      this.postings.push([]);
      this.df.push(0);
    }
    this.postings[id]!.push({ chunk, factor });
    return id;
  }
}

/** The distinct content terms of a query, in order. */
export const uniqueTerms = (query: string): string[] => [...new Set(contentTerms(query))];
