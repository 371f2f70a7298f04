import type { Chunk, Hit } from "../../core/types.js";
import { DEFAULT_BM25_PARAMS, dot, hasWordVectors, type ChunkReader, type Embedder, type TermIndex } from "../../ingest/index.js";
import { TermMatcher } from "../terms/term-matcher.js";
import { expectedForm, hasForm, type AnswerForm } from "./answer-form.js";
import type { HitFeatures, RankedHit } from "./ranked-hit.js";
import type { Retriever } from "./retriever.js";
import { uniqueTerms, WordMatcher, type WordMatchOptions } from "./word-match.js";

export interface HybridWeights {
  bm25: number;
  dense: number;
  wordMatch: number;
  /** Counts only for questions asking for a share, a duration or a sum (see answer-form.ts). */
  answerForm: number;
}

export interface HybridOptions {
  /** Candidates taken from each of BM25 and dense search before reranking. */
  depth?: number;
  /** Weights of the normalised features in the final score (rag/retrieve/TUNING.md has the measurements). */
  weights?: Partial<HybridWeights>;
  wordMatch?: WordMatchOptions;
  /** How a question word matches a passage word; share the answerer's so both judge alike (default: one over the embedder's word vectors). */
  termMatcher?: TermMatcher;
}

export const DEFAULT_HYBRID: Readonly<Required<Omit<HybridOptions, "weights" | "wordMatch" | "termMatcher">> & { weights: HybridWeights }> = {
  depth: 40,
  weights: { bm25: 2, dense: 0.5, wordMatch: 1, answerForm: 1 },
};

// A BM25 term's score saturates at idf · (k1 + 1), which gives the query's BM25 ceiling.
const BM25_K1 = DEFAULT_BM25_PARAMS.k1;

/**
 * Candidates from BM25 and dense search (retrieve, then rerank: word matching only scores them, which on both tune
 * corpora ranked better than letting it add candidates of its own), reranked by a weighted mean of three normalised signals (BM25 against the query's ceiling,
 * exact dense cosine from the stored vectors, word-vector MaxSim coverage, which also credits question words
 * found elsewhere in the chunk's document), plus, for a question asking for a share, a duration or a sum,
 * whether the chunk states one (answer-form.ts); overlapping chunks and documents taking every slot are left to the
 * postprocessors (rag/postprocess/). Hits carry their features and a score in [0, 1] comparable across
 * queries (see RankedHit). Features that need a passage's words are computed for the candidates only. The
 * word matcher takes the store's prepared term index at construction: build a new retriever after changing
 * the store.
 */
export class HybridRetriever implements Retriever {
  private readonly options: typeof DEFAULT_HYBRID;
  private readonly matcher: WordMatcher;
  private readonly terms: TermIndex;

  constructor(
    private readonly store: ChunkReader,
    private readonly embedder: Embedder,
    options: HybridOptions = {},
  ) {
    this.options = {
      ...DEFAULT_HYBRID,
      ...stripUndefined(options),
      weights: { ...DEFAULT_HYBRID.weights, ...stripUndefined(options.weights ?? {}) },
    };
    const { bm25, dense, wordMatch } = this.options.weights;
    // The answer form only reorders what the other signals found: it cannot rank on its own.
    if (!(bm25 + dense + wordMatch > 0)) throw new RangeError("HybridRetriever needs a positive bm25, dense or wordMatch weight");
    // Without word vectors (e.g. OpenAI embeddings) word matching degrades to coverage by spelling and stem.
    this.terms = store.termIndex();
    const termMatcher = options.termMatcher ?? new TermMatcher(hasWordVectors(embedder) ? embedder : undefined);
    this.matcher = new WordMatcher(termMatcher, this.terms, options.wordMatch);
  }

  async retrieve(query: string, k: number, signal?: AbortSignal): Promise<RankedHit[]> {
    if (!Number.isInteger(k) || k < 1) throw new RangeError(`retrieve k must be a positive integer, got ${k}`);
    signal?.throwIfAborted();
    const { depth, weights } = this.options;
    const [lexical, queryVector] = await Promise.all([this.store.lexical(query, depth), weights.dense > 0 ? this.embedder.embedQuery(query) : undefined]);
    const dense = queryVector ? await this.store.dense(queryVector, depth) : [];
    signal?.throwIfAborted();
    return this.rank(uniqueTerms(query), lexical, dense, queryVector, expectedForm(query)).slice(0, k);
  }

  /** Candidates from BM25 and dense search, scored on all three features (four when the question asks for an answer form). */
  private rank(terms: string[], lexical: readonly Hit[], dense: readonly Hit[], queryVector: number[] | undefined, form: AnswerForm | undefined): RankedHit[] {
    const { weights } = this.options;
    const bm25 = new Map(lexical.map((h) => [h.chunk.id, h.score]));
    const cosines = new Map(dense.map((h) => [h.chunk.id, h.score]));
    const byId = new Map<string, Chunk>();
    for (const h of [...lexical, ...dense]) byId.set(h.chunk.id, h.chunk);
    const candidates = [...byId.values()];
    const coverage = this.matcher.coverage(
      terms,
      candidates.map((c) => this.terms.positionOf(c.id) ?? -1),
    );
    const formWeight = form ? weights.answerForm : 0;
    const ceiling = terms.reduce((sum, t) => sum + this.matcher.idf(t) * (BM25_K1 + 1), 0);
    const total = weights.bm25 + weights.dense + weights.wordMatch + formWeight;
    const hits: RankedHit[] = [];
    for (const [i, chunk] of candidates.entries()) {
      const lexicalScore = bm25.get(chunk.id) ?? 0;
      const features: HitFeatures = {
        bm25: lexicalScore,
        bm25Norm: ceiling > 0 ? clamp01(lexicalScore / ceiling) : 0,
        dense: clamp01(cosines.get(chunk.id) ?? this.cosine(queryVector, chunk.id)),
        wordMatch: coverage[i]!,
        ...(form && formWeight > 0 ? { answerForm: hasForm(chunk.text, form) ? 1 : 0 } : {}),
      };
      const score =
        (weights.bm25 * features.bm25Norm + weights.dense * features.dense + weights.wordMatch * features.wordMatch + formWeight * (features.answerForm ?? 0)) /
        total;
      hits.push({ chunk, score, via: "hybrid", features });
    }
    return hits.sort((a, b) => b.score - a.score);
  }

  /** Exact cosine from the stored chunk vector when the store keeps vectors; else 0. */
  private cosine(queryVector: number[] | undefined, chunkId: string): number {
    const stored = queryVector ? this.store.vector?.(chunkId) : undefined;
    return stored ? dot(queryVector!, stored) : 0;
  }
}

const clamp01 = (x: number): number => Math.min(1, Math.max(0, x));

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
