import type { Hit } from "../core/types.js";
import { type ChunkReader, contentTerms, type Embedder, hasWordVectors, type StoreOptions } from "../ingest/index.js";
import {
  candidatesFor,
  DEFAULT_HYBRID,
  DenseRetriever,
  fuseRrf,
  fuseScores,
  type HybridOptions,
  HybridRetriever,
  LexicalRetriever,
  PostprocessedRetriever,
  defaultPostprocessors,
  type PostprocessOptions,
  type Retriever,
  TermMatcher,
  type TermMatchOptions,
  WordMatcher,
} from "../rag/index.js";

/** One retrieval recipe of the tuning table: store options (BM25 analyzer, title) and a retriever over it. */
export interface Variant {
  name: string;
  store?: StoreOptions;
  make(store: ChunkReader, embedder: Embedder): Retriever;
}

/** Harman's S-stemmer: plural endings only ("talks" → "talk", "policies" → "policy"); never touches -ss/-us. */
function sStem(word: string): string {
  if (word.length < 4 || /\d/u.test(word)) return word;
  if (/ies$/u.test(word) && !/[ae]ies$/u.test(word)) return `${word.slice(0, -3)}y`;
  if (/es$/u.test(word) && !/[aeo]es$/u.test(word)) return word.slice(0, -1);
  if (/s$/u.test(word) && !/[us]s$/u.test(word)) return word.slice(0, -1);
  return word;
}

const STEMMED = { id: "content-terms-sstem-v1", terms: (text: string) => contentTerms(text).map(sStem) };

const fused =
  (fuse: (lists: Hit[][]) => Hit[], depth: number) =>
  (store: ChunkReader, embedder: Embedder): Retriever => ({
    async retrieve(query, k) {
      const [lexical, dense] = await Promise.all([store.lexical(query, depth), embedder.embedQuery(query).then((v) => store.dense(v, depth))]);
      return fuse([lexical, dense]).slice(0, k);
    },
  });

/** BM25 over the query plus each word's close corpus words (word-vector query expansion). */
const expandedBm25 =
  (minStrength: number, perWord: number) =>
  (store: ChunkReader, embedder: Embedder): Retriever => {
    if (!hasWordVectors(embedder)) throw new Error("query expansion needs word vectors");
    const matcher = new WordMatcher(new TermMatcher(embedder), store.termIndex());
    return {
      retrieve(query, k) {
        const extra = [...new Set(contentTerms(query))].flatMap((w) =>
          matcher
            .expansions(w, minStrength)
            .slice(0, perWord)
            .map((e) => e.word),
        );
        return store.lexical(`${query} ${extra.join(" ")}`, k);
      },
    };
  };

/** The hybrid retriever followed by the engine's postprocessors (dedupe, MMR), as the engine runs it; `terms` varies how words match. */
const hybrid = (name: string, options: HybridOptions, store?: StoreOptions, post: PostprocessOptions = {}, terms?: TermMatchOptions): Variant => ({
  name,
  store,
  make: (s, e) => {
    const termMatcher = terms ? new TermMatcher(hasWordVectors(e) ? e : undefined, terms) : undefined;
    const retriever = new HybridRetriever(s, e, termMatcher ? { ...options, termMatcher } : options);
    return new PostprocessedRetriever(retriever, defaultPostprocessors(post), candidatesFor(options.depth ?? DEFAULT_HYBRID.depth));
  },
});

const CHOSEN = DEFAULT_HYBRID.weights;
// The recipes before the chosen one: three signals only (no answer form, no document-wide word matches).
const w = (bm25: number, dense: number, wordMatch: number) => ({ bm25, dense, wordMatch, answerForm: 0 });
const PLAIN = { documentFactor: 0 };

export const RETRIEVAL_VARIANTS: Variant[] = [
  { name: "bm25", make: (s) => new LexicalRetriever(s) },
  { name: "bm25 +title", store: { bm25: { includeTitle: true } }, make: (s) => new LexicalRetriever(s) },
  { name: "bm25 s-stem", store: { bm25: { analyzer: STEMMED } }, make: (s) => new LexicalRetriever(s) },
  { name: "bm25 +expansion ≥0.6 ×2", make: expandedBm25(0.6, 2) },
  { name: "bm25 +expansion ≥0.8 ×1", make: expandedBm25(0.8, 1) },
  { name: "dense sif (hnsw)", make: (s, e) => new DenseRetriever(s, e) },
  { name: "rrf k60 d5", make: fused((l) => fuseRrf(l), 5) },
  { name: "rrf k60 d20", make: fused((l) => fuseRrf(l), 20) },
  { name: "rrf 3:1 d20", make: fused((l) => fuseRrf(l, { weights: [3, 1] }), 20) },
  { name: "score-fusion 1:1 d20", make: fused((l) => fuseScores(l), 20) },
  { name: "score-fusion 4:1 d20", make: fused((l) => fuseScores(l, { weights: [4, 1] }), 20) },
  hybrid("hybrid wm only", { weights: w(0, 0, 1), wordMatch: PLAIN }),
  hybrid("hybrid bm25+dense 2:0.5", { weights: w(2, 0.5, 0), wordMatch: PLAIN }),
  hybrid("hybrid bm25+dense 1:1", { weights: w(1, 1, 0), wordMatch: PLAIN }),
  hybrid("hybrid bm25+wm 1:1", { weights: w(1, 0, 1), wordMatch: PLAIN }),
  hybrid("hybrid bm25+wm 2:1", { weights: w(2, 0, 1), wordMatch: PLAIN }),
  hybrid("hybrid bm25:dense:wm 1:1:1", { weights: w(1, 1, 1), wordMatch: PLAIN }),
  hybrid("hybrid bm25:dense:wm 3:0.5:1", { weights: w(3, 0.5, 1), wordMatch: PLAIN }),
  hybrid("hybrid bm25:dense:wm 2:0.5:1", { weights: w(2, 0.5, 1), wordMatch: PLAIN }),
  hybrid(`hybrid chosen ${CHOSEN.bm25}:${CHOSEN.dense}:${CHOSEN.wordMatch} (default)`, {}),
  hybrid("chosen, no answer form", { weights: { answerForm: 0 } }),
  hybrid("chosen, answer form 0.5", { weights: { answerForm: 0.5 } }),
  hybrid("chosen, answer form 0.75", { weights: { answerForm: 0.75 } }),
  hybrid("chosen, answer form 1.5", { weights: { answerForm: 1.5 } }),
  hybrid("chosen, no document words", { wordMatch: { documentFactor: 0 } }),
  hybrid("chosen, document words 0.2", { wordMatch: { documentFactor: 0.2 } }),
  hybrid("chosen, document words 0.3", { wordMatch: { documentFactor: 0.3 } }),
  hybrid("chosen, document words 0.5", { wordMatch: { documentFactor: 0.5 } }),
  hybrid("chosen, mmr 1 (off)", {}, undefined, { mmrLambda: 1 }),
  hybrid("chosen, mmr 0.9", {}, undefined, { mmrLambda: 0.9 }),
  hybrid("chosen, mmr 0.8", {}, undefined, { mmrLambda: 0.8 }),
  hybrid("chosen, no stems", {}, undefined, {}, { stemStrength: 0 }),
  hybrid("chosen, floor 0.4", {}, undefined, {}, { floor: 0.4 }),
  hybrid("chosen, floor 0.6", {}, undefined, {}, { floor: 0.6 }),
  hybrid("chosen, 8 neighbours", { wordMatch: { maxNeighbours: 8 } }),
  hybrid("chosen, depth 10", { depth: 10 }),
  hybrid("chosen, depth 40", { depth: 40 }),
];
