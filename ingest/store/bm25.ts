import { contentTerms, indexTerms } from "../text/tokenize.js";
import { flatten, pack, unpack, type DocTerms, type Flat } from "./bm25-postings.js";
import { SortedTerms } from "./sorted-terms.js";
import { topK } from "./top-k.js";

/** How text becomes index terms. The id is persisted: an index built with other terms is rebuilt. */
export interface Analyzer {
  readonly id: string;
  /** A document's terms. */
  terms(text: string): string[];
  /** A query's terms, when they differ from a document's. */
  queryTerms?(text: string): string[];
}

export const DEFAULT_ANALYZER: Analyzer = { id: "content-terms-v2", terms: indexTerms, queryTerms: contentTerms };

/** A query's terms under `analyzer`. */
export const queryTermsOf = (analyzer: Analyzer, query: string): string[] => (analyzer.queryTerms ?? analyzer.terms)(query);

/** Okapi BM25 parameters; they only weigh postings at query time, so changing them needs no rebuild. */
export interface Bm25Params {
  k1: number;
  b: number;
}

export const DEFAULT_BM25_PARAMS: Readonly<Bm25Params> = { k1: 1.2, b: 0.75 };

export interface Bm25Match {
  doc: number;
  score: number;
}

/** The persisted form: JSON-safe metadata plus one binary buffer (layout in bm25-postings.ts). */
export interface Bm25Snapshot {
  meta: { analyzer: string; terms: string[]; docs: number; postings: number };
  data: Uint8Array;
}

/** One query term's run of postings and its BM25 weight, idf · (k1 + 1). */
interface QueryList {
  start: number;
  end: number;
  weight: number;
}

/** Flat postings with the per-position BM25 length norms and a scratch score per position. */
interface Postings extends Flat {
  norm: Float32Array;
  scores: Float64Array;
}

/**
 * A read-only view of the postings, numbered by position (0 … size-1, in insertion order), for callers
 * that walk them (word matching in rag/retrieve/word-match.ts reuses BM25's vocabulary and postings
 * instead of tokenising every chunk again).
 */
export interface PostingLists {
  readonly size: number;
  /** Term ids run 0 … termCount-1; a term of removed documents only keeps its id (df 0). */
  readonly termCount: number;
  id(term: string): number | undefined;
  term(id: number): string;
  df(id: number): number;
  /** Positions of the documents holding term `id`, ascending. */
  postings(id: number): Uint32Array;
  /** The distinct term ids of the document at `position`. */
  termsAt(position: number): Uint32Array;
  /** The document number (label) at `position`. */
  docAt(position: number): number;
  /** Ids of the terms starting with `prefix` (a term's other forms share its first letters: rag/terms/stem-buckets.ts). */
  withPrefix(prefix: string): ArrayLike<number>;
}

/**
 * An Okapi BM25 index over numbered documents. Queries run on flat postings (see Flat), so a query costs
 * O(postings of its terms), not O(documents). An index read from a snapshot serves from the snapshot's arrays
 * as they are; documents are kept as per-document term lists (cheap to add and remove) only once it changes,
 * and the flat postings are rebuilt from them by `prepare()` (or by the first query after a change).
 */
export class Bm25Index {
  readonly analyzer: Analyzer;
  readonly params: Readonly<Bm25Params>;
  private readonly termIds = new Map<string, number>();
  private terms: string[] = [];
  private readonly docs = new Map<number, DocTerms>();
  /** The snapshot's arrays while the index is as read (docs is then empty); null once it changed. */
  private frozen: { flat: Flat; snapshot: Bm25Snapshot } | null = null;
  private totalLen = 0;
  private postings: Postings | null = null;
  /** The vocabulary in sorted order, for the current postings. */
  private sorted: SortedTerms | null = null;
  private scratch: Uint32Array = new Uint32Array(1024);

  constructor(analyzer: Analyzer = DEFAULT_ANALYZER, params: Partial<Bm25Params> = {}) {
    this.analyzer = analyzer;
    this.params = { ...DEFAULT_BM25_PARAMS, ...params };
  }

  get size(): number {
    return this.frozen ? this.frozen.flat.docIds.length : this.docs.size;
  }

  add(doc: number, text: string): void {
    this.thaw();
    if (this.docs.has(doc)) throw new Error(`BM25: document ${doc} is already indexed`);
    const words = this.analyzer.terms(text);
    // Counting in a reused array indexed by term id, not a Map per document: add() runs per chunk.
    const ids: number[] = [];
    for (const word of words) {
      const id = this.termId(word);
      if (this.scratch.length <= id) this.scratch = growTo(this.scratch, id + 1);
      if (this.scratch[id]!++ === 0) ids.push(id);
    }
    const terms = Uint32Array.from(ids);
    const tfs = new Uint16Array(ids.length);
    ids.forEach((id, j) => {
      tfs[j] = Math.min(this.scratch[id]!, 0xffff);
      this.scratch[id] = 0;
    });
    this.insert(doc, { len: words.length, terms, tfs });
  }

  remove(doc: number): boolean {
    this.thaw();
    const entry = this.docs.get(doc);
    if (!entry) return false;
    this.docs.delete(doc);
    this.totalLen -= entry.len;
    this.postings = null;
    return true;
  }

  /** Builds the flat postings now (when stale), so that the first query does not. */
  prepare(): void {
    this.prepared();
  }

  /** The postings as a read-only view; valid until the next add or remove. */
  postingLists(): PostingLists {
    const p = this.prepared();
    const { terms } = this;
    const sorted = this.sorted!;
    return {
      size: p.docIds.length,
      termCount: terms.length,
      id: (term) => sorted.id(term),
      term: (id) => terms[id]!,
      df: (id) => p.termOffsets[id + 1]! - p.termOffsets[id]!,
      postings: (id) => p.pos.subarray(p.termOffsets[id]!, p.termOffsets[id + 1]!),
      termsAt: (position) => p.termIds.subarray(p.docOffsets[position]!, p.docOffsets[position + 1]!),
      docAt: (position) => p.docIds[position]!,
      withPrefix: (prefix) => sorted.withPrefix(prefix),
    };
  }

  /**
   * The k best documents for the query, best first; documents sharing no term are not returned. Exact, with
   * MaxScore pruning: terms go rarest first, and once no document the walk has not met could still reach the
   * k-th score so far (the remaining terms' ceilings add up to less), a common term's postings are no longer
   * walked: each document still in the running looks the term up with a binary search in its postings.
   */
  search(query: string, k: number): Bm25Match[] {
    if (k <= 0 || this.size === 0) return [];
    const p = this.prepared();
    const terms = this.queryLists(p, query);
    // ceilings[i]: the most terms i… can add to a document (tf / (tf + norm) < 1).
    const ceilings = terms.map((t) => t.weight);
    for (let i = ceilings.length - 2; i >= 0; i--) ceilings[i]! += ceilings[i + 1]!;
    const touched: number[] = [];
    let running = touched; // the touched positions that can still reach the top k
    for (const [i, term] of terms.entries()) {
      // No score so far exceeds what the terms done can add: then the k-th cannot beat the rest's ceiling either.
      const possible = running.length >= k && ceilings[0]! - ceilings[i]! >= ceilings[i]!;
      const kth = possible ? kthScore(running, p.scores, k) : 0;
      if (possible && kth >= ceilings[i]!) running = running.filter((pos) => p.scores[pos]! + ceilings[i]! >= kth);
      // Looking each running position up costs log2(df) steps; walking the postings costs df.
      if (running !== touched && running.length * Math.log2(term.end - term.start + 1) < term.end - term.start) {
        for (const pos of running) this.addIfHeld(p, term, pos);
      } else {
        for (let j = term.start; j < term.end; j++) {
          const pos = p.pos[j]!;
          if (p.scores[pos] === 0) touched.push(pos);
          p.scores[pos]! += (term.weight * p.posTf[j]!) / (p.posTf[j]! + p.norm[pos]!);
        }
      }
    }
    const best = topK(running, (pos) => p.scores[pos]!, k).map((pos) => ({ doc: p.docIds[pos]!, score: p.scores[pos]! }));
    for (const pos of touched) p.scores[pos] = 0;
    return best;
  }

  /** The query's distinct terms that the index holds: their postings and idf · (k1 + 1), rarest first. */
  private queryLists(p: Postings, query: string): QueryList[] {
    const n = p.docIds.length;
    const { k1 } = this.params;
    const out: QueryList[] = [];
    for (const term of new Set(queryTermsOf(this.analyzer, query))) {
      const t = this.sorted!.id(term);
      if (t === undefined) continue;
      const [start, end] = [p.termOffsets[t]!, p.termOffsets[t + 1]!];
      const df = end - start;
      if (df > 0) out.push({ start, end, weight: Math.log(1 + (n - df + 0.5) / (df + 0.5)) * (k1 + 1) });
    }
    return out.sort((a, b) => b.weight - a.weight);
  }

  /** Adds the term's score to position `pos` when the position holds it (a binary search in its postings). */
  private addIfHeld(p: Postings, term: QueryList, pos: number): void {
    let lo = term.start;
    let hi = term.end;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (p.pos[mid]! < pos) lo = mid + 1;
      else hi = mid;
    }
    if (lo < term.end && p.pos[lo] === pos) p.scores[pos]! += (term.weight * p.posTf[lo]!) / (p.posTf[lo]! + p.norm[pos]!);
  }

  /** The snapshot of the live documents (binary layout: bm25-postings.ts); unused terms are dropped and term ids renumbered. */
  serialize(): Bm25Snapshot {
    if (this.frozen) return this.frozen.snapshot;
    const remap = new Int32Array(this.terms.length).fill(-1);
    const terms: string[] = [];
    const docs = [...this.docs.values()];
    const lists = docs.map((d) => ({
      len: d.len,
      terms: d.terms.map((old) => (remap[old]! >= 0 ? remap[old]! : (remap[old] = terms.push(this.terms[old]!) - 1))),
      tfs: d.tfs,
    }));
    const flat = flatten([...this.docs.keys()], lists, terms);
    return { meta: { analyzer: this.analyzer.id, terms, docs: docs.length, postings: flat.termIds.length }, data: pack(flat) };
  }

  /**
   * Restores a snapshot; the analyzer must be the one that built it (compare `meta.analyzer` first). The
   * index serves from the snapshot's arrays (views, not copies, when `data` is 4-byte aligned).
   */
  static deserialize(snapshot: Bm25Snapshot, analyzer: Analyzer, params: Partial<Bm25Params> = {}): Bm25Index {
    const { meta } = snapshot;
    if (meta.analyzer !== analyzer.id) {
      throw new Error(`BM25: snapshot built with analyzer ${meta.analyzer}, not ${analyzer.id}`);
    }
    const index = new Bm25Index(analyzer, params);
    index.terms = meta.terms;
    const flat = unpack(snapshot.data, { docs: meta.docs, postings: meta.postings, terms: meta.terms.length });
    for (let i = 0; i < flat.lengths.length; i++) index.totalLen += flat.lengths[i]!;
    index.frozen = { flat, snapshot };
    index.prepared();
    return index;
  }

  /** Turns the snapshot's arrays into per-document lists (and the vocabulary into a Map), before the first change. */
  private thaw(): void {
    if (!this.frozen) return;
    const { docIds, lengths, docOffsets, termIds, tfs } = this.frozen.flat;
    this.frozen = null;
    this.terms = this.terms.slice(); // the snapshot keeps its own list
    this.terms.forEach((term, id) => this.termIds.set(term, id));
    for (let i = 0; i < docIds.length; i++) {
      const [from, to] = [docOffsets[i]!, docOffsets[i + 1]!];
      this.docs.set(docIds[i]!, { len: lengths[i]!, terms: termIds.subarray(from, to), tfs: tfs.subarray(from, to) });
    }
  }

  private insert(doc: number, entry: DocTerms): void {
    this.docs.set(doc, entry);
    this.totalLen += entry.len;
    this.postings = null;
  }

  /** The flat postings and sorted vocabulary, built now when stale. */
  private prepared(): Postings {
    if (this.postings) return this.postings;
    const flat = this.frozen ? this.frozen.flat : flatten([...this.docs.keys()], [...this.docs.values()], this.terms);
    this.sorted = new SortedTerms(this.terms, flat.order);
    return (this.postings = this.withNorms(flat));
  }

  private termId(term: string): number {
    let id = this.termIds.get(term);
    if (id === undefined) {
      id = this.terms.push(term) - 1;
      this.termIds.set(term, id);
    }
    return id;
  }

  /** The postings with the length norm of each position, for this index's k1 and b (query-time settings). */
  private withNorms(flat: Flat): Postings {
    const n = flat.docIds.length;
    const { k1, b } = this.params;
    const avgdl = this.totalLen / n || 1;
    const norm = new Float32Array(n);
    for (let pos = 0; pos < n; pos++) norm[pos] = k1 * (1 - b + (b * flat.lengths[pos]!) / avgdl);
    return { ...flat, norm, scores: new Float64Array(n) };
  }
}

function growTo(a: Uint32Array, min: number): Uint32Array {
  const grown = new Uint32Array(Math.max(min, a.length * 2));
  grown.set(a);
  return grown;
}

/** The k-th highest score among `positions` (k ≤ their number). */
function kthScore(positions: readonly number[], scores: Float64Array, k: number): number {
  const best = topK(positions, (pos) => scores[pos]!, k);
  return scores[best[k - 1]!]!;
}
