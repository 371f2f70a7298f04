/**
 * HNSW recall@10 against exact (brute-force) cosine search, for several graph settings (M,
 * efConstruction) and query-time ef, on the sample corpus index and on a generated corpus, with
 * build time and query time. These numbers set DEFAULT_HNSW_PARAMS (ingest/store/hnsw-index.ts).
 * Queries are the sample corpus's sentences, embedded like questions. Writes bench/results/hnsw-recall.json.
 * Standalone: node --import tsx bench/hnsw-recall.bench.ts [--mb=10]
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { loadConfig } from "../core/config.js";
import { createEmbedder, type Embedder, HnswIndex, openChunkStore, runIngest } from "../ingest/index.js";
import { generateCorpus, sampleSentences } from "./synthetic-corpus.js";

const { values } = parseArgs({ options: { mb: { type: "string", default: "10" } } });
const ROOT = path.dirname(import.meta.dirname);
const SAMPLE = path.resolve(ROOT, "../shared/corpus");
const RESULTS = path.join(import.meta.dirname, "results", "hnsw-recall.json");
const K = 10;
const GRAPHS = [
  { m: 16, efConstruction: 200 },
  { m: 16, efConstruction: 100 },
  { m: 16, efConstruction: 64 },
  { m: 16, efConstruction: 32 },
  { m: 12, efConstruction: 32 },
];
const EFS = [10, 32, 64, 128, 200, 300, 400];

interface GraphResult {
  m: number;
  efConstruction: number;
  buildMs: number;
  recall: { ef: number; recallAt10: number; usPerQuery: number }[];
}

const config = loadConfig({ EMBEDDINGS: "local", CACHE_DIR: path.join(ROOT, ".data/cache") });
const embedder = await createEmbedder(config);
const queries = (await embedder.embedDocuments(await sampleSentences(SAMPLE))).map((q) => Float32Array.from(q));
const tmp = await mkdtemp(path.join(os.tmpdir(), "citebot-bench-recall-"));
try {
  const sample = await measure(await indexVectors(SAMPLE, path.join(tmp, "sample"), embedder));
  const docs = path.join(tmp, "docs");
  await generateCorpus({ sourceDir: SAMPLE, dir: docs, bytes: Number(values.mb) * 1e6 });
  const generated = await measure(await indexVectors(docs, path.join(tmp, "generated"), embedder));
  const result = { k: K, queries: queries.length, sample, generated, measuredAt: new Date().toISOString() };
  await mkdir(path.dirname(RESULTS), { recursive: true });
  await writeFile(RESULTS, `${JSON.stringify(result, null, 2)}\n`);
  for (const [name, r] of Object.entries({ sample, generated })) {
    process.stdout.write(`${name}: ${r.vectors} vectors\n`);
    for (const g of r.graphs) {
      const cells = g.recall.map((x) => `ef ${x.ef}: ${x.recallAt10.toFixed(3)} (${x.usPerQuery} µs)`).join("  ");
      process.stdout.write(`  M ${g.m} efC ${g.efConstruction} build ${g.buildMs} ms | ${cells}\n`);
    }
  }
} finally {
  await rm(tmp, { recursive: true, force: true });
}

/** Ingests a folder with the real pipeline and returns the stored chunk vectors. */
async function indexVectors(docsDir: string, indexDir: string, e: Embedder): Promise<Float32Array[]> {
  await runIngest({ docsDir, indexDir, chunkSize: config.ingest.chunkSize, chunkOverlap: config.ingest.chunkOverlap }, { embedder: e });
  const store = await openChunkStore(indexDir, e);
  return store.chunks().map((c) => store.vector!(c.id)!);
}

async function measure(vectors: Float32Array[]): Promise<{ vectors: number; graphs: GraphResult[] }> {
  const k = Math.min(K, vectors.length);
  const unit = vectors.map(normalized);
  const truth = queries.map((q) => exactTopK(unit, normalized(q), k));
  const graphs: GraphResult[] = [];
  for (const g of GRAPHS) {
    const started = performance.now();
    const index = HnswIndex.create(vectors[0]!.length, { ...g, efSearch: EFS[0] });
    vectors.forEach((v, label) => index.add(label, v));
    const buildMs = Math.round(performance.now() - started);
    const recall = EFS.map((ef) => {
      let found = 0;
      const t = performance.now();
      for (let i = 0; i < queries.length; i++) {
        for (const n of index.search(queries[i]!, k, ef)) if (truth[i]!.has(n.label)) found++;
      }
      const usPerQuery = Math.round(((performance.now() - t) / queries.length) * 1000);
      return { ef, recallAt10: Number((found / (queries.length * k)).toFixed(4)), usPerQuery };
    });
    graphs.push({ ...g, buildMs, recall });
  }
  return { vectors: vectors.length, graphs };
}

function exactTopK(unit: Float32Array[], q: Float32Array, k: number): Set<number> {
  const sims = unit.map((v, i) => [i, dot(v, q)] as const);
  return new Set(
    sims
      .sort((a, b) => b[1] - a[1])
      .slice(0, k)
      .map(([i]) => i),
  );
}

function normalized(v: Float32Array): Float32Array {
  const n = Math.sqrt(dot(v, v)) || 1;
  return v.map((x) => x / n);
}

function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}
