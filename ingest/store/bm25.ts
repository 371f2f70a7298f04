import { contentTerms } from "../text/tokenize.js";
import { topK } from "./top-k.js";

/** How text becomes index terms. The id is persisted: an index built with other terms is rebuilt. */
export interface Analyzer {
  readonly id: string;
  terms(text: string): string[];
}

export const DEFAULT_ANALYZER: Analyzer = { id: "content-terms-v1", terms: contentTerms };

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

/** The persisted form: JSON-safe metadata plus one binary buffer (layout in `serialize`). */
export interface Bm25Snapshot {
  meta: { analyzer: string; terms: string[]; docs: number; postings: number };
  data: Uint8Array;
}

interface DocTerms {
  len: number;
  terms: Uint32Array;
  tfs: Uint16Array;
}

/** Term-major postings (CSR), rebuilt after changes; `pos` indexes the per-document arrays. */
interface Postings {
  docIds: Uint32Array;
  /** Each position's distinct term ids (views into the per-document lists). */
  docTerms: Uint32Array[];
  norm: Float32Array;
  offsets: Uint32Array;
  pos: Uint32Array;
  tf: Uint16Array;
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
}

/**
 * An Okapi BM25 index over numbered documents. Documents are kept as compact term lists (cheap to
 * add, remove and persist); queries run on term-major postings built from them by `prepare()` (open
 * calls it, so no query pays for it; a query after a change rebuilds them), so a query costs
 * O(postings of its terms), not O(documents).
 */
export class Bm25Index {
  readonly analyzer: Analyzer;
  readonly params: Readonly<Bm25Params>;
  private readonly termIds = new Map<string, number>();
  private readonly terms: string[] = [];
  private readonly docs = new Map<number, DocTerms>();
  private totalLen = 0;
  private postings: Postings | null = null;
  private scratch: Uint32Array = new Uint32Array(1024);

  constructor(analyzer: Analyzer = DEFAULT_ANALYZER, params: Partial<Bm25Params> = {}) {
    this.analyzer = analyzer;
    this.params = { ...DEFAULT_BM25_PARAMS, ...params };
  }

  get size(): number {
    return this.docs.size;
  }

  add(doc: number, text: string): void {
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
    const entry = this.docs.get(doc);
    if (!entry) return false;
    this.docs.delete(doc);
    this.totalLen -= entry.len;
    this.postings = null;
    return true;
  }

  /** Builds the term-major postings now (when stale), so that the first query does not. */
  prepare(): void {
    this.postings ??= this.buildPostings();
  }

  /** The postings as a read-only view; valid until the next add or remove. */
  postingLists(): PostingLists {
    const p = (this.postings ??= this.buildPostings());
    const { termIds, terms } = this;
    return {
      size: p.docIds.length,
      termCount: terms.length,
      id: (term) => termIds.get(term),
      term: (id) => terms[id]!,
      df: (id) => p.offsets[id + 1]! - p.offsets[id]!,
      postings: (id) => p.pos.subarray(p.offsets[id]!, p.offsets[id + 1]!),
      termsAt: (position) => p.docTerms[position]!,
      docAt: (position) => p.docIds[position]!,
    };
  }

  /** The k best documents for the query, best first; documents sharing no term are not returned. */
  search(query: string, k: number): Bm25Match[] {
    if (k <= 0 || this.docs.size === 0) return [];
    const p = (this.postings ??= this.buildPostings());
    const n = this.docs.size;
    const { k1 } = this.params;
    const touched: number[] = [];
    for (const term of new Set(this.analyzer.terms(query))) {
      const t = this.termIds.get(term);
      if (t === undefined) continue;
      const start = p.offsets[t]!;
      const end = p.offsets[t + 1]!;
      const df = end - start;
      if (df === 0) continue;
      const w = Math.log(1 + (n - df + 0.5) / (df + 0.5)) * (k1 + 1);
      for (let i = start; i < end; i++) {
        const pos = p.pos[i]!;
        const tf = p.tf[i]!;
        if (p.scores[pos] === 0) touched.push(pos);
        p.scores[pos]! += (w * tf) / (tf + p.norm[pos]!);
      }
    }
    const best = topK(touched, (pos) => p.scores[pos]!, k).map((pos) => ({ doc: p.docIds[pos]!, score: p.scores[pos]! }));
    for (const pos of touched) p.scores[pos] = 0;
    return best;
  }

  /**
   * Binary layout (little-endian): docIds u32[docs] · lengths u32[docs] · docOffsets u32[docs+1] ·
   * termIds u32[postings] · tfs u16[postings]. Unused terms are dropped and term ids renumbered.
   */
  serialize(): Bm25Snapshot {
    const remap = new Map<number, number>();
    const terms: string[] = [];
    let postings = 0;
    for (const d of this.docs.values()) postings += d.terms.length;
    const n = this.docs.size;
    const u32 = new Uint32Array(n * 3 + 1 + postings);
    const tfs = new Uint16Array(postings);
    let i = 0;
    let p = 0;
    for (const [doc, d] of this.docs) {
      u32[i] = doc;
      u32[n + i] = d.len;
      u32[2 * n + i] = p;
      for (let j = 0; j < d.terms.length; j++, p++) {
        const old = d.terms[j]!;
        let id = remap.get(old);
        if (id === undefined) {
          id = terms.push(this.terms[old]!) - 1;
          remap.set(old, id);
        }
        u32[3 * n + 1 + p] = id;
        tfs[p] = d.tfs[j]!;
      }
      i++;
    }
    u32[3 * n] = p;
    const data = new Uint8Array(u32.byteLength + tfs.byteLength);
    data.set(new Uint8Array(u32.buffer), 0);
    data.set(new Uint8Array(tfs.buffer), u32.byteLength);
    return { meta: { analyzer: this.analyzer.id, terms, docs: n, postings }, data };
  }

  /** Restores a snapshot; the analyzer must be the one that built it (compare `meta.analyzer` first). */
  static deserialize(snapshot: Bm25Snapshot, analyzer: Analyzer, params: Partial<Bm25Params> = {}): Bm25Index {
    const { meta } = snapshot;
    if (meta.analyzer !== analyzer.id) {
      throw new Error(`BM25: snapshot built with analyzer ${meta.analyzer}, not ${analyzer.id}`);
    }
    const n = meta.docs;
    const u32Len = n * 3 + 1 + meta.postings;
    if (snapshot.data.byteLength !== u32Len * 4 + meta.postings * 2) {
      throw new Error(`BM25: snapshot data has ${snapshot.data.byteLength} bytes, expected ${u32Len * 4 + meta.postings * 2}`);
    }
    const aligned = snapshot.data.byteOffset % 4 === 0 ? snapshot.data : new Uint8Array(snapshot.data); // a copy starts aligned
    const u32 = new Uint32Array(aligned.buffer, aligned.byteOffset, u32Len);
    const tfs = new Uint16Array(aligned.buffer, aligned.byteOffset + u32Len * 4, meta.postings);
    const index = new Bm25Index(analyzer, params);
    for (const term of meta.terms) index.termId(term);
    for (let i = 0; i < n; i++) {
      const from = u32[2 * n + i]!;
      const to = u32[2 * n + i + 1]!;
      const termIds = u32.subarray(3 * n + 1 + from, 3 * n + 1 + to);
      index.insert(u32[i]!, { len: u32[n + i]!, terms: termIds, tfs: tfs.subarray(from, to) });
    }
    return index;
  }

  private insert(doc: number, entry: DocTerms): void {
    this.docs.set(doc, entry);
    this.totalLen += entry.len;
    this.postings = null;
  }

  private termId(term: string): number {
    let id = this.termIds.get(term);
    if (id === undefined) {
      id = this.terms.push(term) - 1;
      this.termIds.set(term, id);
    }
    return id;
  }

  private buildPostings(): Postings {
    const n = this.docs.size;
    const { k1, b } = this.params;
    const avgdl = this.totalLen / n || 1;
    const docIds = new Uint32Array(n);
    const docTerms: Uint32Array[] = [];
    const norm = new Float32Array(n);
    const offsets = new Uint32Array(this.terms.length + 1);
    let pos = 0;
    for (const [doc, d] of this.docs) {
      docIds[pos] = doc;
      docTerms.push(d.terms);
      norm[pos++] = k1 * (1 - b + (b * d.len) / avgdl);
      for (const t of d.terms) offsets[t + 1]!++;
    }
    for (let t = 0; t < this.terms.length; t++) offsets[t + 1]! += offsets[t]!;
    const cursor = offsets.slice(0, this.terms.length);
    const postPos = new Uint32Array(offsets[this.terms.length]!);
    const postTf = new Uint16Array(postPos.length);
    pos = 0;
    for (const d of this.docs.values()) {
      for (let j = 0; j < d.terms.length; j++) {
        const c = cursor[d.terms[j]!]!++;
        postPos[c] = pos;
        postTf[c] = d.tfs[j]!;
      }
      pos++;
    }
    return { docIds, docTerms, norm, offsets, pos: postPos, tf: postTf, scores: new Float64Array(n) };
  }
}

function growTo(a: Uint32Array, min: number): Uint32Array {
  const grown = new Uint32Array(Math.max(min, a.length * 2));
  grown.set(a);
  return grown;
}
