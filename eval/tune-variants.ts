import type { Hit } from "../core/types.js";
import { contentTerms } from "../ingest/text/tokenize.js";
import type { ChunkStore, Embedder, StoreOptions } from "../ingest/index.js";
import { DenseRetriever, fuseRrf, fuseScores, HybridRetriever, LexicalRetriever, type HybridOptions, type Retriever } from "../rag/index.js";

/** One retrieval recipe of the tuning table: store options (BM25 analyzer, title) and a retriever over it. */
export interface Variant {
  name: string;
  store?: StoreOptions;
  make(store: ChunkStore, embedder: Embedder): Retriever;
}

/** Harman's S-stemmer: plural endings only ("talks" → "talk", "policies" → "policy"); never touches -ss/-us. */
export function sStem(word: string): string {
  if (word.length < 4 || /\d/u.test(word)) return word;
  if (/ies$/u.test(word) && !/[ae]ies$/u.test(word)) return `${word.slice(0, -3)}y`;
  if (/es$/u.test(word) && !/[aeo]es$/u.test(word)) return word.slice(0, -1);
  if (/s$/u.test(word) && !/[us]s$/u.test(word)) return word.slice(0, -1);
  return word;
}

const STEMMED = { id: "content-terms-sstem-v1", terms: (text: string) => contentTerms(text).map(sStem) };

const fused = (fuse: (lists: Hit[][]) => Hit[], depth: number) => (store: ChunkStore, embedder: Embedder): Retriever => ({
  async retrieve(query, k) {
    const [lexical, dense] = await Promise.all([store.lexical(query, depth), embedder.embedQuery(query).then((v) => store.dense(v, depth))]);
    return fuse([lexical, dense]).slice(0, k);
  },
});

const hybrid = (name: string, options: HybridOptions, store?: StoreOptions): Variant => ({
  name,
  store,
  make: (s, e) => new HybridRetriever(s, e, options),
});

export const RETRIEVAL_VARIANTS: Variant[] = [
  { name: "bm25", make: (s) => new LexicalRetriever(s) },
  { name: "bm25 +title", store: { bm25: { includeTitle: true } }, make: (s) => new LexicalRetriever(s) },
  { name: "bm25 s-stem", store: { bm25: { analyzer: STEMMED } }, make: (s) => new LexicalRetriever(s) },
  { name: "dense sif", make: (s, e) => new DenseRetriever(s, e) },
  { name: "rrf k60 d5", make: fused((l) => fuseRrf(l), 5) },
  { name: "rrf k60 d20", make: fused((l) => fuseRrf(l), 20) },
  { name: "rrf 3:1 d20", make: fused((l) => fuseRrf(l, { weights: [3, 1] }), 20) },
  { name: "score-fusion 1:1 d20", make: fused((l) => fuseScores(l), 20) },
  { name: "score-fusion 2:1 d20", make: fused((l) => fuseScores(l, { weights: [2, 1] }), 20) },
  { name: "score-fusion 4:1 d20", make: fused((l) => fuseScores(l, { weights: [4, 1] }), 20) },
  hybrid("hybrid bm25 only", { weights: { bm25: 1, dense: 0, wordMatch: 0 } }),
  hybrid("hybrid wm only", { weights: { bm25: 0, dense: 0, wordMatch: 1 } }),
  hybrid("hybrid bm25+wm 1:1", { weights: { bm25: 1, dense: 0, wordMatch: 1 } }),
  hybrid("hybrid bm25+wm 2:1", { weights: { bm25: 2, dense: 0, wordMatch: 1 } }),
  hybrid("hybrid bm25+wm 1:2", { weights: { bm25: 1, dense: 0, wordMatch: 2 } }),
  hybrid("hybrid bm25+wm 1:2 title.5", { weights: { bm25: 1, dense: 0, wordMatch: 2 }, wordMatch: { titleFactor: 0.5 } }),
  hybrid("hybrid bm25+wm 1:2 title.3", { weights: { bm25: 1, dense: 0, wordMatch: 2 }, wordMatch: { titleFactor: 0.3 } }),
  hybrid("hybrid bm25+wm 1:3 title.5", { weights: { bm25: 1, dense: 0, wordMatch: 3 }, wordMatch: { titleFactor: 0.5 } }),
  hybrid("hybrid bm25+wm 1:2 floor.6", { weights: { bm25: 1, dense: 0, wordMatch: 2 }, wordMatch: { floor: 0.6 } }),
  hybrid("hybrid bm25+wm 1:2 floor.4", { weights: { bm25: 1, dense: 0, wordMatch: 2 }, wordMatch: { floor: 0.4 } }),
  hybrid("hybrid bm25+dense 1:1", { weights: { bm25: 1, dense: 1, wordMatch: 0 } }),
  hybrid("hybrid bm25+wm+dense 1:1:1", { weights: { bm25: 1, dense: 1, wordMatch: 1 } }),
  hybrid("hybrid bm25+wm+dense 2:2:1", { weights: { bm25: 2, dense: 1, wordMatch: 2 } }),
];
