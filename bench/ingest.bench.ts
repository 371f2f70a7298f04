/**
 * Ingest throughput with the local embedder: word-vector cache load time, the sample corpus
 * (../shared/corpus) cold and warm, in-process and through `npm run ingest`, and a generated corpus
 * of ≥ 50 MB of plain text (MB/s, chunks/s, index size on disk, peak RSS), and the common LangChain recipe over
 * that same corpus right after (bench/langchain-recipe.ts). Writes bench/results/ingest.json.
 * Standalone: node --import tsx bench/ingest.bench.ts [--mb=50]
 */
import { spawnSync } from "node:child_process";
import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { loadConfig } from "../core/config.js";
import { createEmbedder, hasWordVectors, runIngest, type Embedder } from "../ingest/index.js";
import { ingestLangChainRecipe } from "./langchain-recipe.js";
import { generateCorpus } from "./synthetic-corpus.js";

const { values } = parseArgs({ options: { mb: { type: "string", default: "50" } } });
const TARGET_MB = Number(values.mb);
const ROOT = path.dirname(import.meta.dirname);
const SAMPLE = path.resolve(ROOT, "../shared/corpus");
const RESULTS = path.join(import.meta.dirname, "results", "ingest.json");
// Throughput: issue 12's target.
const TARGETS = { cacheLoadMs: 500, sampleWarmCliMs: 3000, mbPerSec: 5 };

const config = loadConfig({ EMBEDDINGS: "local", CACHE_DIR: path.join(ROOT, ".data/cache") });
const chunking = { chunkSize: config.ingest.chunkSize, chunkOverlap: config.ingest.chunkOverlap };
const tmp = await mkdtemp(path.join(os.tmpdir(), "citebot-bench-ingest-"));
try {
  const { result, checks } = await measure(tmp);
  await mkdir(path.dirname(RESULTS), { recursive: true });
  await writeFile(RESULTS, `${JSON.stringify({ ...result, checks, measuredAt: new Date().toISOString() }, null, 2)}\n`);
  printSummary(result, checks);
  if (!checks.allIndexed) process.exitCode = 1;
} finally {
  await rm(tmp, { recursive: true, force: true });
}

async function measure(dir: string) {
  const loadBefore = os.loadavg()[0]!;
  const cache = await loadEmbedder();
  const { embedder } = cache;
  const ingest = (docsDir: string, indexDir: string) => runIngest({ docsDir, indexDir, ...chunking }, { embedder });

  const sampleIndex = path.join(dir, "sample-index");
  const sampleCold = await ingest(SAMPLE, sampleIndex);
  const sampleWarm = await ingest(SAMPLE, sampleIndex);
  const cliIndex = path.join(dir, "cli-index");
  const cliCold = timeCli(cliIndex);
  const cliWarm = timeCli(cliIndex);

  const docs = path.join(dir, "docs");
  const genStarted = performance.now();
  const corpus = await generateCorpus({ sourceDir: SAMPLE, dir: docs, bytes: TARGET_MB * 1e6 });
  const genMs = performance.now() - genStarted;
  const bigIndex = path.join(dir, "big-index");
  const cpuBefore = process.cpuUsage();
  const big = await ingest(docs, bigIndex);
  const cpu = process.cpuUsage(cpuBefore);
  const bigWarm = await ingest(docs, bigIndex);
  const seconds = big.ms / 1000;
  if (!hasWordVectors(embedder)) throw new Error(`${embedder.id} has no word vectors for the LangChain recipe`);
  const recipeIndex = path.join(dir, "langchain-index");
  const recipe = await ingestLangChainRecipe(docs, recipeIndex, embedder, embedder.dim);

  const result = {
    machine: { cpus: os.availableParallelism(), node: process.version, loadAverage: { before: loadBefore, after: os.loadavg()[0]! } },
    embedder: { id: embedder.id, dim: embedder.dim, cacheLoadMs: round(cache.loadMs), cacheBuildMs: cache.buildMs && round(cache.buildMs) },
    sample: {
      files: sampleCold.files.indexed.length,
      chunks: sampleCold.chunks.total,
      inProcess: { coldMs: sampleCold.ms, warmMs: sampleWarm.ms },
      cli: { coldMs: round(cliCold), warmMs: round(cliWarm) },
    },
    generated: {
      files: corpus.files,
      mb: round(corpus.bytes / 1e6, 1),
      generateMs: round(genMs),
      chunks: big.chunks.total,
      ingestMs: big.ms,
      /** All threads (main + prepare workers). */
      cpuMs: round((cpu.user + cpu.system) / 1000),
      mbPerSec: round(big.bytes.indexed / 1e6 / seconds, 2),
      chunksPerSec: round(big.chunks.total / seconds),
      warmReingestMs: bigWarm.ms,
      indexMb: round((await folderBytes(bigIndex)) / 1e6, 1),
      skipped: big.files.skipped.length,
    },
    langchainRecipe: {
      recipe: "RecursiveCharacterTextSplitter 1000/200, plain-mean word vectors, hnswlib M 16 / efConstruction 200",
      chunks: recipe.chunks,
      ingestMs: recipe.ms,
      mbPerSec: round(big.bytes.indexed / 1e6 / (recipe.ms / 1000), 2),
      indexMb: round((await folderBytes(recipeIndex)) / 1e6, 1),
      /** How many times faster citebot's ingest was on the same corpus in this run. */
      citebotSpeedup: round(recipe.ms / big.ms, 2),
    },
    peakRssMb: round(process.resourceUsage().maxRSS / 1024),
    targets: TARGETS,
  };
  const checks = {
    cacheLoad: result.embedder.cacheLoadMs < TARGETS.cacheLoadMs,
    sampleWarmCli: result.sample.cli.warmMs < TARGETS.sampleWarmCliMs,
    throughput: result.generated.mbPerSec >= TARGETS.mbPerSec,
    allIndexed: sampleCold.files.indexed.length === 5 && big.files.skipped.length === 0,
  };
  return { result, checks };
}

type Measured = Awaited<ReturnType<typeof measure>>;

/** Loads the word-vector cache, building it first if needed; the load is then timed on its own. */
async function loadEmbedder(): Promise<{ embedder: Embedder; loadMs: number; buildMs: number | null }> {
  let built = false;
  let started = performance.now();
  let embedder = await createEmbedder(config, { onCacheBuild: () => (built = true) });
  const firstMs = performance.now() - started;
  if (!built) return { embedder, loadMs: firstMs, buildMs: null };
  started = performance.now();
  embedder = await createEmbedder(config);
  return { embedder, loadMs: performance.now() - started, buildMs: firstMs };
}

/** Wall time of `npm run ingest` on the sample corpus, as a user sees it (process start included). */
function timeCli(indexDir: string): number {
  const started = performance.now();
  const run = spawnSync(process.execPath, ["--import", "tsx", "ingest/cli.ts", "--docs", SAMPLE, "--index", indexDir], { cwd: ROOT, encoding: "utf8" });
  if (run.status !== 0) throw new Error(`npm run ingest failed (${run.status}): ${run.stderr}`);
  return performance.now() - started;
}

async function folderBytes(dir: string): Promise<number> {
  const sizes = await Promise.all((await readdir(dir)).map(async (f) => (await stat(path.join(dir, f))).size));
  return sizes.reduce((a, b) => a + b, 0);
}

function round(n: number, digits = 0): number {
  return Number(n.toFixed(digits));
}

function printSummary(r: Measured["result"], checks: Measured["checks"]): void {
  const mark = (ok: boolean) => (ok ? "✓" : "✗");
  const g = r.generated;
  process.stdout.write(
    [
      `embedder cache load   ${r.embedder.cacheLoadMs} ms ${mark(checks.cacheLoad)} (< ${TARGETS.cacheLoadMs} ms)`,
      `sample corpus         in-process cold ${r.sample.inProcess.coldMs} ms, warm ${r.sample.inProcess.warmMs} ms; ` +
        `npm run ingest cold ${r.sample.cli.coldMs} ms, warm ${r.sample.cli.warmMs} ms ${mark(checks.sampleWarmCli)} (< ${TARGETS.sampleWarmCliMs} ms)`,
      `generated corpus      ${g.mb} MB in ${g.files} files → ${g.chunks} chunks in ${g.ingestMs} ms (cpu ${g.cpuMs} ms): ` +
        `${g.mbPerSec} MB/s ${mark(checks.throughput)} (≥ ${TARGETS.mbPerSec}), ${g.chunksPerSec} chunks/s`,
      `                      warm re-ingest ${g.warmReingestMs} ms; index ${g.indexMb} MB on disk`,
      `LangChain recipe      same corpus → ${r.langchainRecipe.chunks} chunks in ${r.langchainRecipe.ingestMs} ms: ${r.langchainRecipe.mbPerSec} MB/s ` +
        `(citebot ${r.langchainRecipe.citebotSpeedup}x faster); index ${r.langchainRecipe.indexMb} MB`,
      `peak RSS              ${r.peakRssMb} MB`,
      `load average          ${r.machine.loadAverage.before.toFixed(1)} → ${r.machine.loadAverage.after.toFixed(1)} on ${r.machine.cpus} cores`,
    ].join("\n") + "\n",
  );
}
