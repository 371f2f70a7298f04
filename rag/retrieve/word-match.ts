import { contentTerms, topK, type TermIndex, type WordVectors } from "../../ingest/index.js";
import { WordNeighbours } from "./word-neighbours.js";

export interface WordMatchOptions {
  /** Cosine below which a passage word does not count as a match for a question word (GloVe neighbours below ~0.5 are noise). */
  floor?: number;
  /** Match strength of another form of the same word ("negotiations"/"negotiating", "Zelensky"/"Zelenskiy"). */
  stemStrength?: number;
  /**
   * Factor on matches found only elsewhere in the chunk's document (0 ignores the rest of the document): a
   * passage of the article that names "Alcaro" and "maximalist demands" answers "what does Alcaro list among
   * Putin's maximalist demands" even where it names neither.
   */
  documentFactor?: number;
  /** Most corpus words a question word may match: the long tail of weak neighbours costs time and adds noise. */
  maxNeighbours?: number;
  /** How many distinct question words keep their list of similar corpus words cached. */
  cacheSize?: number;
}

/** One question's coverage: the best chunks, and any chunk's value on demand (for reranking candidates). */
export interface Coverage {
  /** Positions (in the term index) of the chunks with the highest positive coverage, best first, earlier first on ties. */
  readonly top: readonly number[];
  /** Coverage of the chunk at `position`, in [0, 1]; 0 for a position the index does not hold. */
  at(position: number): number;
}

/** A question term's matches: its weight, its matching corpus words, and its best match in each document (0 where none). */
interface TermMatch {
  weight: number;
  strengths: Map<number, number>;
  inDoc: Float64Array;
}

// Approximate coverage (a sum in another order) may differ from the exact one in the last bits; candidates
// within this margin of the k-th are scored exactly, so the selection is that of the exact values.
const SELECTION_MARGIN = 1e-9;

/**
 * Word-vector MaxSim: each question word is matched to its most similar word in a passage (itself,
 * another form of it, or a close word vector), and the matches are averaged with IDF weights. So
 * paraphrases ("talks" for "negotiations") score where BM25 sees nothing, and rare question words weigh
 * more than common ones. The result, "coverage", is in [0, 1] and comparable across questions. A term's
 * match in a chunk is its best match there, or documentFactor × its best match anywhere in the document.
 *
 * Speed: it runs on BM25's vocabulary and postings (TermIndex), prepared when the index opens. A question
 * costs O(postings of each term's ≤ maxNeighbours close words): every chunk of a document that a term touches
 * gets the same document-wide credit, so chunks are scored one by one only where they beat it, and whole
 * documents are ranked by that shared value; exact values are then computed for the few candidates only.
 */
export class WordMatcher {
  private readonly documentFactor: number;
  private readonly neighbours: WordNeighbours;
  // Scratch space reused by every question (matching is synchronous), cleared through the touched lists.
  private readonly best: Float64Array;
  private readonly excess: Float64Array;
  private readonly inDoc: Float64Array;
  private readonly bound: Float64Array;

  constructor(
    vectors: WordVectors,
    readonly index: TermIndex,
    { floor = 0.5, stemStrength = 0.9, documentFactor = 0.4, maxNeighbours = 32, cacheSize = 4096 }: WordMatchOptions = {},
  ) {
    this.documentFactor = documentFactor;
    this.neighbours = new WordNeighbours(vectors, index, index.neighbours, { floor, stemStrength, maxNeighbours, cacheSize });
    this.best = new Float64Array(index.size);
    this.excess = new Float64Array(index.size);
    this.inDoc = new Float64Array(index.docCount);
    this.bound = new Float64Array(index.docCount);
  }

  /** BM25's inverse document frequency over the chunks' texts; a word the corpus never uses gets the maximum. */
  idf(word: string): number {
    const id = this.index.id(word);
    const df = id === undefined ? 0 : this.index.df(id);
    return Math.log(1 + (this.index.size - df + 0.5) / (df + 0.5));
  }

  /** The coverage of the question's terms, with the k best chunks. */
  coverage(terms: readonly string[], k: number): Coverage {
    const matches: TermMatch[] = [];
    const excessful: number[] = [];
    const touchedDocs: number[] = [];
    let total = 0;
    for (const term of terms) {
      const match = this.walk(term, excessful, touchedDocs);
      total += match.weight;
      matches.push(match);
    }
    const at = (position: number) => (total > 0 && position >= 0 && position < this.index.size ? this.exact(matches, position) / total : 0);
    const top = total > 0 && k > 0 ? this.select(matches, total, excessful, touchedDocs, k) : [];
    for (const u of excessful) this.excess[u] = 0;
    for (const d of touchedDocs) this.bound[d] = 0;
    return { top, at };
  }

  /** Corpus words close to `word` (itself excluded), closest first: candidates for query expansion. */
  expansions(word: string, minStrength: number): { word: string; strength: number }[] {
    return this.neighbours
      .of(word)
      .filter((n) => n.strength >= minStrength && this.index.term(n.id) !== word)
      .map((n) => ({ word: this.index.term(n.id), strength: n.strength }));
  }

  /**
   * One term over the postings of its close words: its best match per chunk and per document. Adds to each
   * touched document's shared credit (bound: Σ weight × best in document) and to each chunk's excess over
   * documentFactor × that credit, so that coverage = (documentFactor × bound + excess) / total.
   */
  private walk(term: string, excessful: number[], touchedDocs: number[]): TermMatch {
    const { best, inDoc, excess, bound, documentFactor: f } = this;
    const { docOf } = this.index;
    const weight = this.idf(term);
    const close = this.neighbours.of(term);
    const units: number[] = [];
    const docs: number[] = [];
    for (const n of close) {
      const list = this.index.postings(n.id);
      const s = n.strength;
      for (let i = 0; i < list.length; i++) {
        const u = list[i]!;
        // A chunk's document already holds at least its best match (inDoc ≥ best), so only a better match
        // in the chunk can raise the document's.
        if (s > best[u]!) {
          if (best[u] === 0) units.push(u);
          best[u] = s;
          const d = docOf[u]!;
          if (s > inDoc[d]!) {
            if (inDoc[d] === 0) docs.push(d);
            inDoc[d] = s;
          }
        }
      }
    }
    for (const u of units) {
      const over = best[u]! - f * inDoc[docOf[u]!]!;
      if (over > 0) {
        if (excess[u] === 0) excessful.push(u);
        excess[u]! += weight * over;
      }
      best[u] = 0;
    }
    const termInDoc = new Float64Array(this.index.docCount);
    for (const d of docs) {
      termInDoc[d] = inDoc[d]!;
      if (bound[d] === 0) touchedDocs.push(d);
      bound[d]! += weight * inDoc[d]!;
      inDoc[d] = 0;
    }
    return { weight, strengths: new Map(close.map((n) => [n.id, n.strength])), inDoc: termInDoc };
  }

  /**
   * The k best positions by exact coverage (ties: earlier position first). Chunks without excess share their
   * document's value, so a document offers its first k such chunks; approximate values pick the candidates
   * (everything within SELECTION_MARGIN of the k-th), exact ones order them.
   */
  private select(matches: readonly TermMatch[], total: number, excessful: readonly number[], touchedDocs: readonly number[], k: number): number[] {
    const { excess, bound, documentFactor: f } = this;
    const { docOf } = this.index;
    const approx = (u: number) => (f * bound[docOf[u]!]! + excess[u]!) / total;
    const shared = (d: number) => (f * bound[d]!) / total;
    const excessIn = new Uint32Array(this.index.docCount);
    for (const u of excessful) excessIn[docOf[u]!]!++;
    const sharing = (d: number) => this.index.docPositions(d).length - excessIn[d]!;
    const bestUnits = topK(excessful, approx, k);
    const bestDocs = topK(touchedDocs, shared, k).filter((d) => shared(d) > 0 && sharing(d) > 0);
    const counted = [
      ...bestUnits.map((u) => ({ value: approx(u), count: 1 })),
      ...bestDocs.map((d) => ({ value: shared(d), count: Math.min(k, sharing(d)) })),
    ].sort((a, b) => b.value - a.value);
    let threshold = -Infinity;
    let seen = 0;
    for (const { value, count } of counted) {
      seen += count;
      if (seen >= k) {
        threshold = value - SELECTION_MARGIN;
        break;
      }
    }
    const candidates = excessful.filter((u) => approx(u) >= threshold);
    for (const d of touchedDocs) {
      if (!(shared(d) >= threshold && shared(d) > 0)) continue;
      let taken = 0;
      for (const u of this.index.docPositions(d)) {
        if (taken === k) break;
        if (excess[u] === 0) (candidates.push(u), taken++);
      }
    }
    return candidates
      .map((u) => ({ u, value: this.exact(matches, u) / total }))
      .filter((c) => c.value > 0)
      .sort((a, b) => b.value - a.value || a.u - b.u)
      .slice(0, k)
      .map((c) => c.u);
  }

  /** Σ weight × max(best match in the chunk, documentFactor × best match in its document), in term order. */
  private exact(matches: readonly TermMatch[], position: number): number {
    const words = this.index.termsAt(position);
    const doc = this.index.docOf[position]!;
    let covered = 0;
    for (const { weight, strengths, inDoc } of matches) {
      let own = 0;
      for (let i = 0; i < words.length; i++) {
        const s = strengths.get(words[i]!);
        if (s !== undefined && s > own) own = s;
      }
      const spread = this.documentFactor * inDoc[doc]!;
      covered += weight * (own > spread ? own : spread);
    }
    return covered;
  }
}

/** The distinct content terms of a query, in order. */
export const uniqueTerms = (query: string): string[] => [...new Set(contentTerms(query))];
