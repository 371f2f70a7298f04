/**
 * Ask latency on the local store beside the PostgreSQL store, same corpus, same engine: the local index of the corpus
 * (brought up to date first) is copied chunk by chunk, with its vectors, into PGlite with pgvector, served over a
 * socket and reached through the pg driver (the wire protocol a real server speaks). Per store: engine open, then
 * every gold question's ask() end to end, and the store's own dense and lexical calls, p50/p95 in ms. Writes
 * bench/results/store.json. Standalone: node --import tsx bench/store.bench.ts [--corpus=python-docs] [--rounds=2]
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { loadConfig, type Config } from "../core/config.js";
import { createChunkWriter, createEmbedder, openChunkStore, runIngest, storeLocation, type ChunkReader, type Embedder } from "../ingest/index.js";
import type { TextSearchConfig } from "../ingest/store/pgvector/schema.js";
import { createEngine, DEFAULT_HYBRID } from "../rag/index.js";
import { evidenceRank, hitAtK } from "../eval/metrics/hit-at-k.js";
import { percentile } from "../eval/metrics/latency.js";

const { values } = parseArgs({ options: { corpus: { type: "string", default: "python-docs" }, rounds: { type: "string", default: "1" } } });
const ROOT = path.dirname(import.meta.dirname);
const CORPUS = path.join(ROOT, ".data/corpora", values.corpus);
const RESULTS = path.join(import.meta.dirname, "results", "store.json");
const ROUNDS = Number(values.rounds);

const questions = (await readFile(path.join(ROOT, "eval/corpora", values.corpus, "gold.jsonl"), "utf8"))
  .split("\n")
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as { question: string; evidence?: string | string[]; answerable: boolean; split: string });

const local = loadConfig({ DOCS_DIR: path.join(CORPUS, "docs"), INDEX_DIR: path.join(CORPUS, "index"), EMBEDDINGS: "local", GENERATOR: "extractive" });
const embedder = await createEmbedder(local);
await runIngest({ ...local.ingest }, { embedder });

const { startPgliteDatabase } = await import("../ingest/testing/pglite-database.js");
const db = await startPgliteDatabase();
try {
  const inSchema = (schema: string): Readonly<Config> => ({ ...local, ingest: { ...local.ingest, database: { url: db.url, schema } } });
  const [postgres, english, simple] = [inSchema("bench"), inSchema("bench_english"), inSchema("bench_simple")];
  const copyMs = await copyIndex(local, postgres, embedder, "citebot");
  await copyIndex(local, english, embedder, "english");
  await copyIndex(local, simple, embedder, "simple");
  const lexicalHitAt5 = {
    local: await lexicalHits(local, embedder),
    postgresCitebot: await lexicalHits(postgres, embedder),
    postgresEnglish: await lexicalHits(english, embedder),
    postgresSimple: await lexicalHits(simple, embedder),
  };
  const stores = { local: await measure(local, embedder), postgres: await measure(postgres, embedder) };
  const result = {
    corpus: values.corpus,
    questions: questions.length,
    rounds: ROUNDS,
    copyToPostgresMs: copyMs,
    lexicalHitAt5,
    loadAverage: os.loadavg()[0],
    stores,
    measuredAt: new Date().toISOString(),
  };
  await mkdir(path.dirname(RESULTS), { recursive: true });
  await writeFile(RESULTS, `${JSON.stringify(result, null, 2)}\n`);
  process.stdout.write(
    `${values.corpus}: ${questions.length} questions × ${ROUNDS}, load average ${os.loadavg()[0]!.toFixed(1)}; copied to PostgreSQL in ${copyMs} ms\n`,
  );
  process.stdout.write(`  lexical side alone, hit@5 on the tune questions: ${JSON.stringify(lexicalHitAt5)}\n`);
  for (const [name, r] of Object.entries(stores)) {
    const cells = (["ask", "dense", "lexical"] as const).map((s) => `${s} ${r[s].p50}/${r[s].p95}`);
    process.stdout.write(`  ${name}: ${r.chunks} chunks, engine open ${r.openMs} ms; p50/p95 ms: ${cells.join(" · ")}\n`);
  }
} finally {
  await db.close();
}

/** The local index's chunks and vectors into the database, as one rebuild (the vectors are not recomputed). */
async function copyIndex(from: Readonly<Config>, to: Readonly<Config>, e: Embedder, textSearch: TextSearchConfig): Promise<number> {
  const started = performance.now();
  const source = await openChunkStore(storeLocation(from.ingest), e);
  const target = await createChunkWriter(storeLocation(to.ingest), e, { textSearch });
  try {
    const chunks = [...source.chunks()];
    await target.put(
      chunks,
      chunks.map((c) => Array.from(source.vector!(c.id)!)),
    );
    await target.save("");
  } finally {
    await target.close();
  }
  return Math.round(performance.now() - started);
}

/** Share of the tune split's answerable questions whose evidence is in one of the store's top 5 lexical hits. */
async function lexicalHits(config: Readonly<Config>, e: Embedder): Promise<number> {
  const store = await openChunkStore(storeLocation(config.ingest), e);
  const tune = questions.filter((q) => q.split === "tune" && q.answerable && q.evidence);
  let hits = 0;
  try {
    for (const q of tune) {
      const passages = (await store.lexical(q.question, 5)).map((h) => ({ source: h.chunk.source, text: h.chunk.text }));
      hits += hitAtK(evidenceRank(passages, [q.evidence!].flat(), "any"), 5);
    }
  } finally {
    await store.close?.();
  }
  return Math.round((hits / tune.length) * 1000) / 1000;
}

async function measure(config: Readonly<Config>, e: Embedder) {
  let started = performance.now();
  const engine = await createEngine(config, { embedder: e });
  const openMs = Math.round(performance.now() - started);
  const store: ChunkReader = await openChunkStore(storeLocation(config.ingest), e);
  const t = { ask: [] as number[], dense: [] as number[], lexical: [] as number[] };
  const time = async (into: number[], work: () => Promise<unknown>) => {
    started = performance.now();
    await work();
    into.push(performance.now() - started);
  };
  try {
    for (let round = 0; round < ROUNDS; round++) {
      for (const { question } of questions) {
        await time(t.ask, async () => {
          for await (const event of engine.ask({ question })) void event;
        });
        const vector = await e.embedQuery(question);
        // At the hybrid retriever's depth (candidates from each side).
        await time(t.dense, () => store.dense(vector, DEFAULT_HYBRID.depth));
        await time(t.lexical, () => store.lexical(question, DEFAULT_HYBRID.depth));
      }
    }
  } finally {
    await engine.close();
    await store.close?.();
  }
  const stats = (v: number[]) => ({ p50: round(percentile(v, 50)), p95: round(percentile(v, 95)) });
  return { chunks: store.size, openMs, ask: stats(t.ask), dense: stats(t.dense), lexical: stats(t.lexical) };
}

function round(x: number): number {
  return Math.round(x * 10) / 10;
}
