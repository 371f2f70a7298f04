import type { Chunk } from "../../core/types.js";
import { contentTerms, splitSentences, type WordVectors } from "../../ingest/index.js";
import { WordNeighbours } from "./word-neighbours.js";

export interface WordMatchOptions {
  /** Cosine below which a passage word does not count as a match for a question word (GloVe neighbours below ~0.5 are noise). */
  floor?: number;
  /** Match strength of another form of the same word ("negotiations"/"negotiating", "Zelensky"/"Zelenskiy"). */
  stemStrength?: number;
  /** Factor on matches found only in the chunk's document title (0 ignores titles). */
  titleFactor?: number;
  /**
   * Factor on matches found only elsewhere in the chunk's document (0 ignores the rest of the document): a
   * passage of the article that names "Alcaro" and "maximalist demands" answers "what does Alcaro list among
   * Putin's maximalist demands" even where it names neither.
   */
  documentFactor?: number;
  /**
   * Sentences per matching window (0 = the whole chunk): a chunk's coverage is that of its best window of
   * this many consecutive sentences, which rewards question words found close together.
   */
  window?: number;
  /** Most corpus words a question word may match: the long tail of weak neighbours costs time and adds noise. */
  maxNeighbours?: number;
  /** How many distinct question words keep their list of similar corpus words cached. */
  cacheSize?: number;
}

/** Where a word occurs: windows, each with a match factor (1 in the text, titleFactor in the title only). */
interface Postings {
  units: Uint32Array;
  factors: Float32Array;
}

/**
 * Word-vector MaxSim: each question word is matched to its most similar word in a passage (itself,
 * another form of it, or a close word vector), and the matches are averaged with IDF weights. So
 * paraphrases ("talks" for "negotiations") score where BM25 sees nothing, and rare question words weigh
 * more than common ones. The result, "coverage", is in [0, 1] and comparable across questions.
 *
 * Speed: each question word is compared with the corpus vocabulary once (WordNeighbours) and its close
 * words are cached, then postings give every chunk's best match: a question costs O(postings of the close
 * words) plus one pass over all matching windows per question word (for the document-wide matches).
 */
export class WordMatcher {
  private readonly words: string[] = [];
  private readonly vocab = new Map<string, number>();
  private readonly postings: Postings[];
  private readonly building: { units: number[]; factors: number[] }[] = [];
  private readonly df: number[] = [];
  /** The chunk of each matching window. */
  private readonly unitChunk: number[] = [];
  /** The document (numbered in order of first appearance) of each matching window. */
  private readonly unitDoc: Uint32Array;
  private readonly buildingDocs: number[] = [];
  private readonly docIndex = new Map<string, number>();
  private readonly documentFactor: number;
  private readonly neighbours: WordNeighbours;

  constructor(
    vectors: WordVectors,
    readonly chunks: readonly Chunk[],
    { floor = 0.5, stemStrength = 0.9, titleFactor = 0, documentFactor = 0.4, window = 0, maxNeighbours = 32, cacheSize = 4096 }: WordMatchOptions = {},
  ) {
    this.documentFactor = documentFactor;
    chunks.forEach((chunk, i) => this.index(chunk, i, titleFactor, window));
    this.postings = this.building.map((p) => ({ units: Uint32Array.from(p.units), factors: Float32Array.from(p.factors) }));
    this.building.length = 0;
    this.unitDoc = Uint32Array.from(this.buildingDocs);
    this.buildingDocs.length = 0;
    this.neighbours = new WordNeighbours(vectors, this.words, { floor, stemStrength, maxNeighbours, cacheSize });
  }

  /** BM25's inverse document frequency over the chunks' texts; a word the corpus never uses gets the maximum. */
  idf(word: string): number {
    const id = this.vocab.get(word);
    const df = id === undefined ? 0 : this.df[id]!;
    return Math.log(1 + (this.chunks.length - df + 0.5) / (df + 0.5));
  }

  /**
   * Coverage of the question's terms by every chunk (by its best window), indexed like `chunks`. A term's
   * match in a window is its best match there, or documentFactor × its best match anywhere in the document.
   */
  coverage(terms: readonly string[]): Float64Array {
    const units = this.unitChunk.length;
    const covered = new Float64Array(units);
    const best = new Float64Array(units);
    const inDoc = new Float64Array(this.docIndex.size);
    const { documentFactor: f, unitDoc } = this;
    let total = 0;
    for (const term of terms) {
      const weight = this.idf(term);
      total += weight;
      best.fill(0);
      inDoc.fill(0);
      for (const n of this.neighbours.of(term)) {
        const { units, factors } = this.postings[n.id]!;
        for (let i = 0; i < units.length; i++) {
          const u = units[i]!;
          const strength = n.strength * factors[i]!;
          if (strength > best[u]!) best[u] = strength;
          if (strength > inDoc[unitDoc[u]!]!) inDoc[unitDoc[u]!] = strength;
        }
      }
      for (let u = 0; u < units; u++) {
        const own = best[u]!;
        const spread = f * inDoc[unitDoc[u]!]!;
        covered[u]! += weight * (own > spread ? own : spread);
      }
    }
    const byChunk = new Float64Array(this.chunks.length);
    if (total > 0) for (let u = 0; u < units; u++) byChunk[this.unitChunk[u]!] = Math.max(byChunk[this.unitChunk[u]!]!, covered[u]! / total);
    return byChunk;
  }

  /** Corpus words close to `word` (itself excluded), closest first: candidates for query expansion. */
  expansions(word: string, minStrength: number): { word: string; strength: number }[] {
    return this.neighbours
      .of(word)
      .filter((n) => n.strength >= minStrength && this.words[n.id] !== word)
      .map((n) => ({ word: this.words[n.id]!, strength: n.strength }));
  }

  private index(chunk: Chunk, i: number, titleFactor: number, window: number): void {
    const text = new Set(contentTerms(chunk.text));
    for (const word of text) this.df[this.wordId(word)]!++;
    const title = titleFactor > 0 ? new Set(contentTerms(chunk.title)) : new Set<string>();
    for (const unit of windows(chunk.text, window)) {
      const words = window > 0 ? new Set(contentTerms(unit)) : text;
      const u = this.unitChunk.push(i) - 1;
      this.buildingDocs.push(this.docOf(chunk.source));
      for (const word of words) this.post(word, u, 1);
      for (const word of title) if (!words.has(word)) this.post(word, u, titleFactor);
    }
  }

  private docOf(source: string): number {
    let d = this.docIndex.get(source);
    if (d === undefined) this.docIndex.set(source, (d = this.docIndex.size));
    return d;
  }

  private post(word: string, unit: number, factor: number): void {
    const p = this.building[this.wordId(word)]!;
    p.units.push(unit);
    p.factors.push(factor);
  }

  private wordId(word: string): number {
    let id = this.vocab.get(word);
    if (id === undefined) {
      id = this.words.push(word) - 1;
      this.vocab.set(word, id);
      this.building.push({ units: [], factors: [] });
      this.df.push(0);
    }
    return id;
  }
}

/** Runs of `size` consecutive sentences, one per starting sentence; the whole text when size is 0 or it is short. */
function windows(text: string, size: number): string[] {
  const sentences = size > 0 ? splitSentences(text) : [];
  if (sentences.length <= size || size === 0) return [text];
  return sentences.slice(0, sentences.length - size + 1).map((s, i) => text.slice(s.start, sentences[i + size - 1]!.end));
}

/** The distinct content terms of a query, in order. */
export const uniqueTerms = (query: string): string[] => [...new Set(contentTerms(query))];
