/**
 * In-process latency of each answering stage (no HTTP): engine open, follow-up rewrite, BM25, query
 * embedding + HNSW, word-vector matching, the whole hybrid retrieval, the extractive answer, and ask()
 * end to end. Questions are the gold set's; "cold" is each question's first run (its words never seen,
 * so the word matcher scans the vocabulary), "warm" repeats them as a benchmark or a popular question
 * would. Also the same on a generated corpus to show how retrieval scales. Writes
 * bench/results/engine-stages.json. Standalone: node --import tsx bench/engine-stages.bench.ts [--mb=5]
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { loadConfig } from "../core/config.js";
import type { Turn } from "../core/types.js";
import { createEmbedder, hasWordVectors, openChunkStore, runIngest, type ChunkReader, type Embedder } from "../ingest/index.js";
import {
  createEngine,
  defaultPostprocessors,
  ExtractiveAnswerer,
  DEFAULT_HYBRID,
  HybridRetriever,
  PostprocessedRetriever,
  rewriteFollowUp,
  toQuery,
  uniqueTerms,
  TermMatcher,
  WordMatcher,
  type Retriever,
} from "../rag/index.js";
import { generateCorpus } from "./synthetic-corpus.js";

const { values } = parseArgs({ options: { mb: { type: "string", default: "5" }, rounds: { type: "string", default: "20" } } });
const ROOT = path.dirname(import.meta.dirname);
const SAMPLE = path.resolve(ROOT, "../shared/corpus");
const RESULTS = path.join(import.meta.dirname, "results", "engine-stages.json");
const ROUNDS = Number(values.rounds);

interface Question {
  question: string;
  history?: Turn[];
}

type Stage = "condense" | "bm25" | "embed+hnsw" | "wordMatch" | "retrieve" | "answer" | "ask";
type Timings = Record<Stage, number[]>;

const gold = (await readFile(path.join(ROOT, "eval/corpora/news/gold.jsonl"), "utf8"))
  .split("\n")
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as Question);
const tmp = await mkdtemp(path.join(os.tmpdir(), "citebot-bench-stages-"));
try {
  const sample = await measureCorpus(SAMPLE, path.join(tmp, "sample-index"));
  const docs = path.join(tmp, "docs");
  await generateCorpus({ sourceDir: SAMPLE, dir: docs, bytes: Number(values.mb) * 1e6 });
  const generated = await measureCorpus(docs, path.join(tmp, "generated-index"));
  const result = { questions: gold.length, rounds: ROUNDS, loadAverage: os.loadavg()[0], sample, generated, measuredAt: new Date().toISOString() };
  await mkdir(path.dirname(RESULTS), { recursive: true });
  await writeFile(RESULTS, `${JSON.stringify(result, null, 2)}\n`);
  for (const [name, r] of Object.entries({ sample, generated })) {
    process.stdout.write(`${name}: ${r.chunks} chunks, engine open ${r.openMs} ms, word matcher build ${r.matcherBuildMs} ms\n`);
    for (const [pass, stages] of Object.entries({ cold: r.cold, warm: r.warm })) {
      const cells = Object.entries(stages).map(([s, v]) => `${s} ${v.p50}/${v.p95}`);
      process.stdout.write(`  ${pass} p50/p95 ms: ${cells.join(" · ")}\n`);
    }
  }
} finally {
  await rm(tmp, { recursive: true, force: true });
}

async function measureCorpus(docsDir: string, indexDir: string) {
  const config = loadConfig({
    DOCS_DIR: docsDir,
    INDEX_DIR: indexDir,
    EMBEDDINGS: "local",
    GENERATOR: "extractive",
    CACHE_DIR: path.join(ROOT, ".data/cache"),
  });
  const embedder = await createEmbedder(config);
  await runIngest({ ...config.ingest }, { embedder });
  let started = performance.now();
  const engine = await createEngine(config);
  const openMs = round(performance.now() - started);
  const store = await openChunkStore(indexDir, embedder);
  started = performance.now();
  const termMatcher = new TermMatcher(hasWordVectors(embedder) ? embedder : undefined);
  const matcher = new WordMatcher(termMatcher, store.termIndex());
  const matcherBuildMs = round(performance.now() - started);
  const parts = {
    store,
    embedder,
    matcher,
    // Retrieval as the engine runs it: the hybrid retriever, then dedupe and MMR.
    retriever: new PostprocessedRetriever(new HybridRetriever(store, embedder, { termMatcher }), defaultPostprocessors()),
    answerer: new ExtractiveAnswerer({ wordVectors: hasWordVectors(embedder) ? embedder : undefined, termMatcher }),
  };
  const cold = await pass(parts, engine);
  const warm = emptyTimings();
  for (let r = 0; r < ROUNDS; r++) merge(warm, await pass(parts, engine));
  return { chunks: store.size, openMs, matcherBuildMs, cold: summarize(cold), warm: summarize(warm) };
}

interface Parts {
  store: ChunkReader;
  embedder: Embedder;
  matcher: WordMatcher;
  retriever: Retriever;
  answerer: ExtractiveAnswerer;
}

/** One run over every gold question, timing each stage separately, then ask() end to end. */
async function pass(p: Parts, engine: Awaited<ReturnType<typeof createEngine>>): Promise<Timings> {
  const t = emptyTimings();
  const time = async <T>(stage: Stage, f: () => T | Promise<T>): Promise<T> => {
    const s = performance.now();
    const out = await f();
    t[stage].push(performance.now() - s);
    return out;
  };
  for (const { question, history = [] } of gold) {
    const standalone = await time("condense", () => rewriteFollowUp(question, history));
    const query = toQuery(standalone);
    const lexical = await time("bm25", () => p.store.lexical(query, DEFAULT_HYBRID.depth));
    const dense = await time("embed+hnsw", async () => p.store.dense(await p.embedder.embedQuery(query), DEFAULT_HYBRID.depth));
    const candidates = [...new Set([...lexical, ...dense].map((h) => p.store.termIndex().positionOf(h.chunk.id) ?? -1))];
    await time("wordMatch", () => p.matcher.coverage(uniqueTerms(query), candidates));
    const hits = await time("retrieve", () => p.retriever.retrieve(query, 5));
    await time("answer", () => p.answerer.compose(standalone, hits));
    await time("ask", async () => {
      for await (const event of engine.ask({ question, history })) void event;
    });
  }
  return t;
}

function emptyTimings(): Timings {
  return { condense: [], bm25: [], "embed+hnsw": [], wordMatch: [], retrieve: [], answer: [], ask: [] };
}

function merge(into: Timings, from: Timings): void {
  for (const stage of Object.keys(into) as Stage[]) into[stage].push(...from[stage]);
}

function summarize(t: Timings): Record<Stage, { p50: number; p95: number }> {
  const out = {} as Record<Stage, { p50: number; p95: number }>;
  for (const [stage, values] of Object.entries(t) as [Stage, number[]][])
    out[stage] = { p50: round(percentile(values, 0.5)), p95: round(percentile(values, 0.95)) };
  return out;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
