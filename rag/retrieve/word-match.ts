import { contentTerms, type TermIndex } from "../../ingest/index.js";
import type { TermMatcher } from "../terms/term-matcher.js";
import { WordNeighbours } from "../terms/word-neighbours.js";

export interface WordMatchOptions {
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

/** A question term's matches: its weight, its matching corpus words, and its best match in each candidate document. */
interface TermMatch {
  weight: number;
  strengths: Map<number, number>;
  inDoc: Map<number, number>;
}

/**
 * Word-vector MaxSim: each question word is matched to its most similar word in a passage (itself,
 * another form of it, or a close word vector, as the term matcher judges them), and the matches are averaged with IDF weights. So
 * paraphrases ("talks" for "negotiations") score where BM25 sees nothing, and rare question words weigh
 * more than common ones. The result, "coverage", is in [0, 1] and comparable across questions. A term's
 * match in a chunk is its best match there, or documentFactor × its best match anywhere in the document.
 *
 * Speed: it reranks candidates and never walks the corpus. It runs on BM25's vocabulary and postings (TermIndex),
 * prepared when the index opens; a question costs O(candidates × their words) plus, per term, close word and
 * candidate document, one binary search in that word's postings (does the document hold it?), so its cost does not
 * grow with the corpus.
 */
export class WordMatcher {
  private readonly documentFactor: number;
  private readonly neighbours: WordNeighbours;

  constructor(
    matcher: TermMatcher,
    readonly index: TermIndex,
    { documentFactor = 0.4, maxNeighbours = 32, cacheSize = 4096 }: WordMatchOptions = {},
  ) {
    this.documentFactor = documentFactor;
    this.neighbours = new WordNeighbours(matcher, index, index.neighbours, { maxNeighbours, cacheSize });
  }

  /** BM25's inverse document frequency over the chunks' texts; a word the corpus never uses gets the maximum. */
  idf(word: string): number {
    const id = this.index.id(word);
    const df = id === undefined ? 0 : this.index.df(id);
    return Math.log(1 + (this.index.size - df + 0.5) / (df + 0.5));
  }

  /** The coverage of the question's terms in the chunk at each of `positions` (term-index positions), in [0, 1]; 0 for a position the index does not hold. */
  coverage(terms: readonly string[], positions: readonly number[]): number[] {
    const held = (p: number) => Number.isInteger(p) && p >= 0 && p < this.index.size;
    const docs = [...new Set(positions.filter(held).map((p) => this.index.docOf[p]!))];
    const matches = terms.map((term) => this.match(term, docs));
    const total = matches.reduce((sum, m) => sum + m.weight, 0);
    return positions.map((p) => (total > 0 && held(p) ? this.exact(matches, p) / total : 0));
  }

  /** Corpus words close to `word` (itself excluded), closest first: candidates for query expansion. */
  expansions(word: string, minStrength: number): { word: string; strength: number }[] {
    return this.neighbours
      .of(word)
      .filter((n) => n.strength >= minStrength && this.index.term(n.id) !== word)
      .map((n) => ({ word: this.index.term(n.id), strength: n.strength }));
  }

  /** One term: its weight, its close words, and its best match in each of `docs` (close words come strongest first). */
  private match(term: string, docs: readonly number[]): TermMatch {
    const close = this.neighbours.of(term);
    const inDoc = new Map<number, number>();
    for (const d of docs) {
      const found = close.find((n) => this.holds(d, n.id));
      if (found) inDoc.set(d, found.strength);
    }
    return { weight: this.idf(term), strengths: new Map(close.map((n) => [n.id, n.strength])), inDoc };
  }

  /** Whether document `doc` holds term `id`: a binary search for the document's first position in the term's postings. */
  private holds(doc: number, id: number): boolean {
    const list = this.index.postings(id);
    const own = this.index.docPositions(doc);
    const last = own[own.length - 1]!;
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (list[mid]! < own[0]!) lo = mid + 1;
      else hi = mid;
    }
    // A document's positions are usually one run; where they are not, other documents' positions lie between.
    for (let i = lo; i < list.length && list[i]! <= last; i++) if (this.index.docOf[list[i]!] === doc) return true;
    return false;
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
      const spread = this.documentFactor * (inDoc.get(doc) ?? 0);
      covered += weight * (own > spread ? own : spread);
    }
    return covered;
  }
}

/** The distinct content terms of a query, in order. */
export const uniqueTerms = (query: string): string[] => [...new Set(contentTerms(query))];
